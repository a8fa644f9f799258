/**
 * Opens the admin calendar in headless Chromium with 5,000 interviews and with an empty calendar,
 * in the same run, and reports the time to the first rendered week and the route's JavaScript
 * size (gzip). The 5,000 interviews are written into the document server-side through a direct
 * connection, as the JSON API writes.
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type * as Y from 'yjs';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seed';
import { hashPassword } from '../src/lib/server/auth';
import { calendarDocName, createInterview } from '../src/lib/collab/calendar';
import { addDaysToYmd, zonedDate, zonedWallTimeToUtc } from '../src/lib/domain/time';
import type { Interview } from '../src/lib/domain/types';
import { startTestApp, type TestApp } from '../tests/helpers/app';
import { launchBrowser } from '../tests/helpers/browser';

const INTERVIEWS = 5_000;
const ZONE = 'America/New_York';
const EMPTY_ADMIN = 'bench-empty@bench.test';
const CLOSE_WAIT_MS = 15_000;

interface Measure {
	firstWeekMs: number;
	jsGzipBytes: number;
	jsFiles: number;
	events: number;
}

/** Writes `n` interviews, 30 minutes each, back to back on working days from tomorrow on. */
async function fill(app: TestApp, n: number): Promise<string> {
	const sql = app.runtime.db.sql;
	const apps = await sql<{ id: string; candidate_id: string; cycle_id: string }[]>`
		select id, candidate_id, cycle_id from applications where org_id = ${app.orgId} order by id`;
	const panel = await sql<{ user_id: string }[]>`
		select user_id from memberships where org_id = ${app.orgId} and role = 'interviewer' order by user_id`;
	const [admin] = await sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
	const { collab } = app.runtime;
	const conn = await collab.hocuspocus.openDirectConnection(
		calendarDocName(app.orgId),
		collab.systemContext(app.orgId, admin!.id)
	);
	const firstDay = addDaysToYmd(zonedDate(new Date(), ZONE), 1);
	const now = new Date().toISOString();
	await conn.transact((doc) => {
		let day = firstDay;
		let slot = 0;
		for (let i = 0; i < n; i++) {
			if (slot === 16) {
				day = addDaysToYmd(day, 1);
				slot = 0;
			}
			const hm = `${String(9 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
			const a = apps[i % apps.length]!;
			const iv: Interview = {
				id: crypto.randomUUID(),
				applicationId: a.id,
				candidateId: a.candidate_id,
				cycleId: a.cycle_id,
				start: zonedWallTimeToUtc(day, hm, ZONE).toISOString(),
				durationMin: 30,
				timezone: ZONE,
				type: (['video', 'phone', 'technical', 'hr', 'final', 'in_person'] as const)[i % 6]!,
				mode: i % 6 === 5 ? 'offline' : 'online',
				location: i % 6 === 5 ? 'Hall B' : '',
				round: 1 + Math.floor(i / apps.length),
				panel: [panel[i % panel.length]!.user_id],
				status: 'scheduled',
				rescheduledFrom: null,
				updatedBy: admin!.id,
				updatedAt: now
			};
			createInterview(doc as unknown as Y.Doc, iv);
			slot++;
		}
	});
	await conn.disconnect();
	return firstDay;
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

/** Opens the calendar in a fresh context (empty IndexedDB) and times the first rendered week. */
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
	const js = new Map<string, number>();
	page.on('response', (res) => {
		const url = res.url();
		if (!url.endsWith('.js') || !url.includes('/_app/')) return;
		res
			.body()
			.then((body) => js.set(url, gzipSync(body).length))
			.catch(() => undefined);
	});
	const started = performance.now();
	await page.goto(`${app.url}/admin/calendar?view=timeGridWeek&date=${date}`);
	await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: 120_000 });
	if (expectEvents) await page.locator('[data-testid="event"]').first().waitFor({ timeout: 120_000 });
	else await page.locator('.ec-body').first().waitFor();
	const firstWeekMs = performance.now() - started;
	await page.waitForLoadState('networkidle');
	const events = await page.locator('[data-testid="event"]').count();
	await context.close();
	const jsGzipBytes = [...js.values()].reduce((a, b) => a + b, 0);
	return { firstWeekMs, jsGzipBytes, jsFiles: js.size, events };
}

/** Runs the benchmark and prints one summary line. */
export async function main(): Promise<void> {
	const [app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	try {
		await emptyOrg(app);
		const fillStarted = performance.now();
		const firstDay = await fill(app, INTERVIEWS);
		console.log(`wrote ${INTERVIEWS} interviews in ${(performance.now() - fillStarted).toFixed(0)} ms`);
		// Warm the server (first SSR, document loaded) so both runs measure the browser side alike.
		await measure(browser, app, EMPTY_ADMIN, firstDay, false);
		await measure(browser, app, DEMO_ACCOUNTS.admin.email, firstDay, true);
		const empty = await measure(browser, app, EMPTY_ADMIN, firstDay, false);
		const full = await measure(browser, app, DEMO_ACCOUNTS.admin.email, firstDay, true);
		const kb = (b: number) => (b / 1024).toFixed(1);
		console.log(
			`empty calendar: first week ${empty.firstWeekMs.toFixed(0)} ms, JS ${kb(empty.jsGzipBytes)} KiB gzip in ${empty.jsFiles} files`
		);
		console.log(
			`${INTERVIEWS} interviews: first week ${full.firstWeekMs.toFixed(0)} ms (${full.events} events in the week), JS ${kb(full.jsGzipBytes)} KiB gzip in ${full.jsFiles} files`
		);
		console.log(
			`bench calendar: first_week_ms_${INTERVIEWS}=${full.firstWeekMs.toFixed(0)} first_week_ms_empty=${empty.firstWeekMs.toFixed(0)} js_gzip_kib_${INTERVIEWS}=${kb(full.jsGzipBytes)} js_gzip_kib_empty=${kb(empty.jsGzipBytes)} ratio=${(full.firstWeekMs / empty.firstWeekMs).toFixed(2)}`
		);
	} finally {
		await browser.close();
		// Closing stores the 5,000-interview document and lets the projection finish; do not wait forever.
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
