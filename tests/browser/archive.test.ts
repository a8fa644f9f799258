/**
 * The admin's calendar follows a compaction (decision 69): archiving runs while the calendar is
 * open; the page keeps showing every interview, moves to the new document without a blank moment,
 * says "saved", forgets its copy of the old document, and takes the next change from the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName } from '../../src/lib/collab/doc-names';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';
import { bookDirect, futureStart, minutesUntil } from '../helpers/calendar';

const [LENA, TOMAS] = [DEMO_ACCOUNTS.candidates[1], DEMO_ACCOUNTS.candidates[2]];
const GRACE = DEMO_ACCOUNTS.candidates.find((c) => c.name === 'Grace Adeyemi')!;
const DIEGO = DEMO_ACCOUNTS.candidates.find((c) => c.name === 'Diego Santos')!;
const SYNC_MS = 15_000;

describe('the live calendar across an archive pass', () => {
	let app: TestApp;
	let browser: Browser;
	let admin: Page;
	let cookie: string;

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		await bookDirect(app, [
			// Clear of the demo's own interviews (its first three working days) at any hour.
			{ candidate: LENA.email, startInMin: minutesUntil(futureStart(8, 17)), mode: 'online' },
			{ candidate: TOMAS.email, startInMin: minutesUntil(futureStart(8, 19)), mode: 'offline' }
		]);
		cookie = await app.login(DEMO_ACCOUNTS.admin.email);
		const context = await newPerson(browser);
		admin = await context.newPage();
		admin.on('pageerror', (e) => console.error('[admin] page error:', e.message));
		await signIn(admin, app.url, DEMO_ACCOUNTS.admin.email);
		await admin.waitForURL(/\/admin/);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	const databases = () =>
		admin.evaluate(async () =>
			(await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes(':calendar'))
		);

	it('moves to the compacted calendar without a blank moment and takes the next change from it', async () => {
		await admin.goto(`${app.url}/admin/calendar`);
		await admin.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: SYNC_MS });
		await admin.getByRole('button', { name: 'List', exact: true }).click();
		await admin.getByRole('button', { name: 'All', exact: true }).click();
		const row = (name: string) => admin.getByTestId('interview-list').locator('tbody tr', { hasText: name });
		await row(LENA.name).waitFor({ timeout: SYNC_MS });
		expect(await databases()).toEqual([`parley:${calendarDocName(app.orgId)}`]);
		// From now on, note the fewest interviews the list ever shows.
		await admin.evaluate(() => {
			const w = window as unknown as { fewest: number };
			const count = () => document.querySelectorAll('[data-testid="interview-list"] tbody tr').length;
			w.fewest = count();
			new MutationObserver(() => (w.fewest = Math.min(w.fewest, count()))).observe(document.body, {
				childList: true,
				subtree: true
			});
		});
		const shown = await admin.evaluate(() => (window as unknown as { fewest: number }).fewest);
		expect(shown).toBeGreaterThanOrEqual(2);
		// The summary's finished counts, and the lowest each ever shows from now on.
		const counted = await admin.evaluate(() => {
			const w = window as unknown as { lowest: Record<string, number> };
			const read = () =>
				Object.fromEntries(
					['completed', 'cancelled'].map((k) => [
						k,
						Number(document.querySelector(`[data-testid="count-${k}"]`)?.textContent ?? NaN)
					])
				);
			w.lowest = read();
			new MutationObserver(() => {
				for (const [k, n] of Object.entries(read())) w.lowest[k] = Math.min(w.lowest[k]!, n);
			}).observe(document.body, { childList: true, subtree: true, characterData: true });
			return read();
		});
		expect(counted.completed).toBeGreaterThan(0);

		const outcome = await app.runtime.collab.archive(app.orgId, { afterDays: 1 });
		expect(outcome?.generation).toBe(1);
		await expect.poll(databases, { timeout: SYNC_MS }).toEqual([`parley:${calendarDocName(app.orgId, 1)}`]);
		await admin.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: SYNC_MS });
		// The archived ones left the document but stay on the page, as a reload would show them: no
		// interview ever blinked out of the list.
		expect(outcome!.archived).toBeGreaterThan(0);
		expect(await admin.evaluate(() => (window as unknown as { fewest: number }).fewest)).toBe(shown);
		await expect.poll(() => admin.getByTestId('interview-list').locator('tbody tr').count()).toBe(shown);
		// The archived interviews left the document but are still counted, once, and never dropped meanwhile.
		const cards = async () => ({
			completed: Number(await admin.getByTestId('count-completed').textContent()),
			cancelled: Number(await admin.getByTestId('count-cancelled').textContent())
		});
		await expect.poll(cards, { timeout: SYNC_MS }).toEqual(counted);
		expect(await admin.evaluate(() => (window as unknown as { lowest: unknown }).lowest)).toEqual(counted);

		// A change made through the API now (into the new document) reaches the open page.
		const tomas = (await app.api('GET', '/api/v1/interviews?page_size=100', cookie)).body.data.find(
			(i: { candidate: { name: string } }) => i.candidate.name === TOMAS.name
		);
		const before = await row(TOMAS.name).textContent();
		const start = new Date(Date.parse(tomas.start) + 3_600_000).toISOString();
		const moved = await app.api('PATCH', `/api/v1/interviews/${tomas.id}`, cookie, {
			start,
			reason: 'Room free later'
		});
		expect(moved.status).toBe(200);
		await expect.poll(() => row(TOMAS.name).textContent(), { timeout: SYNC_MS }).not.toBe(before);
		await screenshot(admin, 'calendar-after-archive-desktop');
	});

	it('still shows archived interviews in their weeks, read from the server beside the live ones', async () => {
		const zone = 'America/New_York';
		const ago = (days: number) => zonedDate(new Date(Date.now() - days * 86_400_000), zone);
		const event = (name: string) => admin.locator('[data-testid="event"]', { hasText: name });
		// Grace's interview (6 days ago) is archived; the week opened on it shows it, live or not.
		await admin.goto(`${app.url}/admin/calendar?view=timeGridWeek&date=${ago(6)}`);
		await event(GRACE.name).first().waitFor({ timeout: SYNC_MS });
		await admin.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: SYNC_MS });
		await admin.waitForTimeout(500);
		expect(await event(GRACE.name).count()).toBeGreaterThan(0);
		// Counted once: by the server, although it is also on the grid.
		expect(await admin.getByTestId('count-completed').textContent()).toBe('2');
		await screenshot(admin, 'calendar-archived-week-desktop');
		// Diego's (9 days ago), reached from the calendar, comes from the API: not in the document any more.
		// This week's cards count what an archive pass took of it (a window under a week), live as in
		// the server's first view: an interview that ended a minute ago, completed, then archived.
		await bookDirect(app, [
			{ candidate: DIEGO.email, startInMin: -31, mode: 'online', extra: { status: 'completed' } }
		]);
		expect((await app.runtime.collab.archive(app.orgId, { afterDays: 0 }))?.archived).toBeGreaterThan(0);
		const path = `/admin/calendar?view=timeGridWeek&date=${ago(0)}`;
		const html = await (await app.request(path, { cookie })).text();
		const served = (key: string) => html.match(new RegExp(`data-testid="count-${key}">(\\d+)<`))?.[1];
		await admin.goto(`${app.url}${path}`);
		await admin.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: SYNC_MS });
		for (const key of ['today', 'week', 'completed', 'cancelled']) {
			expect(served(key), key).toMatch(/^\d+$/);
			await expect.poll(() => admin.getByTestId(`count-${key}`).textContent(), { timeout: SYNC_MS }).toBe(served(key));
		}
		await admin.goto(`${app.url}/admin/calendar?view=dayGridMonth&date=${ago(9)}`);
		await event(DIEGO.name).first().waitFor({ timeout: SYNC_MS });
	});

	it('leaves finished applications out of the page, and still names their archived interviews', async () => {
		const zone = 'America/New_York';
		const ago = (days: number) => zonedDate(new Date(Date.now() - days * 86_400_000), zone);
		const sql = app.runtime.db.sql;
		// Grace's application is decided, and her only interview was archived (6 days ago): nothing the
		// calendar can book or change. Years of such applications must not ride on every page.
		const [grace] = await sql<{ id: string; cycle: string }[]>`
			select a.id, c.name as cycle from applications a join users u on u.id = a.candidate_id
			join cycles c on c.id = a.cycle_id where u.email = ${GRACE.email}`;
		await sql`update applications set status = 'approved' where id = ${grace!.id}`;
		const [live] = await sql<{ n: number }[]>`
			select count(*)::int as n from interviews where application_id = ${grace!.id} and archived_at is null`;
		expect(live!.n).toBe(0);
		const later = `/admin/calendar?view=timeGridWeek&date=${ago(-28)}`;
		const html = await (await app.request(later, { cookie })).text();
		expect(html).not.toContain(grace!.id);
		// The admin goes back week by week from a later week: the archived week comes from the API,
		// which names its candidate; the details name the cycle too.
		await admin.goto(`${app.url}${later}`);
		await admin.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: SYNC_MS });
		const monday = (ymd: string) => Date.parse(addDaysToYmd(ymd, 1 - isoWeekdayOfYmd(ymd)));
		const weeks = Math.round((monday(ago(-28)) - monday(ago(6))) / (7 * 86_400_000));
		for (let week = 0; week < weeks; week++) await admin.locator('.ec-prev').first().click();
		const event = admin.locator('[data-testid="event"]', { hasText: GRACE.name });
		await event.first().waitFor({ timeout: SYNC_MS });
		await event.first().click();
		const detail = admin.getByTestId('detail-panel');
		await detail.getByRole('heading', { name: GRACE.name }).waitFor();
		await detail.getByText(grace!.cycle).waitFor();
		await screenshot(admin, 'calendar-archived-finished-application');
	});
});
