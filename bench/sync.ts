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
import { DEMO_ACCOUNTS } from '../db/seed';
import { calendarDocName, createInterview, getInterview } from '../src/lib/collab/calendar';
import type { Interview } from '../src/lib/domain/types';
import { startTestApp, type TestApp } from '../tests/helpers/app';
import { connectTo, eventually, type CollabClient } from '../tests/helpers/collab';
import { measureEdits, type EditFigures } from './edit-latency';

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
async function run(target: Target): Promise<EditFigures> {
	const clients: CollabClient[] = [];
	for (let i = 0; i < CLIENTS; i++) clients.push(connectTo(target.url, target.docName, target.token));
	try {
		await Promise.all(clients.map((c) => c.ready));
		for (const iv of target.interviews) createInterview(clients[0]!.doc, iv);
		await eventually(() => clients.every((c) => target.interviews.every((iv) => getInterview(c.doc, iv.id))), 30_000);
		const editors = clients.map((client, i) => {
			const interview = target.interviews[i]!;
			return {
				client,
				interview,
				actor: interview.updatedBy!,
				everyMs: EDIT_EVERY_MS,
				peers: CLIENTS - 1,
				measured: true
			};
		});
		return await measureEdits(editors, { warmupMs: WARMUP_MS, seconds: SECONDS, drainMs: DRAIN_MS });
	} finally {
		for (const c of clients) c.close();
	}
}

function describe(label: string, f: EditFigures): EditFigures {
	console.log(
		`${label}: ${f.seen}/${f.expected} deliveries seen, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms`
	);
	return f;
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
