/**
 * The video room on one machine, each figure beside a same-run baseline on a bare `peer` server:
 *
 *   npx tsx bench/room.ts            (needs `npx vite build` and Debian's Chromium)
 *
 *  1. join → first remote frame: Chromium with a fake camera; an interviewer waits in the room, the
 *     candidate clicks "Join the interview" and we time until the first frame of the interviewer's
 *     video is decoded. Baseline: two plain pages with the PeerJS client on a bare `peer` server,
 *     timing a click that creates the peer and calls (no app, no issued id).
 *  2. idle signaling connections: N WebSocket clients with issued ids and secrets are opened against
 *     Parley's peer-server (each upgrade checks id + secret hash, the holder and the room in
 *     `room_peers`, and every open socket is re-checked every PEER_RECHECK_MS) and against a bare
 *     `peer` server with the same alive timeout. Each client then idles as a PeerJS client does (a
 *     HEARTBEAT every 5 s, nothing else) for longer than the alive timeout, so the count shows what
 *     the servers really keep, not what they have not got round to dropping yet.
 *
 * BENCH_ROOM_CLIENTS (default 2000), BENCH_ROOM_JOINS (default 5) and BENCH_ROOM_IDLE_S (default
 * 70, above the 60 s alive timeout) tune the sizes. The last line is machine-readable.
 */
import express from 'express';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExpressPeerServer } from 'peer';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { DEMO_ACCOUNTS } from '../db/seed';
import { PEER_ALIVE_TIMEOUT_MS, PEER_KEY, PEER_PATH } from '../peer-server/index';
import { generateToken, hashToken } from '../src/lib/server/auth';
import { startTestApp, type TestApp } from '../tests/helpers/app';
import { launchBrowser, newPerson, signIn } from '../tests/helpers/browser';
import { bookDirect } from '../tests/helpers/calendar';

const CLIENTS = Number(process.env.BENCH_ROOM_CLIENTS ?? 2000);
const JOINS = Number(process.env.BENCH_ROOM_JOINS ?? 5);
/** How long the clients stay idle before they are counted: longer than the servers' alive timeout. */
const IDLE_MS = Number(process.env.BENCH_ROOM_IDLE_S ?? 70) * 1000;
/** What a PeerJS client sends while idle (its default pingInterval). */
const HEARTBEAT_MS = 5_000;
const RAMP_BATCH = 100;

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

/** An online interview that is in its join window now, written through the calendar document. */
async function bookNow(app: TestApp): Promise<string> {
	const [id] = await bookDirect(app, [
		{ candidate: DEMO_ACCOUNTS.candidates[0].email, startInMin: 0, mode: 'online', durationMin: 60, timezone: 'UTC' }
	]);
	return id!;
}

/**
 * Arms the page to time from the next click on `button` to the first decoded remote frame. Passed
 * as source text: tsx's helper names would not exist inside the page.
 */
function armFirstFrameTimer(page: Page, buttonSelector: string, videoSelector: string): Promise<void> {
	return page.evaluate(`(() => {
		window.__firstFrameMs = undefined;
		let clickedAt = 0;
		document.querySelector(${JSON.stringify(buttonSelector)}).addEventListener('click', () => { clickedAt = performance.now(); }, { capture: true, once: true });
		function watch() {
			const v = document.querySelector(${JSON.stringify(videoSelector)});
			if (v && v.srcObject) { v.requestVideoFrameCallback(() => { window.__firstFrameMs = performance.now() - clickedAt; }); return; }
			requestAnimationFrame(watch);
		}
		watch();
	})()`);
}

async function firstFrameMs(page: Page): Promise<number> {
	await page.waitForFunction(
		() => (window as unknown as { __firstFrameMs?: number }).__firstFrameMs !== undefined,
		undefined,
		{
			timeout: 30_000
		}
	);
	return page.evaluate(() => (window as unknown as { __firstFrameMs: number }).__firstFrameMs);
}

/** Parley: interviewer waits in the room; the candidate's click on Join, to the first frame. */
async function parleyJoinToFrame(app: TestApp, browser: Browser): Promise<number[]> {
	const id = await bookNow(app);
	const room = `${app.url}/interviews/${id}/room`;
	const interviewer = await (await newPerson(browser)).newPage();
	await signIn(interviewer, app.url, DEMO_ACCOUNTS.interviewers[0].email);
	await interviewer.waitForURL('**/my/interviews');
	await interviewer.goto(room);
	await interviewer.getByRole('button', { name: 'Join the interview' }).click();
	await interviewer.getByTestId('room-waiting').waitFor();
	const candidate = await (await newPerson(browser)).newPage();
	await signIn(candidate, app.url, DEMO_ACCOUNTS.candidates[0].email);
	await candidate.waitForURL('**/me');
	const times: number[] = [];
	for (let i = 0; i < JOINS; i++) {
		await candidate.goto(room);
		const join = candidate.getByRole('button', { name: 'Join the interview' });
		await join.waitFor();
		// The preview is running before the click, as it is for a person.
		await candidate.waitForFunction(
			() => (document.querySelector<HTMLVideoElement>('[data-testid="local-tile"] video')?.videoWidth ?? 0) > 0
		);
		await armFirstFrameTimer(candidate, '.controls .btn.primary', '[data-testid="remote-tile"] video');
		await join.click();
		times.push(await firstFrameMs(candidate));
		await candidate.getByRole('button', { name: 'Leave' }).click();
		await interviewer.getByTestId('room-waiting').waitFor({ timeout: 15_000 });
	}
	await interviewer.context().close();
	await candidate.context().close();
	return times;
}

/** A bare `peer` server on its own HTTP server, plus a page with only the PeerJS client. */
async function startBarePeer(): Promise<{ server: Server; url: string; port: number }> {
	const app = express();
	const server = createServer(app);
	const peerjs = readFileSync(resolve(import.meta.dirname, '../node_modules/peerjs/dist/peerjs.min.js'), 'utf8');
	app.get('/peerjs.min.js', (_req, res) => void res.type('js').send(peerjs));
	app.get('/', (_req, res) => void res.type('html').send(BARE_PAGE));
	app.use(
		PEER_PATH,
		ExpressPeerServer(server, {
			key: PEER_KEY,
			path: '/',
			allow_discovery: false,
			alive_timeout: PEER_ALIVE_TIMEOUT_MS
		})
	);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.address() as AddressInfo).port;
	return { server, port, url: `http://127.0.0.1:${port}` };
}

const BARE_PAGE = `<!doctype html><html><body>
<video id="local" autoplay muted playsinline></video><video id="remote" autoplay playsinline></video>
<button id="go">go</button>
<script src="/peerjs.min.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  const opts = { host: location.hostname, port: Number(location.port), path: '${PEER_PATH}', key: '${PEER_KEY}' };
  navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then((stream) => {
    document.getElementById('local').srcObject = stream;
    const show = (s) => { document.getElementById('remote').srcObject = s; };
    if (q.get('role') === 'wait') {
      const peer = new Peer(q.get('id'), opts);
      peer.on('call', (call) => { call.answer(stream); call.on('stream', show); });
      peer.on('open', () => (window.__open = true));
    } else {
      document.getElementById('go').onclick = () => {
        const peer = new Peer(q.get('id'), opts);
        peer.on('open', () => peer.call(q.get('to'), stream).on('stream', show));
      };
    }
  });
</script></body></html>`;

/** Baseline: the same click-to-first-frame with a bare PeerJS page and server. */
async function bareJoinToFrame(browser: Browser): Promise<number[]> {
	const bare = await startBarePeer();
	const times: number[] = [];
	const waiter = await (await newPerson(browser)).newPage();
	const waitId = generateToken();
	await waiter.goto(`${bare.url}/?role=wait&id=${waitId}`);
	await waiter.waitForFunction(() => (window as unknown as { __open?: boolean }).__open === true);
	const caller = await (await newPerson(browser)).newPage();
	for (let i = 0; i < JOINS; i++) {
		await caller.goto(`${bare.url}/?role=call&id=${generateToken()}&to=${waitId}`);
		await caller.waitForFunction(() => (document.querySelector<HTMLVideoElement>('#local')?.videoWidth ?? 0) > 0);
		await armFirstFrameTimer(caller, '#go', '#remote');
		await caller.click('#go');
		times.push(await firstFrameMs(caller));
	}
	await waiter.context().close();
	await caller.context().close();
	bare.server.closeAllConnections();
	await new Promise<void>((r) => bare.server.close(() => r()));
	return times;
}

interface Credential {
	id: string;
	secret: string;
}

/**
 * Opens one idle signaling socket per credential, in batches; each sends a HEARTBEAT every 5 s like
 * a PeerJS client. Returns how many opened and how many are still open after IDLE_MS.
 */
async function holdIdleClients(
	wsBase: string,
	clients: Credential[],
	serverCount: () => number = () => NaN
): Promise<{ opened: number; held: number; rampMs: number; counted: number }> {
	const sockets: WebSocket[] = [];
	const started = performance.now();
	let opened = 0;
	for (let i = 0; i < clients.length; i += RAMP_BATCH) {
		const batch = clients.slice(i, i + RAMP_BATCH).map(
			({ id, secret }) =>
				new Promise<void>((resolveOpen) => {
					const ws = new WebSocket(`${wsBase}${PEER_PATH}/peerjs?key=${PEER_KEY}&id=${id}&token=${secret}`);
					sockets.push(ws);
					const done = () => resolveOpen();
					ws.once('message', (data) => {
						if (String(data).includes('"OPEN"')) opened++;
						done();
					});
					ws.once('error', done);
					ws.once('close', done);
				})
		);
		await Promise.all(batch);
	}
	const rampMs = performance.now() - started;
	const heartbeat = setInterval(() => {
		for (const s of sockets) if (s.readyState === WebSocket.OPEN) s.send('{"type":"HEARTBEAT"}');
	}, HEARTBEAT_MS);
	await new Promise((r) => setTimeout(r, IDLE_MS));
	clearInterval(heartbeat);
	const held = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
	const counted = serverCount();
	await Promise.all(
		sockets.map(
			(s) =>
				new Promise<void>((r) => {
					if (s.readyState === WebSocket.CLOSED) return r();
					s.once('close', () => r());
					s.terminate();
				})
		)
	);
	return { opened, held, rampMs, counted };
}

export async function main(): Promise<void> {
	const app = await startTestApp('embedded');
	const browser = await launchBrowser();
	try {
		const parleyJoin = await parleyJoinToFrame(app, browser);
		const bareJoin = await bareJoinToFrame(browser);
		console.log(
			`join → first remote frame over ${JOINS} joins: Parley median ${median(parleyJoin).toFixed(0)} ms (${parleyJoin.map((t) => t.toFixed(0)).join(', ')}), bare peer median ${median(bareJoin).toFixed(0)} ms (${bareJoin.map((t) => t.toFixed(0)).join(', ')})`
		);
		await browser.close();

		// Issued ids and secrets for Parley's peer-server: rows of room_peers of one interview in its
		// window, held by an admin of its organization (who may observe any room), valid for the run.
		const interviewId = await bookNow(app);
		const [user] = await app.runtime.db.sql<
			{ id: string }[]
		>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		const credentials = Array.from({ length: CLIENTS }, () => ({ id: generateToken(), secret: generateToken() }));
		const expires = new Date(Date.now() + IDLE_MS + 3600_000);
		await app.runtime.db.sql`insert into room_peers (peer_id, interview_id, user_id, expires_at, secret_hash)
			select unnest(${credentials.map((c) => c.id)}::text[]), ${interviewId}, ${user!.id}, ${expires},
				unnest(${credentials.map((c) => hashToken(c.secret))}::text[])`;
		const parley = await holdIdleClients(
			app.url.replace('http', 'ws'),
			credentials,
			() => app.runtime.peer?.connectionCount() ?? 0
		);
		const bare = await startBarePeer();
		const bareRun = await holdIdleClients(
			`ws://127.0.0.1:${bare.port}`,
			credentials.map(() => ({ id: generateToken(), secret: generateToken() }))
		);
		bare.server.closeAllConnections();
		await new Promise<void>((r) => bare.server.close(() => r()));
		console.log(
			`idle signaling clients (${CLIENTS}, idle ${IDLE_MS / 1000} s with heartbeats, alive timeout ${PEER_ALIVE_TIMEOUT_MS / 1000} s): Parley held ${parley.held} (ramp ${parley.rampMs.toFixed(0)} ms, ${parley.counted} counted by the peer-server), bare peer held ${bareRun.held} (ramp ${bareRun.rampMs.toFixed(0)} ms)`
		);
		console.log(
			`bench room: join_first_frame_ms=${median(parleyJoin).toFixed(0)} bare_join_first_frame_ms=${median(bareJoin).toFixed(0)} clients=${CLIENTS} idle_s=${IDLE_MS / 1000} alive_timeout_s=${PEER_ALIVE_TIMEOUT_MS / 1000} held=${parley.held} bare_held=${bareRun.held} ramp_ms=${parley.rampMs.toFixed(0)} bare_ramp_ms=${bareRun.rampMs.toFixed(0)}`
		);
	} finally {
		await browser.close().catch(() => {});
		await app.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().then(
		() => process.exit(0),
		(err: unknown) => {
			console.error(err);
			process.exit(1);
		}
	);
}
