import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, updateInterview } from '../../src/lib/collab/calendar';
import { generateToken, hashToken } from '../../src/lib/server/auth';
import { MAX_ROOM_PEOPLE } from '../../src/lib/server/room';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';
import { bookDirect } from '../helpers/calendar';

const [SAM, LENA] = [DEMO_ACCOUNTS.candidates[0].email, DEMO_ACCOUNTS.candidates[1].email];
const INES = DEMO_ACCOUNTS.interviewers[0].email;
const MARCO = DEMO_ACCOUNTS.interviewers[1].email;
const PRIYA = DEMO_ACCOUNTS.interviewers[2].email;
const ADMIN = DEMO_ACCOUNTS.admin.email;
const OLIVER = DEMO_ACCOUNTS.candidates[6].email;

/** Books an interview straight into the calendar document (the API refuses starts under 2 h ahead). */
async function bookInRoomWindow(app: TestApp, candidateEmail: string, panelEmails: string[], startInMin: number) {
	const [id] = await bookDirect(app, [
		{
			candidate: candidateEmail,
			panel: panelEmails,
			startInMin,
			mode: 'online',
			durationMin: 45,
			timezone: 'America/New_York',
			actor: DEMO_ACCOUNTS.admin.email
		}
	]);
	return id!;
}

/** Frames decoded by the video of the first remote tile, and its size. */
function remoteVideo(page: Page) {
	return page.evaluate(() => {
		const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-tile"] video');
		if (!v) return null;
		return {
			width: v.videoWidth,
			height: v.videoHeight,
			frames: v.getVideoPlaybackQuality().totalVideoFrames,
			time: v.currentTime
		};
	});
}

async function receivesFrames(page: Page) {
	await page.waitForFunction(
		() => (document.querySelector<HTMLVideoElement>('[data-testid="remote-tile"] video')?.videoWidth ?? 0) > 0,
		undefined,
		{ timeout: 20_000 }
	);
	const first = (await remoteVideo(page))!;
	await page.waitForTimeout(1_000);
	const later = (await remoteVideo(page))!;
	expect(first.width).toBeGreaterThan(0);
	expect(first.height).toBeGreaterThan(0);
	expect(later.frames).toBeGreaterThan(first.frames);
	expect(later.time).toBeGreaterThan(first.time);
}

/** The candidate and the interviewer, signed in, both in the room and seeing each other. */
async function inTheRoom(app: TestApp, browser: Browser, candidateEmail: string, startInMin: number) {
	const id = await bookInRoomWindow(app, candidateEmail, [INES], startInMin);
	const candidate = await (await newPerson(browser)).newPage();
	const interviewer = await (await newPerson(browser)).newPage();
	await signIn(candidate, app.url, candidateEmail);
	await candidate.waitForURL('**/me');
	await signIn(interviewer, app.url, INES);
	await interviewer.waitForURL('**/my/interviews');
	for (const page of [interviewer, candidate]) {
		await page.goto(`${app.url}/interviews/${id}/room`);
		await page.getByRole('button', { name: 'Join the interview' }).click();
	}
	await receivesFrames(interviewer);
	await receivesFrames(candidate);
	return { id, candidate, interviewer };
}

/** Starts recording every state the first remote tile of the page goes through (`data-status`). */
function recordTileStates(page: Page): Promise<void> {
	return page.evaluate(() => {
		const w = window as unknown as { __tileStates: string[] };
		w.__tileStates = [];
		const tile = document.querySelector('[data-testid="remote-tile"]')!;
		new MutationObserver(() => w.__tileStates.push(tile.getAttribute('data-status') ?? '')).observe(tile, {
			attributes: true,
			attributeFilter: ['data-status']
		});
	});
}

function tileStates(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __tileStates: string[] }).__tileStates);
}

/** The peer ids a person holds for an interview now. */
async function peerIdsOf(app: TestApp, interviewId: string, email: string): Promise<string[]> {
	const rows = await app.runtime.db.sql<{ peer_id: string }[]>`
		select rp.peer_id from room_peers rp join users u on u.id = rp.user_id
		where rp.interview_id = ${interviewId} and u.email = ${email}`;
	return rows.map((r) => r.peer_id);
}

/** An admin of the demo organization made for a test, who signs in with the demo password. */
async function extraAdmin(app: TestApp, email: string, name: string): Promise<void> {
	const [u] = await app.runtime.db.sql<{ id: string }[]>`
		insert into users (email, name, password_hash, timezone)
		select ${email}, ${name}, password_hash, timezone from users where email = ${ADMIN} returning id`;
	await app.runtime.db.sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${app.orgId}, 'admin')`;
}

describe('the video room, with two people and a fake camera', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	// A test that fails leaves its people in the room; the next tests count peer connections.
	afterEach(async () => {
		for (const context of browser?.contexts() ?? []) await context.close();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('lets the candidate and the interviewer see each other, and each sees the other mute and turn the camera off', async () => {
		const id = await bookInRoomWindow(app, SAM, [INES], 5);
		const candidate = await (await newPerson(browser)).newPage();
		const interviewer = await (await newPerson(browser, { timezoneId: 'America/New_York' })).newPage();
		await signIn(candidate, app.url, SAM);
		await candidate.waitForURL('**/me');
		await signIn(interviewer, app.url, INES);
		await interviewer.waitForURL('**/my/interviews');

		// The candidate finds the room through the join button on their home page.
		await candidate.getByTestId('join-room').click();
		await candidate.waitForURL(`**/interviews/${id}/room`);
		await candidate.getByRole('button', { name: 'Join the interview' }).click();
		await candidate.getByTestId('room-waiting').waitFor();
		await interviewer.goto(`${app.url}/interviews/${id}/room`);
		await interviewer.getByRole('button', { name: 'Join the interview' }).click();

		await receivesFrames(interviewer);
		await receivesFrames(candidate);
		expect(await interviewer.getByTestId('remote-tile').getAttribute('data-name')).toBe('Sam Carter');
		expect(await candidate.getByTestId('remote-tile').getAttribute('data-name')).toBe('Ines Okafor');

		await candidate.getByRole('button', { name: 'Mute', exact: true }).click();
		await interviewer.getByTestId('remote-tile').getByText('Muted').waitFor({ timeout: 10_000 });
		await interviewer.getByRole('button', { name: 'Turn camera off' }).click();
		await candidate.getByTestId('remote-tile').getByText('Camera off').waitFor({ timeout: 10_000 });
		await screenshot(candidate, 'room-candidate');
		await screenshot(interviewer, 'room-interviewer');

		const [row] = await app.runtime.db.sql<
			{ status: string; candidate_joined_at: Date | null; interviewer_joined_at: Date | null }[]
		>`select status, candidate_joined_at, interviewer_joined_at from interviews where id = ${id}`;
		expect(row!.candidate_joined_at).toBeInstanceOf(Date);
		expect(row!.interviewer_joined_at).toBeInstanceOf(Date);
		expect(row!.status).toBe('in_progress');

		// Unmuting shows up too, and leaving removes the tile on the other side.
		await candidate.getByRole('button', { name: 'Unmute', exact: true }).click();
		await interviewer.waitForFunction(
			() => document.querySelector('[data-testid="remote-tile"]')?.getAttribute('data-muted') === 'false'
		);
		// The interviewer drops out (reload) and comes back with a new peer id: one tile, video again.
		const before = await candidate.getByTestId('remote-tile').getAttribute('data-status');
		expect(before).toBe('connected');
		await interviewer.reload();
		await interviewer.getByRole('button', { name: 'Join the interview' }).click();
		await receivesFrames(interviewer);
		await receivesFrames(candidate);
		expect(await candidate.getByTestId('remote-tile').count()).toBe(1);
		expect(await interviewer.getByTestId('remote-tile').getAttribute('data-muted')).toBe('false');
		// The state messages flow on the new connection too.
		await candidate.getByRole('button', { name: 'Turn camera off' }).click();
		await interviewer.getByTestId('remote-tile').getByText('Camera off').waitFor({ timeout: 10_000 });

		await candidate.getByRole('button', { name: 'Leave' }).click();
		await interviewer.getByTestId('room-waiting').waitFor({ timeout: 10_000 });
		await candidate.getByTestId('room-left').waitFor();
		await candidate.context().close();
		await interviewer.context().close();
	});

	it('says so when the camera and microphone are refused, and still lets the person join to see the others', async () => {
		const id = await bookInRoomWindow(app, LENA, [INES], 10);
		const candidate = await (await newPerson(browser)).newPage();
		await candidate.addInitScript(() => {
			navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
		});
		const interviewer = await (await newPerson(browser)).newPage();
		await signIn(candidate, app.url, LENA);
		await candidate.waitForURL('**/me');
		await signIn(interviewer, app.url, INES);
		await interviewer.waitForURL('**/my/interviews');
		await interviewer.goto(`${app.url}/interviews/${id}/room`);
		await interviewer.getByRole('button', { name: 'Join the interview' }).click();
		await candidate.goto(`${app.url}/interviews/${id}/room`);
		const problem = candidate.getByTestId('media-problem');
		await problem.waitFor();
		expect(await problem.textContent()).toContain('Parley may not use your camera and microphone');
		expect(await candidate.getByRole('button', { name: 'No microphone', exact: true }).isDisabled()).toBe(true);
		expect(await candidate.getByRole('button', { name: 'No camera', exact: true }).isDisabled()).toBe(true);
		await candidate.getByRole('button', { name: 'Join the interview' }).click();
		await receivesFrames(candidate);
		// The interviewer sees the candidate's tile, marked as sending nothing.
		const tile = interviewer.getByTestId('remote-tile');
		await tile.getByText('Muted').waitFor({ timeout: 10_000 });
		await tile.getByText('Camera off').waitFor();
		await interviewer.waitForFunction(
			() => document.querySelector('[data-testid="remote-tile"]')?.getAttribute('data-status') === 'connected'
		);
		await screenshot(candidate, 'room-camera-refused');
		await candidate.context().close();
		await interviewer.context().close();
	});

	it('connects three people in a mesh: each sees the two others', async () => {
		const id = await bookInRoomWindow(app, LENA, [INES, MARCO], -5);
		const people = await Promise.all(
			[LENA, INES, MARCO].map(async (email) => {
				const page = await (await newPerson(browser)).newPage();
				await signIn(page, app.url, email);
				await page.waitForURL((url) => url.pathname !== '/login');
				await page.goto(`${app.url}/interviews/${id}/room`);
				return page;
			})
		);
		for (const page of people) await page.getByRole('button', { name: 'Join the interview' }).click();
		for (const page of people) {
			await page.waitForFunction(
				() =>
					[...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video')].filter(
						(v) => v.videoWidth > 0
					).length === 2,
				undefined,
				{ timeout: 20_000 }
			);
		}
		const names = await Promise.all(
			people.map((p) =>
				p.evaluate(() =>
					[...document.querySelectorAll('[data-testid="remote-tile"]')].map((t) => t.getAttribute('data-name')).sort()
				)
			)
		);
		expect(names).toEqual([
			['Ines Okafor', 'Marco Bianchi'],
			['Lena Fischer', 'Marco Bianchi'],
			['Ines Okafor', 'Lena Fischer']
		]);
		await screenshot(people[1]!, 'room-three-people');
		for (const page of people) await page.context().close();
	});

	it('ends the visit of an interviewer taken off the panel, and the others hang up on them', async () => {
		const id = await bookInRoomWindow(app, LENA, [INES, MARCO], 8);
		const people = await Promise.all(
			// The candidate is not there yet (so the panel can still change): Ines, Marco and an admin.
			[ADMIN, INES, MARCO].map(async (email) => {
				const page = await (await newPerson(browser)).newPage();
				await signIn(page, app.url, email);
				await page.waitForURL((url) => url.pathname !== '/login');
				await page.goto(`${app.url}/interviews/${id}/room`);
				return page;
			})
		);
		for (const page of people) await page.getByRole('button', { name: 'Join the interview' }).click();
		const twoVideos = () =>
			[...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video')].filter(
				(v) => v.videoWidth > 0
			).length === 2;
		for (const page of people) await page.waitForFunction(twoVideos, undefined, { timeout: 20_000 });
		const [admin, ines, marco] = people as [Page, Page, Page];
		const [inesUser] = await app.runtime.db.sql<{ id: string }[]>`select id from users where email = ${INES}`;
		const { collab } = app.runtime;
		const connection = await collab.hocuspocus.openDirectConnection(
			calendarDocName(app.orgId),
			collab.systemContext(app.orgId, null)
		);
		await connection.transact((doc) => {
			const result = updateInterview(
				doc as unknown as Y.Doc,
				id,
				{ panel: [inesUser!.id] },
				{ actor: null, now: new Date() }
			);
			if (!result.ok) throw new Error(result.problem.message);
		});
		await connection.disconnect();
		await collab.projection.flush(app.orgId);
		// Marco's page says why he is out; his camera and calls are gone.
		const refused = marco.getByTestId('room-refused');
		await refused.waitFor({ timeout: 15_000 });
		expect(await refused.textContent()).toContain('no longer a participant');
		await screenshot(marco, 'room-removed-from-panel');
		// The media ran peer to peer: the others' pages hang up on him themselves.
		for (const page of [admin, ines]) {
			await page.waitForFunction(
				() =>
					[...document.querySelectorAll('[data-testid="remote-tile"]')].every(
						(t) => t.getAttribute('data-name') !== 'Marco Bianchi'
					),
				undefined,
				{ timeout: 15_000 }
			);
			expect(await page.getByTestId('remote-tile').count()).toBe(1);
		}
		await receivesFrames(admin);
		await receivesFrames(ines);
		for (const page of people) await page.context().close();
	});

	it('refuses a candidate who is not a participant, in the page and in the API', async () => {
		const id = await bookInRoomWindow(app, DEMO_ACCOUNTS.candidates[2].email, [INES], 0);
		const page = await (await newPerson(browser)).newPage();
		await signIn(page, app.url, LENA);
		await page.waitForURL('**/me');
		const res = await page.goto(`${app.url}/interviews/${id}/room`);
		expect(res?.status()).toBe(404);
		expect(await page.getByTestId('error-message').textContent()).toContain('not one of its participants');
		const api = await page.evaluate(async (url) => {
			const r = await fetch(url, { method: 'POST' });
			return { status: r.status, body: await r.json() };
		}, `${app.url}/api/v1/interviews/${id}/join`);
		expect(api.status).toBe(404);
		expect(api.body.error.code).toBe('not_found');
		await screenshot(page, 'room-not-participant');
		await page.context().close();
	});

	it('tells a candidate who comes early when the room opens, in their own zone', async () => {
		const [row] = await app.runtime.db.sql<{ id: string; start_at: Date }[]>`
			select i.id, i.start_at from interviews i join users u on u.id = i.candidate_id where u.email = ${OLIVER}`;
		const page = await (await newPerson(browser, { timezoneId: 'Asia/Tokyo' })).newPage();
		await signIn(page, app.url, OLIVER);
		await page.waitForURL('**/me');
		await page.goto(`${app.url}/interviews/${row!.id}/room`);
		const closed = page.getByTestId('room-closed');
		await closed.getByText('(Asia/Tokyo)').waitFor();
		const opens = new Date(row!.start_at.getTime() - 15 * 60_000);
		const hhmm = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Asia/Tokyo',
			hour: '2-digit',
			minute: '2-digit'
		}).format(opens);
		expect(await closed.locator('h2').textContent()).toContain(`The room opens at`);
		expect(await closed.locator('h2').textContent()).toContain(hhmm);
		expect(await page.getByRole('button', { name: 'Join the interview' }).count()).toBe(0);
		await screenshot(page, 'room-not-open-yet');
		await page.context().close();
	});
	it('brings the call back after one participant’s network drops for a few seconds', async () => {
		const { id, candidate, interviewer } = await inTheRoom(app, browser, SAM, 2);
		const [before] = await peerIdsOf(app, id, SAM);
		await recordTileStates(interviewer);
		await candidate.context().setOffline(true);
		await candidate.getByText('You are offline').waitFor({ timeout: 5_000 });
		await screenshot(candidate, 'room-offline-candidate');
		await candidate.waitForTimeout(6_000);
		await candidate.context().setOffline(false);
		// The interviewer sees the candidate's tile reconnect, then the video runs again.
		await interviewer.waitForFunction(
			() => (window as unknown as { __tileStates: string[] }).__tileStates.includes('reconnecting'),
			undefined,
			{ timeout: 15_000 }
		);
		await interviewer.waitForFunction(
			() => document.querySelector('[data-testid="remote-tile"]')?.getAttribute('data-status') === 'connected',
			undefined,
			{ timeout: 15_000 }
		);
		expect((await tileStates(interviewer)).at(-1)).toBe('connected');
		await receivesFrames(interviewer);
		await receivesFrames(candidate);
		expect(await interviewer.getByTestId('remote-tile').count()).toBe(1);
		expect(await candidate.getByTestId('remote-tile').count()).toBe(1);
		await candidate.getByText('You are offline').waitFor({ state: 'detached' });
		// Back with a fresh peer id (and secret); the old one is gone.
		const after = await peerIdsOf(app, id, SAM);
		expect(after).toHaveLength(1);
		expect(after[0]).not.toBe(before);
		await screenshot(interviewer, 'room-after-reconnect-interviewer');
		// State messages flow on the new connection.
		await candidate.getByRole('button', { name: 'Mute', exact: true }).click();
		await interviewer.getByTestId('remote-tile').getByText('Muted').waitFor({ timeout: 10_000 });
		await candidate.context().close();
		await interviewer.context().close();
	});

	it('keeps the call when the peer-server closes an expired id: a fresh id, no interruption', async () => {
		const { id, candidate, interviewer } = await inTheRoom(app, browser, LENA, 3);
		const [before] = await peerIdsOf(app, id, LENA);
		await recordTileStates(interviewer);
		await app.runtime.db.sql`update room_peers set expires_at = now() - interval '1 second' where peer_id = ${before!}`;
		expect(await app.runtime.peer!.recheck(id)).toBe(1);
		// The page notices its socket closed and comes back with a new id of its own.
		await expect
			.poll(async () => (await peerIdsOf(app, id, LENA)).filter((p) => p !== before).length, { timeout: 10_000 })
			.toBe(1);
		expect(await peerIdsOf(app, id, LENA)).toHaveLength(1);
		await expect.poll(() => app.runtime.peer!.connectionCount(), { timeout: 10_000 }).toBe(2);
		await receivesFrames(interviewer);
		await receivesFrames(candidate);
		// The media never needed the signaling socket: the other side saw nothing happen.
		expect(await tileStates(interviewer)).toEqual([]);
		await candidate.context().close();
		await interviewer.context().close();
	});

	it('asks for the next peer id before the current one expires, and the call goes on', async () => {
		const id = await bookInRoomWindow(app, SAM, [INES], 4);
		const candidate = await (await newPerson(browser)).newPage();
		const interviewer = await (await newPerson(browser)).newPage();
		await signIn(candidate, app.url, SAM);
		await candidate.waitForURL('**/me');
		await signIn(interviewer, app.url, INES);
		await interviewer.waitForURL('**/my/interviews');
		// The candidate's page runs on a clock the test can move (the servers keep real time).
		await candidate.clock.install();
		for (const page of [interviewer, candidate]) {
			await page.goto(`${app.url}/interviews/${id}/room`);
			await page.getByRole('button', { name: 'Join the interview' }).click();
		}
		await receivesFrames(interviewer);
		await receivesFrames(candidate);
		const [first] = await peerIdsOf(app, id, SAM);
		// Eight minutes in, two before the ten-minute id expires, the page fetches a new one.
		await candidate.clock.fastForward('07:50');
		await candidate.waitForTimeout(1_000);
		expect(await peerIdsOf(app, id, SAM)).toEqual([first]);
		await candidate.clock.fastForward('00:20');
		await expect
			.poll(async () => (await peerIdsOf(app, id, SAM)).filter((p) => p !== first).length, { timeout: 10_000 })
			.toBe(1);
		expect(await peerIdsOf(app, id, SAM)).toHaveLength(1);
		await expect.poll(() => app.runtime.peer!.connectionCount(), { timeout: 10_000 }).toBe(2);
		await receivesFrames(interviewer);
		expect(await interviewer.getByTestId('remote-tile').getAttribute('data-status')).toBe('connected');
		await candidate.context().close();
		await interviewer.context().close();
	});

	it('hangs up on a call from a peer id that is not one of the room’s participants', async () => {
		const { candidate, interviewer } = await inTheRoom(app, browser, SAM, 5);
		const [sam] = await app.runtime.db.sql<{ peer_id: string }[]>`
			select rp.peer_id from room_peers rp join users u on u.id = rp.user_id
			where u.email = ${SAM} order by rp.created_at desc limit 1`;
		await candidate.evaluate(() => {
			const w = window as unknown as { __tileNames: string[] };
			w.__tileNames = [];
			new MutationObserver(() => {
				for (const t of document.querySelectorAll('[data-testid="remote-tile"]'))
					w.__tileNames.push(t.getAttribute('data-name') ?? '');
			}).observe(document.body, { childList: true, subtree: true });
		});
		// Lena holds a good id and secret, for her own interview: the peer-server lets her connect.
		const other = await bookInRoomWindow(app, LENA, [INES], 6);
		const lenaCookie = await app.login(LENA);
		const lena = await app.api('POST', `/api/v1/interviews/${other}/join`, lenaCookie);
		expect(lena.status).toBe(200);
		const intruder = await (await newPerson(browser)).newPage();
		await intruder.goto(`${app.url}/login`);
		await intruder.addScriptTag({
			content: readFileSync(resolve(import.meta.dirname, '../../node_modules/peerjs/dist/peerjs.min.js'), 'utf8')
		});
		const outcome = await intruder.evaluate(
			async ({ id, secret, target, port }) => {
				const PeerCtor = (window as unknown as { Peer: typeof import('peerjs').Peer }).Peer;
				const peer = new PeerCtor(id, { host: '127.0.0.1', port, path: '/peerjs', key: 'parley', token: secret });
				await new Promise<void>((ok, ko) => {
					peer.on('open', () => ok());
					peer.on('error', (e) => ko(new Error(e.type)));
				});
				const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
				const call = peer.call(target, stream);
				return new Promise<string>((done) => {
					call.on('stream', () => done('answered'));
					setTimeout(() => done('not answered'), 8_000);
				});
			},
			{ id: lena.body.peer_id, secret: lena.body.peer_secret, target: sam!.peer_id, port: app.port }
		);
		expect(outcome).toBe('not answered');
		const names = await candidate.evaluate(() => (window as unknown as { __tileNames: string[] }).__tileNames);
		expect(names.every((n) => n === 'Ines Okafor')).toBe(true);
		expect(await candidate.getByTestId('remote-tile').count()).toBe(1);
		await receivesFrames(candidate);
		await intruder.context().close();
		await candidate.context().close();
		await interviewer.context().close();
	});

	it(`shows the API's refusal to a person who would be the ${MAX_ROOM_PEOPLE + 1}th in the room`, async () => {
		const id = await bookInRoomWindow(app, LENA, [INES, MARCO, PRIYA], 7);
		await extraAdmin(app, 'room-full-1@northfield.test', 'Robin Admin');
		await extraAdmin(app, 'room-full-2@northfield.test', 'Kim Admin');
		// Six people hold good ids for the room (as if each had just joined).
		const six = [LENA, INES, MARCO, PRIYA, ADMIN, 'room-full-1@northfield.test'];
		await app.runtime.db.sql`insert into room_peers (peer_id, interview_id, user_id, expires_at, secret_hash)
			select md5(random()::text), ${id}, u.id, now() + interval '10 minutes', ${hashToken(generateToken())}
			from users u where u.email = any(${six}::text[])`;
		const page = await (await newPerson(browser)).newPage();
		await signIn(page, app.url, 'room-full-2@northfield.test');
		await page.waitForURL((url) => url.pathname !== '/login');
		await page.goto(`${app.url}/interviews/${id}/room`);
		await page.getByRole('button', { name: 'Join the interview' }).click();
		const refused = page.getByTestId('room-refused');
		await refused.waitFor();
		expect(await refused.getAttribute('data-reason')).toBe('room_full');
		expect(await refused.textContent()).toContain(
			'The room is full: 6 people are in it, and a video room holds at most 6. Try again when somebody has left.'
		);
		await screenshot(page, 'room-full');
		// Somebody leaves: trying again lets this person in.
		await app.runtime.db.sql`delete from room_peers rp using users u
			where u.id = rp.user_id and rp.interview_id = ${id} and u.email = ${ADMIN}`;
		await page.getByRole('button', { name: 'Try again' }).click();
		await page.getByRole('button', { name: 'Leave' }).waitFor();
		expect(await peerIdsOf(app, id, 'room-full-2@northfield.test')).toHaveLength(1);
		await page.context().close();
	});
});
