/**
 * Opens the admin calendar (week view, fresh browser storage) in headless Chromium with 0, 5,000 and
 * 20,000 interviews in the organization's history, in one run, and reports for each the time to the
 * first interview visible (for the empty calendar: its week grid drawn: the first frame that holds
 * it, noted by the page), and the time to interactive
 * (the live document synced: edits land and others' show), each also as a ratio to the empty
 * calendar. Aim (issue 15): first interview under 1 s and at most 1.5x the empty calendar at 20,000.
 * The interviews are written into the document server-side through a direct connection, as the JSON
 * API writes; the projection then fills the tables the first view is read from. The history is
 * finished and archived by the daily job's pass (decision 81), so the live document holds the
 * organization's window, as it does after years of use; the jobs' statistics pass follows, as it
 * would have during those years (decision 84).
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type * as Y from 'yjs';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seed';
import { ANALYZE_EVERY_MS, refreshStatistics } from '../db/statistics';
import { hashPassword } from '../src/lib/server/auth';
import { createInterview } from '../src/lib/collab/calendar';
import { liveCalendarDocName } from '../src/lib/server/calendar-generation';
import { addDaysToYmd, zonedDate, zonedWallTimeToUtc } from '../src/lib/domain/time';
import type { Interview } from '../src/lib/domain/types';
import { startTestApp, type TestApp } from '../tests/helpers/app';
import { launchBrowser } from '../tests/helpers/browser';

/**
 * The sizes measured, each after the previous one: 5,000 first, then 15,000 more. `BENCH_CALENDAR_SIZES=5000`
 * (comma-separated) measures others; a 20,000 fill takes many minutes on a busy machine.
 */
const SIZES = (process.env.BENCH_CALENDAR_SIZES ?? '5000,20000')
	.split(',')
	.map(Number)
	.filter((n) => n > 0);
const RUNS = 5;
const ZONE = 'America/New_York';
const EMPTY_ADMIN = 'bench-empty@bench.test';
const CLOSE_WAIT_MS = 15_000;

interface Measure {
	/** The first interview visible (the empty calendar: its week grid). */
	firstMs: number;
	/** The first interview as the test driver saw it: after the page's main thread was free. */
	seenMs: number;
	/** The page's response began (the server's part: its loader and rendering). */
	commitMs: number;
	/** The document live and synced. */
	interactiveMs: number;
	jsGzipBytes: number;
	jsFiles: number;
	events: number;
}

/**
 * Notes the wall-clock time (ms since the epoch) of the first frame holding `SELECTOR` in
 * `window.__parleyFirstFrame`, checking before each frame until it is there. A string: the page runs
 * it as written.
 */
const FIRST_FRAME_SCRIPT = `(() => {
	const check = () => {
		if (document.querySelector(SELECTOR)) window.__parleyFirstFrame = performance.timeOrigin + performance.now();
		else requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
})();`;

/** Days from tomorrow on that hold upcoming (scheduled) interviews; everything before is history. */
const UPCOMING_DAYS = 14;
const PER_DAY = 16;

/**
 * Writes the organization's interviews `skip`..`n - 1`, 30 minutes each, 16 a day, the newest first:
 * the days up to `UPCOMING_DAYS` from today are upcoming and scheduled (the demo's applications),
 * everything before is history (completed, one in ten cancelled, one in 25 a no-show; four to each
 * decided application of its own), so a larger size adds older history and the week shown is the
 * same at every size. Then runs the archive pass the daily job
 * runs (decision 69), as an organization with years of history has: without it, every interview
 * ever booked would be in the live document, which the archive window exists to prevent.
 */
export async function fill(app: TestApp, n: number, skip: number): Promise<void> {
	const sql = app.runtime.db.sql;
	const apps = await sql<{ id: string; candidate_id: string; cycle_id: string }[]>`
		select id, candidate_id, cycle_id from applications where org_id = ${app.orgId} order by id`;
	const panel = await sql<{ user_id: string }[]>`
		select user_id from memberships where org_id = ${app.orgId} and role = 'interviewer' order by user_id`;
	const [admin] = await sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
	const projected = async () =>
		(await sql<{ n: number }[]>`select count(*)::int as n from interviews where org_id = ${app.orgId}`)[0]!.n;
	const before = await projected();
	const history = await historyApplications(app, Math.ceil((n - skip) / INTERVIEWS_PER_APPLICATION), skip);
	const { collab } = app.runtime;
	const conn = await collab.hocuspocus.openDirectConnection(
		await liveCalendarDocName(sql, app.orgId),
		collab.systemContext(app.orgId, admin!.id)
	);
	const lastDay = addDaysToYmd(zonedDate(new Date(), ZONE), UPCOMING_DAYS);
	const now = new Date();
	await conn.transact((doc) => {
		for (let i = skip; i < n; i++) {
			const day = addDaysToYmd(lastDay, -Math.floor(i / PER_DAY));
			const slot = PER_DAY - 1 - (i % PER_DAY);
			const hm = `${String(9 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
			const start = zonedWallTimeToUtc(day, hm, ZONE);
			const past = start.getTime() + 30 * 60_000 < now.getTime();
			const a = past ? history[Math.floor((i - skip) / INTERVIEWS_PER_APPLICATION)]! : apps[i % apps.length]!;
			const iv: Interview = {
				id: crypto.randomUUID(),
				applicationId: a.id,
				candidateId: a.candidate_id,
				cycleId: a.cycle_id,
				start: start.toISOString(),
				durationMin: 30,
				timezone: ZONE,
				type: (['video', 'phone', 'technical', 'hr', 'final', 'in_person'] as const)[i % 6]!,
				mode: i % 6 === 5 ? 'offline' : 'online',
				location: i % 6 === 5 ? 'Hall B' : '',
				// The document takes rounds up to 1,000; past that the rounds repeat (a bench, not a rule check).
				round: past ? 1 + ((i - skip) % INTERVIEWS_PER_APPLICATION) : 1 + (Math.floor(i / apps.length) % 1_000),
				panel: [panel[i % panel.length]!.user_id],
				status: !past ? 'scheduled' : i % 10 === 3 ? 'cancelled' : i % 25 === 7 ? 'no_show' : 'completed',
				rescheduledFrom: null,
				updatedBy: admin!.id,
				updatedAt: now.toISOString()
			};
			createInterview(doc as unknown as Y.Doc, iv);
		}
	});
	await conn.disconnect();
	// The first view reads the projection: wait until it holds them all.
	for (let waited = 0; waited < 600_000; waited += 500) {
		if ((await projected()) >= before + n - skip) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const out = await collab.archive(app.orgId);
	// And the hourly statistics pass (the embedded database has no autovacuum). Without it the planner
	// keeps the row counts of the empty tables the bench started with, and the prepared statements of
	// the runs before the fill keep the plans made for them (decision 84).
	await refreshStatistics(app.runtime.db, Date.now() + ANALYZE_EVERY_MS);
	console.log(
		`archive pass: ${out?.archived ?? 0} archived, ${out?.kept ?? '?'} kept live, document ${out?.bytesBefore ?? '?'} -> ${out?.bytesAfter ?? '?'} bytes`
	);
}

/** The interviews of one finished application in the bench's history (its rounds). */
const INTERVIEWS_PER_APPLICATION = 4;

/**
 * `count` decided applications (half approved, half rejected) of candidates of their own, in a closed
 * cycle: the history belongs to them, as a real office's years do, so the page's data grows with
 * the history wherever it would (the demo's few applications alone would hide that).
 */
async function historyApplications(
	app: TestApp,
	count: number,
	batch: number
): Promise<{ id: string; candidate_id: string; cycle_id: string }[]> {
	const sql = app.runtime.db.sql;
	const [cycle] = await sql<{ id: string }[]>`insert into cycles (org_id, name, starts_on, ends_on, status)
		values (${app.orgId}, ${`Bench history ${batch}`}, '2015-01-01', '2020-12-31', 'closed') returning id`;
	return sql<{ id: string; candidate_id: string; cycle_id: string }[]>`
		with people as (
			insert into users (email, name)
			select 'bench-' || ${batch}::int || '-' || g || '@bench.test', 'Bench Candidate ' || ${batch}::int || '-' || g
			from generate_series(1, ${count}::int) g returning id
		)
		insert into applications (org_id, cycle_id, candidate_id, status, interview_enabled)
		select ${app.orgId}, ${cycle!.id}, id, case when random() < 0.5 then 'approved' else 'rejected' end, true
		from people returning id, candidate_id, cycle_id`;
}

/** A second organization whose calendar is empty, with its own admin. */
async function emptyOrg(app: TestApp): Promise<void> {
	const sql = app.runtime.db.sql;
	const [org] = await sql<{ id: string }[]>`insert into organizations (slug, name, timezone)
		values ('bench-empty', 'Empty bench org', ${ZONE}) returning id`;
	const [user] = await sql<{ id: string }[]>`insert into users (email, name, password_hash, timezone)
		values (${EMPTY_ADMIN}, 'Empty Admin', ${await hashPassword(DEMO_PASSWORD)}, ${ZONE}) returning id`;
	await sql`insert into memberships (user_id, org_id, role) values (${user!.id}, ${org!.id}, 'admin')`;
}

/** Opens the calendar in a fresh context (empty IndexedDB) and times the first interview and the live document. */
async function measure(
	browser: Browser,
	app: TestApp,
	email: string,
	date: string,
	expectEvents: boolean
): Promise<Measure> {
	const cookie = await app.login(email);
	const [name, value] = cookie.split('=') as [string, string];
	const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: ZONE });
	await context.addCookies([{ name, value, url: app.url }]);
	const page = await context.newPage();
	// Only the addresses while the page loads: reading and compressing the bodies then (over the
	// DevTools protocol, in this process) ran on the same two cores as the page being timed.
	const js = new Set<string>();
	page.on('response', (res) => {
		const url = res.url();
		if (url.endsWith('.js') && url.includes('/_app/')) js.add(url);
	});
	// The first frame that holds the selector, noted by the page itself (a frame callback runs just
	// before that frame is painted), in wall-clock time from when the navigation was asked for (the
	// page's own clock starts later, once the browser begins the navigation). Asking from here instead
	// waits for the page's main thread, which is busy hydrating the page the server has already drawn.
	const selector = expectEvents ? '[data-testid="event"]' : '.ec-body';
	await page.addInitScript(FIRST_FRAME_SCRIPT.replace('SELECTOR', JSON.stringify(selector)));
	const started = performance.now();
	const startedWall = Date.now();
	await page.goto(`${app.url}/admin/calendar?view=timeGridWeek&date=${date}`, { waitUntil: 'commit' });
	const commitMs = performance.now() - started;
	await page.locator(selector).first().waitFor({ timeout: 120_000 });
	const seenMs = performance.now() - started;
	const firstMs =
		Number(await page.waitForFunction('window.__parleyFirstFrame').then((h) => h.jsonValue())) - startedWall;
	await page.locator('.cal-page[data-live="true"] [data-testid="sync-status"][data-phase="saved"]').waitFor({
		timeout: 180_000
	});
	const interactiveMs = performance.now() - started;
	await page.waitForLoadState('networkidle');
	const events = await page.locator('[data-testid="event"]').count();
	await context.close();
	let jsGzipBytes = 0;
	for (const url of js) jsGzipBytes += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
	return { firstMs, seenMs, commitMs, interactiveMs, jsGzipBytes, jsFiles: js.size, events };
}

type TimedKey = 'firstMs' | 'seenMs' | 'commitMs' | 'interactiveMs';

/** The median of each key over `runs`. */
function medianOf(runs: Measure[]): Measure {
	const mid = (key: TimedKey) => [...runs].sort((a, b) => a[key] - b[key])[Math.floor(runs.length / 2)]![key];
	return {
		...runs[0]!,
		firstMs: mid('firstMs'),
		seenMs: mid('seenMs'),
		commitMs: mid('commitMs'),
		interactiveMs: mid('interactiveMs')
	};
}

/**
 * The medians of `RUNS` measures of `sized` and of the empty calendar, taken in turn (after one
 * warm-up of each, so the server's first render does not count): the machine is shared, and a
 * baseline measured minutes earlier, before a long fill, compared loads of different moments.
 */
async function paired(
	sized: () => Promise<Measure>,
	empty: () => Promise<Measure>
): Promise<{ sized: Measure; empty: Measure }> {
	await sized();
	await empty();
	const [a, b]: [Measure[], Measure[]] = [[], []];
	for (let i = 0; i < RUNS; i++) {
		a.push(await sized());
		b.push(await empty());
	}
	const each = (runs: Measure[], key: TimedKey = 'firstMs') => runs.map((r) => r[key].toFixed(0)).join('/');
	console.log(`first interview visible, run by run: ${each(a)} ms; the empty calendar beside them: ${each(b)} ms`);
	console.log(
		`seen by the test driver, run by run: ${each(a, 'seenMs')} ms; the empty calendar: ${each(b, 'seenMs')} ms`
	);
	console.log(`response began, run by run: ${each(a, 'commitMs')} ms; the empty calendar: ${each(b, 'commitMs')} ms`);
	return { sized: medianOf(a), empty: medianOf(b) };
}

/** Runs the benchmark and prints one line per size and a summary line. */
export async function main(): Promise<void> {
	const [app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	try {
		await emptyOrg(app);
		const firstDay = addDaysToYmd(zonedDate(new Date(), ZONE), 1);
		const measureEmpty = () => measure(browser, app, EMPTY_ADMIN, firstDay, false);
		const results: [number, Measure, Measure][] = [];
		const fields: string[] = [];
		/** Prints one size's line as soon as it is measured (a large fill takes minutes), against the empty calendar measured beside it. */
		const report = (size: number, r: Measure, empty: Measure) => {
			results.push([size, r, empty]);
			const ratio = (key: 'firstMs' | 'interactiveMs') => (r[key] / empty[key]).toFixed(2);
			console.log(
				`${String(size).padStart(6)} interviews: first interview visible ${r.firstMs.toFixed(0).padStart(5)} ms (${ratio('firstMs')}x empty), ` +
					`interactive ${r.interactiveMs.toFixed(0).padStart(6)} ms (${ratio('interactiveMs')}x empty), ` +
					`response began ${r.commitMs.toFixed(0)} ms, seen by the test driver ${r.seenMs.toFixed(0)} ms, ` +
					`${r.events} events in the week, JS ${(r.jsGzipBytes / 1000).toFixed(1)} kB gzip in ${r.jsFiles} files` +
					(size > 0
						? `; empty beside it: first ${empty.firstMs.toFixed(0)} ms, interactive ${empty.interactiveMs.toFixed(0)} ms`
						: '')
			);
			fields.push(
				`first_ms_${size}=${r.firstMs.toFixed(0)} first_ratio_${size}=${ratio('firstMs')} interactive_ms_${size}=${r.interactiveMs.toFixed(0)} interactive_ratio_${size}=${ratio('interactiveMs')}`
			);
		};
		await measureEmpty();
		const zero: Measure[] = [];
		for (let i = 0; i < RUNS; i++) zero.push(await measureEmpty());
		report(0, medianOf(zero), medianOf(zero));
		let written = 0;
		for (const size of SIZES) {
			const fillStarted = performance.now();
			await fill(app, size, written);
			console.log(`wrote ${size - written} interviews in ${(performance.now() - fillStarted).toFixed(0)} ms`);
			written = size;
			const m = await paired(() => measure(browser, app, DEMO_ACCOUNTS.admin.email, firstDay, true), measureEmpty);
			report(size, m.sized, m.empty);
		}
		const [bigSize, big, empty] = results[results.length - 1]!;
		const meets = big.firstMs < 1_000 && big.firstMs <= 1.5 * empty.firstMs;
		console.log(`aim at ${bigSize}: first interview under 1 s and at most 1.5x empty: ${meets ? 'met' : 'NOT met'}`);
		console.log(`bench calendar: ${fields.join(' ')} runs=${RUNS}`);
	} finally {
		await browser.close();
		// Closing stores the large document and lets the projection finish; do not wait forever.
		await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main()
		.catch((err: unknown) => {
			console.error(err);
			process.exitCode = 1;
		})
		// The embedded database may still hold timers after a bounded close.
		.finally(() => process.exit());
}
