/**
 * What "durable before acknowledged" costs: N clients (default 50) hold `org:<id>:calendar` open and
 * each moves its own interview's location once a second. For every edit we time how long it takes
 * until the server acknowledges it (the provider's `unsyncedChanges` going down: what the user sees
 * as "saved"), through Parley's collab-server with the update journal and, in the same run, through
 * the same server with the journal off (`COLLAB_JOURNAL=0`, acknowledged before anything is written):
 * the baseline.
 *
 *   npx tsx bench/durability.ts
 *
 * Clients and servers share this process in both runs alike. BENCH_DURABILITY_CLIENTS,
 * BENCH_DURABILITY_SECONDS and BENCH_DURABILITY_DB (`embedded`, `postgres`) tune it. The last line is
 * machine-readable.
 */
import { pathToFileURL } from 'node:url';
import { DEMO_ACCOUNTS } from '../db/seed';
import { calendarDocName, createInterview, getInterview, updateInterview } from '../src/lib/collab/calendar';
import { startTestApp } from '../tests/helpers/app';
import { connectTo, eventually, type CollabClient } from '../tests/helpers/collab';
import { demoInterviews } from './sync';

const CLIENTS = Number(process.env.BENCH_DURABILITY_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_DURABILITY_SECONDS ?? 10);
const DB = process.env.BENCH_DURABILITY_DB === 'postgres' ? 'postgres' : 'embedded';
const EDIT_EVERY_MS = 1_000;
const WARMUP_MS = 2_000;
const DRAIN_MS = 3_000;

const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

interface Outcome {
	samples: number[];
	edits: number;
}

/** Starts a Parley (journal on or off), connects the clients, and times every edit to its acknowledgement. */
async function run(journal: boolean): Promise<Outcome> {
	// Every client of the bench connects from one address at once: let them all be unauthenticated together.
	const app = await startTestApp(DB, {
		COLLAB_JOURNAL: journal ? '1' : '0',
		COLLAB_MAX_PENDING_PER_ADDRESS: String(CLIENTS + 10)
	});
	const clients: CollabClient[] = [];
	const timers: NodeJS.Timeout[] = [];
	try {
		const cookie = await app.login(DEMO_ACCOUNTS.admin.email);
		const me = (await app.api('GET', '/api/v1/me', cookie)).body as { user: { id: string } };
		const interviews = await demoInterviews(app, CLIENTS, me.user.id);
		const token = async () => {
			const res = await app.request('/api/v1/collab/token', { cookie });
			return ((await res.json()) as { token: string }).token;
		};
		const url = app.url.replace('http', 'ws') + '/collab';
		for (let i = 0; i < CLIENTS; i++) clients.push(connectTo(url, calendarDocName(app.orgId), token));
		await Promise.all(clients.map((c) => c.ready));
		for (const iv of interviews) createInterview(clients[0]!.doc, iv);
		await eventually(() => clients.every((c) => interviews.every((iv) => getInterview(c.doc, iv.id))), 30_000);
		await eventually(() => clients.every((c) => c.provider.unsyncedChanges === 0), 30_000);

		const samples: number[] = [];
		let measuring = false;
		let edits = 0;
		clients.forEach((client, i) => {
			// Acknowledgements come in order on a connection: each one settles the oldest edit in flight.
			const inFlight: number[] = [];
			let unsynced = client.provider.unsyncedChanges;
			client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
				const now = performance.now();
				for (; unsynced > number; unsynced--) {
					const sent = inFlight.shift();
					if (sent !== undefined && measuring) samples.push(now - sent);
				}
				unsynced = number;
			});
			let n = 0;
			const edit = () => {
				inFlight.push(performance.now());
				if (measuring) edits += 1;
				const result = updateInterview(
					client.doc,
					interviews[i]!.id,
					{ location: `Room ${i}.${++n}` },
					{ actor: me.user.id, now: new Date() }
				);
				if (!result.ok) throw new Error(`edit refused: ${result.problem.message}`);
			};
			timers.push(
				setTimeout(
					() => {
						edit();
						timers.push(setInterval(edit, EDIT_EVERY_MS));
					},
					(i * EDIT_EVERY_MS) / CLIENTS
				)
			);
		});
		await new Promise((r) => setTimeout(r, WARMUP_MS));
		measuring = true;
		await new Promise((r) => setTimeout(r, SECONDS * 1_000));
		for (const t of timers) clearInterval(t);
		// Acknowledgements of the last edits may still be on their way.
		await new Promise((r) => setTimeout(r, DRAIN_MS));
		return { samples: samples.sort((a, b) => a - b), edits };
	} finally {
		for (const t of timers) clearInterval(t);
		for (const c of clients) c.close();
		await app.close();
	}
}

function describe(label: string, o: Outcome): { p50: number; p99: number } {
	const p50 = percentile(o.samples, 50);
	const p99 = percentile(o.samples, 99);
	console.log(
		`${label}: ${o.samples.length}/${o.edits} edits acknowledged, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(o.samples.at(-1) ?? NaN).toFixed(1)} ms`
	);
	return { p50, p99 };
}

/** Runs the benchmark and prints one summary line. */
export async function main(): Promise<void> {
	console.log(
		`${CLIENTS} clients on the ${DB} database, each moving its interview every ${EDIT_EVERY_MS} ms for ${SECONDS} s`
	);
	const baseline = describe('journal off (acknowledged before stored)', await run(false));
	const journaled = describe('journal on (acknowledged once in Postgres)', await run(true));
	console.log(
		`bench durability: clients=${CLIENTS} db=${DB} p50_ms=${journaled.p50.toFixed(1)} p99_ms=${journaled.p99.toFixed(1)} nojournal_p50_ms=${baseline.p50.toFixed(1)} nojournal_p99_ms=${baseline.p99.toFixed(1)} p99_ratio=${(journaled.p99 / baseline.p99).toFixed(2)}`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main()
		.catch((err: unknown) => {
			console.error(err);
			process.exitCode = 1;
		})
		.finally(() => process.exit());
}
