/**
 * Live co-editing of one calendar: N clients (default 50) hold `org:<id>:calendar` open and each
 * moves its own interview once a second. For every edit we time how long it takes until each of the
 * other clients has it (edit → seen), through Parley's collab-server (collab tokens, read/write
 * decision, persistence to Postgres, projection into `interviews` with its audit rows) and, in the
 * same run, through a bare Hocuspocus server with no extensions: the baseline.
 *
 *   npx tsx bench/sync.ts
 *
 * Clients and servers share this process (and so its CPU) in both runs alike. BENCH_SYNC_CLIENTS and
 * BENCH_SYNC_SECONDS tune the size. The last line is machine-readable.
 */
import { Server } from '@hocuspocus/server';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../db/seed';
import {
	calendarDocName,
	createInterview,
	getInterview,
	observeInterviews,
	updateInterview
} from '../src/lib/collab/calendar';
import type { Interview } from '../src/lib/domain/types';
import { startTestApp, type TestApp } from '../tests/helpers/app';
import { connectTo, eventually, type CollabClient } from '../tests/helpers/collab';

const CLIENTS = Number(process.env.BENCH_SYNC_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SYNC_SECONDS ?? 10);
/** Each client edits this often, staggered so the edits spread evenly over the second. */
const EDIT_EVERY_MS = 1_000;
const WARMUP_MS = 2_000;
const DRAIN_MS = 3_000;

interface Target {
	label: string;
	url: string;
	docName: string;
	token: () => Promise<string>;
	/** One interview per client, valid for the target's organization. */
	interviews: Interview[];
}

interface Outcome {
	samples: number[];
	expected: number;
}

const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** Interviews over the demo organization's real applications and interviewers, a day apart. */
export async function demoInterviews(app: TestApp, count: number, actor: string): Promise<Interview[]> {
	const sql = app.runtime.db.sql;
	const apps = await sql<{ id: string; candidate_id: string; cycle_id: string }[]>`
		select id, candidate_id, cycle_id from applications order by id`;
	const panel = await sql<{ user_id: string }[]>`
		select user_id from memberships where org_id = ${app.orgId} and role = 'interviewer' order by user_id`;
	const base = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 3, 14);
	return Array.from({ length: count }, (_, i) => {
		const a = apps[i % apps.length]!;
		return {
			id: crypto.randomUUID(),
			applicationId: a.id,
			candidateId: a.candidate_id,
			cycleId: a.cycle_id,
			start: new Date(base + i * 86_400_000).toISOString(),
			durationMin: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			location: '',
			round: 1 + Math.floor(i / apps.length),
			panel: [panel[i % panel.length]!.user_id],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: actor,
			updatedAt: new Date().toISOString()
		};
	});
}

/** Connects every client, seeds the interviews, then lets every client edit for SECONDS. */
async function run(target: Target): Promise<Outcome> {
	const clients: CollabClient[] = [];
	for (let i = 0; i < CLIENTS; i++) clients.push(connectTo(target.url, target.docName, target.token));
	try {
		await Promise.all(clients.map((c) => c.ready));
		createInterview(clients[0]!.doc, target.interviews[0]!);
		for (const iv of target.interviews.slice(1)) createInterview(clients[0]!.doc, iv);
		await eventually(() => clients.every((c) => target.interviews.every((iv) => getInterview(c.doc, iv.id))), 30_000);

		/** `<id>|<updatedAt>` of each edit → when it was made. */
		const sentAt = new Map<string, number>();
		const samples: number[] = [];
		let measuring = false;
		let expected = 0;
		const unobserve = clients.map((client) =>
			observeInterviews(client.doc, ({ ids, local }) => {
				if (local) return;
				const seenAt = performance.now();
				for (const id of ids) {
					const iv = getInterview(client.doc, id);
					const sent = iv && sentAt.get(`${id}|${iv.updatedAt}`);
					if (sent !== undefined && sent !== null && measuring) samples.push(seenAt - sent);
				}
			})
		);

		const timers: NodeJS.Timeout[] = [];
		const startEditing = (client: CollabClient, interview: Interview, index: number) => {
			let flip = false;
			const edit = () => {
				flip = !flip;
				const start = new Date(Date.parse(interview.start) + (flip ? 30 : 0) * 60_000).toISOString();
				const now = new Date();
				const key = `${interview.id}|${now.toISOString()}`;
				sentAt.set(key, performance.now());
				const result = updateInterview(
					client.doc as Y.Doc,
					interview.id,
					{ start },
					{ actor: interview.updatedBy, now }
				);
				if (!result.ok) throw new Error(`${target.label}: edit refused: ${result.problem.message}`);
				if (measuring) expected += CLIENTS - 1;
			};
			const offset = (index * EDIT_EVERY_MS) / CLIENTS;
			timers.push(
				setTimeout(() => {
					edit();
					timers.push(setInterval(edit, EDIT_EVERY_MS));
				}, offset)
			);
		};
		clients.forEach((client, i) => startEditing(client, target.interviews[i]!, i));
		await new Promise((r) => setTimeout(r, WARMUP_MS));
		measuring = true;
		await new Promise((r) => setTimeout(r, SECONDS * 1_000));
		measuring = false;
		for (const t of timers) clearInterval(t);
		// Edits made in the window may still be on their way: count them when they land.
		measuring = true;
		await new Promise((r) => setTimeout(r, DRAIN_MS));
		for (const off of unobserve) off();
		return { samples: samples.sort((a, b) => a - b), expected };
	} finally {
		for (const c of clients) c.close();
	}
}

function describe(label: string, o: Outcome): { p50: number; p99: number } {
	const p50 = percentile(o.samples, 50);
	const p99 = percentile(o.samples, 99);
	console.log(
		`${label}: ${o.samples.length}/${o.expected} deliveries seen, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(o.samples.at(-1) ?? NaN).toFixed(1)} ms`
	);
	return { p50, p99 };
}

/** Runs the benchmark and prints one summary line. */
export async function main(): Promise<void> {
	// Every client of the bench connects from one address at once: let them all be unauthenticated together.
	const app = await startTestApp(process.env.BENCH_SYNC_DB === 'postgres' ? 'postgres' : 'embedded', {
		COLLAB_MAX_PENDING_PER_ADDRESS: String(CLIENTS + 10)
	});
	const bare = new Server({ port: 0, address: '127.0.0.1', quiet: true });
	await bare.listen();
	try {
		const cookie = await app.login(DEMO_ACCOUNTS.admin.email);
		const me = (await app.api('GET', '/api/v1/me', cookie)).body as { user: { id: string } };
		const interviews = await demoInterviews(app, CLIENTS, me.user.id);
		const parleyTarget: Target = {
			label: 'parley',
			url: app.url.replace('http', 'ws') + '/collab',
			docName: calendarDocName(app.orgId),
			// Every client fetches its own short-lived collab token, as every browser does.
			token: async () => {
				const res = await app.request('/api/v1/collab/token', { cookie });
				return ((await res.json()) as { token: string }).token;
			},
			interviews
		};
		const bareTarget: Target = {
			label: 'bare hocuspocus',
			url: `ws://127.0.0.1:${bare.address.port}`,
			docName: calendarDocName(app.orgId),
			token: async () => 'unused',
			interviews: interviews.map((iv) => ({ ...iv, id: crypto.randomUUID() }))
		};
		console.log(`${CLIENTS} clients, each moving its interview every ${EDIT_EVERY_MS} ms for ${SECONDS} s`);
		const baseline = describe('bare hocuspocus', await run(bareTarget));
		const parley = describe('parley collab-server', await run(parleyTarget));
		const [row] = await app.runtime.db.sql<{ audited: number }[]>`
			select count(*)::int as audited from interview_logs where action = 'rescheduled'`;
		console.log(`parley projected and audited ${row!.audited} moves`);
		console.log(
			`bench sync: clients=${CLIENTS} p50_ms=${parley.p50.toFixed(1)} p99_ms=${parley.p99.toFixed(1)} bare_p50_ms=${baseline.p50.toFixed(1)} bare_p99_ms=${baseline.p99.toFixed(1)} p99_ratio=${(parley.p99 / baseline.p99).toFixed(2)}`
		);
	} finally {
		await bare.destroy();
		await app.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main()
		.catch((err: unknown) => {
			console.error(err);
			process.exitCode = 1;
		})
		.finally(() => process.exit());
}
