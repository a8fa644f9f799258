/**
 * `npm run bench -- availability` (needs `npm run build` first): GET /api/v1/availability over
 * HTTP against a running Parley, beside the pure in-process finder on the same facts, in one run.
 *
 * The organization: 60 interviewers in four zones, 1,000 candidates and 10,000 interviews (the
 * projection's tables, written directly), from two weeks back to eleven weeks ahead. The search: a
 * five-person panel and a candidate, 60-minute interviews, 62 days at a 15-minute step. Three
 * settings: five named people; four named and one of a pool of six; five named with load limits
 * (3 a day, 10 a week) and two holidays. The API always computes "why no slots" for every empty
 * day; the pure finder is timed with and without it. Reported: p50 and p95 in milliseconds, the
 * handler's own split (its Server-Timing header: database, finder, explanation) and the aim (HTTP
 * p95 under 50 ms), with the HTTP p95 as a ratio of the in-process p95 of the same work (facts from
 * the database, finder, explanation). The embedded database is used; with BENCH_DB=postgres a
 * database of its own on the local Postgres (`TEST_DATABASE_URL`'s server, 127.0.0.1:5432 by
 * default), dropped afterwards; with BENCH_DATABASE_URL that (empty) database.
 *
 * The pool setting: four named people and one of a pool of six, picked least loaded.
 *
 * Each setting also times the read of the panel's interviews two ways in the same run: as it was (the
 * panel's seats first, then their interviews joined by id) and as `panelInterviews` reads it now (the
 * seats alone, which carry their interview's organization, time and status; only the blocking ones
 * when no one's load counts), with the ratio of their p95. The handler's Server-Timing also says how
 * many interview rows the database sent per request, printed beside its split (p50 / p95). The
 * server analyzes the embedded database's tables when it starts, after the writes.
 */
import { pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '../db/client';
import { migrate } from '../db/migrate';
import { DEMO_ACCOUNTS, seedDemo } from '../db/seed';
import { loadConfig } from '../server/config';
import { startParley, type Running } from '../server/http';
import { explainDays } from '../src/lib/domain/explain';
import { offerSlots } from '../src/lib/domain/offer';
import { explainPoolDays } from '../src/lib/domain/pool-explain';
import { offerPoolSlots, poolMemberStarts } from '../src/lib/domain/pools';
import { createApiToken } from '../src/lib/server/api-tokens';
import { panelInterviews, storedSearch } from '../src/lib/server/availability';
import { createTestDatabase } from '../tests/helpers/db';
import { prng } from '../tests/helpers/prng';

const INTERVIEWERS = 60;
const CANDIDATES = 1_000;
const INTERVIEWS = 10_000;
const RANGE_DAYS = 62;
const DURATION_MIN = 60;
const RUNS = 40;
/** The issue's aim for the HTTP p95. */
const AIM_P95_MS = 50;
const ZONES = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'America/Los_Angeles'];

/** Percentile of sorted numbers. */
const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (ms: number[]) => {
	const s = [...ms].sort((a, b) => a - b);
	return { p50: pct(s, 50), p95: pct(s, 95) };
};
const fmt = (x: { p50: number; p95: number }) => `p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms`;

/** 60 interviewers, 1,000 candidates with an application each, 10,000 interviews. */
export async function populate(db: Database, orgId: string): Promise<{ interviewers: string[]; candidate: string }> {
	const sql = db.sql;
	const rnd = prng(20261126);
	const [cycle] = await sql<{ id: string }[]>`select id from cycles where org_id = ${orgId} limit 1`;
	const interviewers: string[] = [];
	for (let i = 0; i < INTERVIEWERS; i++) {
		const [u] = await sql<{ id: string }[]>`insert into users (email, name, timezone)
			values (${`bench-i${i}@bench.test`}, ${`Interviewer ${i}`}, ${ZONES[i % ZONES.length]!}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${orgId}, 'interviewer')`;
		interviewers.push(u!.id);
	}
	const apps: { id: string; candidate: string }[] = [];
	for (let i = 0; i < CANDIDATES; i++) {
		const [u] = await sql<{ id: string }[]>`insert into users (email, name)
			values (${`bench-c${i}@bench.test`}, ${`Candidate ${i}`}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${orgId}, 'candidate')`;
		const [a] = await sql<{ id: string }[]>`insert into applications
			(org_id, cycle_id, candidate_id, status, interview_enabled, online_interview_enabled)
			values (${orgId}, ${cycle!.id}, ${u!.id}, 'interview_scheduled', true, true) returning id`;
		apps.push({ id: a!.id, candidate: u!.id });
	}
	// Interviews on weekdays between 13:00 and 21:00 UTC, two weeks back to eleven weeks ahead.
	const day0 =
		Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 14 * 86_400_000;
	const rows: Record<string, unknown>[] = [];
	const panel: Record<string, unknown>[] = [];
	for (let n = 0; n < INTERVIEWS; n++) {
		const app = apps[n % CANDIDATES]!;
		let day = Math.floor(rnd() * 91);
		while ([0, 6].includes(new Date(day0 + day * 86_400_000).getUTCDay())) day = (day + 1) % 91;
		const start = day0 + day * 86_400_000 + (13 * 60 + Math.floor(rnd() * 28) * 15) * 60_000;
		const id = crypto.randomUUID();
		rows.push({
			id,
			org_id: orgId,
			application_id: app.id,
			cycle_id: cycle!.id,
			candidate_id: app.candidate,
			start_at: new Date(start),
			end_at: new Date(start + 45 * 60_000),
			duration_min: 45,
			timezone: 'UTC',
			type: 'video',
			mode: 'online',
			round: Math.floor(n / CANDIDATES) + 1,
			status: start < Date.now() ? 'completed' : rnd() < 0.05 ? 'cancelled' : 'scheduled'
		});
		const size = 1 + Math.floor(rnd() * 3);
		const members = new Set<string>();
		while (members.size < size) members.add(interviewers[Math.floor(rnd() * INTERVIEWERS)]!);
		for (const user_id of members) panel.push({ interview_id: id, user_id });
	}
	for (let i = 0; i < rows.length; i += 1_000)
		await sql`insert into interviews ${sql(rows.slice(i, i + 1_000) as never)}`;
	for (let i = 0; i < panel.length; i += 2_000)
		await sql`insert into interview_panel ${sql(panel.slice(i, i + 2_000) as never)}`;
	return { interviewers, candidate: apps[0]!.candidate };
}

async function timeIt(runs: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < runs + 3; i++) {
		const t = performance.now();
		await fn();
		if (i >= 3) out.push(performance.now() - t); // three warm-up runs
	}
	return out;
}

export async function main(): Promise<void> {
	const url = process.env.BENCH_DATABASE_URL;
	// BENCH_DB=postgres: a database of its own on the local Postgres (TEST_DATABASE_URL's server), dropped after.
	const db = url
		? await openDatabase({ url, maxConnections: 10 })
		: await createTestDatabase(process.env.BENCH_DB === 'postgres' ? 'postgres' : 'embedded', { maxConnections: 10 });
	let running: Running | null = null;
	try {
		await migrate(db.sql);
		const orgId = (await seedDemo(db.sql))!;
		const t0 = performance.now();
		const { interviewers, candidate } = await populate(db, orgId);
		console.log(
			`${db.kind} database: ${INTERVIEWERS} interviewers, ${CANDIDATES} candidates, ${INTERVIEWS} interviews written in ${((performance.now() - t0) / 1000).toFixed(1)} s`
		);
		const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: '0', PARLEY_JOBS: '0' });
		running = await startParley({ config, db, log: () => {} });
		const [admin] = await db.sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		const { token } = await createApiToken(db.sql, admin!.id, orgId, 'bench');
		// Five interviewers of New York and London, whose hours meet for three hours a day.
		const panel = interviewers.filter((_, i) => i % ZONES.length < 2).slice(0, 5);
		const from = new Date(Date.now() + 86_400_000);
		from.setUTCHours(0, 0, 0, 0);
		const to = new Date(from.getTime() + RANGE_DAYS * 86_400_000);
		const query = `interviewer_ids=${panel.join(',')}&candidate_id=${candidate}&from=${from.toISOString()}&to=${to.toISOString()}&duration_min=${DURATION_MIN}`;
		const ask = { panel, candidateId: candidate, durationMin: DURATION_MIN, from, to };

		const settings: [string, () => Promise<void>][] = [
			['no limits, no holidays', async () => {}],
			['a pool: four named and one of six', async () => {}],
			[
				'load limits 3/day 10/week, two holidays',
				async () => {
					await db.sql`update organizations set policy = policy || ${db.sql.json({ maxInterviewsPerDay: 3, maxInterviewsPerWeek: 10 })}
						where id = ${orgId}`;
					for (const d of [10, 24]) {
						const day = new Date(from.getTime() + d * 86_400_000).toISOString().slice(0, 10);
						await db.sql`insert into org_closures (org_id, kind, name, start_date, end_date)
							values (${orgId}, 'holiday', ${`Holiday ${d}`}, ${day}::date, ${day}::date)`;
					}
				}
			]
		];
		const poolMembers = interviewers.filter((_, i) => i % ZONES.length < 2).slice(5, 11);
		for (const [name, apply] of settings) {
			await apply();
			const pooled = name.startsWith('a pool');
			const q = pooled
				? query.replace(`interviewer_ids=${panel.join(',')}`, `interviewer_ids=${panel.slice(0, 4).join(',')}`) +
					`&pool_ids=${poolMembers.join(',')}&pool_count=1`
				: query;
			let slots = 0;
			let empty = 0;
			let bytes = 0;
			let rows = 0;
			// The endpoint's own split (Server-Timing): the database, the finder, the explanation.
			const phases = new Map<string, number[]>();
			const http = await timeIt(RUNS, async () => {
				const res = await fetch(`${running!.url}/api/v1/availability?${q}`, {
					headers: { authorization: `Bearer ${token}` }
				});
				if (res.status !== 200) throw new Error(`availability answered ${res.status}: ${await res.text()}`);
				const text = await res.text();
				const body = JSON.parse(text) as { data: unknown[]; details: { days: unknown[] } };
				slots = body.data.length;
				empty = body.details.days.length;
				bytes = text.length;
				for (const m of (res.headers.get('server-timing') ?? '').matchAll(
					/(\w+);dur=([\d.]+)(?:;desc="(\d+) rows")?/g
				)) {
					phases.set(m[1]!, [...(phases.get(m[1]!) ?? []), Number(m[2])]);
					if (m[3]) rows = Number(m[3]);
				}
			});
			// The same facts, read once; then only the pure finder (and the explanation) is timed.
			const askNow = { ...ask, panel: pooled ? panel.slice(0, 4) : panel, pool: pooled ? poolMembers : [] };
			const people = [...askNow.panel, ...askNow.pool];
			const found = await storedSearch(db.sql, orgId, askNow);
			const finder = () =>
				pooled
					? offerPoolSlots(
							{ ...found.search, limit: 500 },
							{ members: poolMembers, count: 1, prefer: 'least_loaded' },
							found.facts
						)
					: offerSlots({ ...found.search, limit: 500 }, found.facts);
			const pure = await timeIt(RUNS, finder);
			const spec = { members: poolMembers, count: 1, prefer: 'least_loaded' as const };
			// The finder and the explanation as the endpoint asks them: a pool's members' starts searched
			// once for both, and every slot handed to the explanation when the finder stayed under its cap.
			const work = (s: typeof found) => {
				if (!pooled) {
					const slots = offerSlots({ ...s.search, limit: 500 }, s.facts);
					return explainDays(s.search, s.facts, s.orgZone, slots.length < 500 ? slots : undefined);
				}
				const each = poolMemberStarts(s.search, spec, s.facts);
				const slots = offerPoolSlots({ ...s.search, limit: 500 }, spec, s.facts, each).map((x) => x.start);
				return explainPoolDays(s.search, spec, s.facts, s.orgZone, slots.length < 500 ? slots : undefined, each);
			};
			const pureWhy = await timeIt(RUNS, () => work(found));
			// The endpoint's work in process: the facts from the database, the finder, the explanation.
			const withDb = await timeIt(RUNS, async () => work(await storedSearch(db.sql, orgId, askNow)));
			// The panel's interviews read as before (the seats, then their interviews joined by id) and as
			// now (the seats alone): the baseline in the same run.
			const loadFrom = new Date(from.getTime() - 8 * 86_400_000);
			const loadTo = new Date(to.getTime() + 8 * 86_400_000);
			const before = await timeIt(
				RUNS,
				() => db.sql`with seats as materialized (select user_id, interview_id from interview_panel
					where user_id = any(${people}::uuid[]))
				select s.user_id as person, i.id, i.start_at, i.end_at, i.status
				from seats s join interviews i on i.id = s.interview_id
				where i.org_id = ${orgId} and i.start_at >= ${loadFrom} and i.start_at < ${loadTo} and i.status <> 'cancelled'`
			);
			// As storedSearch reads them for this setting: every interview but the cancelled ones where load
			// counts (a pool, a limit), else only those that block the range.
			const countsLoad = name !== 'no limits, no holidays';
			const bufferMs = found.facts.policy.bufferMin * 60_000;
			const window = {
				loadFrom,
				loadTo,
				busyFrom: new Date(from.getTime() - bufferMs),
				busyTo: new Date(to.getTime() + bufferMs)
			};
			const now = await timeIt(RUNS, () => panelInterviews(db.sql, orgId, people, window, countsLoad));
			const ratio = summary(before).p95 / summary(now).p95;
			const split = [...phases]
				.map(([k, v]) => `${k} ${summary(v).p50.toFixed(1)} / ${summary(v).p95.toFixed(1)}`)
				.join(', ');
			const h = summary(http);
			const base = summary(withDb);
			console.log(
				`\n${name}: ${slots} slots (capped at 500), ${empty} days without a slot explained, ${(bytes / 1024).toFixed(0)} KiB`
			);
			console.log(`  GET /api/v1/availability over HTTP        ${fmt(h)}`);
			console.log(`    the handler's split, p50 / p95 ms (Server-Timing): ${split}`);
			console.log(`    interview rows the database sent per request: ${rows}`);
			console.log(`  in-process: facts + finder + why (the endpoint's work) ${fmt(base)}`);
			console.log(
				`  aim: HTTP p95 under ${AIM_P95_MS} ms: ${h.p95 < AIM_P95_MS ? 'met' : 'not met'} (p95 ${h.p95.toFixed(1)} ms, ${(h.p95 / base.p95).toFixed(2)}× the in-process p95)`
			);
			console.log(`  pure finder (offerSlots)                  ${fmt(summary(pure))}`);
			console.log(`  the panel's interviews, read as before    ${fmt(summary(before))}`);
			console.log(
				`  the panel's interviews, read as now       ${fmt(summary(now))} (p95 before ÷ now: ${ratio.toFixed(1)})`
			);
			console.log(
				`  pure finder + why no slots (${pooled ? 'explainPoolDays' : 'explainDays'})  ${fmt(summary(pureWhy))}`
			);
			console.log(
				`BENCH availability ${JSON.stringify({ setting: name, db: db.kind, http: h, aimP95Ms: AIM_P95_MS, aimMet: h.p95 < AIM_P95_MS, httpOverInProcessP95: h.p95 / base.p95, bytes, rows, phases: Object.fromEntries([...phases].map(([k, v]) => [k, summary(v)])), inProcessWithDb: summary(withDb), pure: summary(pure), pureWithWhy: summary(pureWhy), panelReadBefore: summary(before), panelReadNow: summary(now) })}`
			);
		}
	} finally {
		await running?.close();
		await db.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().then(
		() => process.exit(0),
		(err: unknown) => {
			console.error(err);
			process.exit(1);
		}
	);
}
