import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '../../src/lib/domain/time';
import { formatFor } from '../../src/lib/format/dates';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { bookDirect } from '../helpers/calendar';

const ZONE = 'America/New_York'; // the demo admin's own zone
const SAM = DEMO_ACCOUNTS.candidates[0];
const MARCO = DEMO_ACCOUNTS.interviewers[1].email;
/** Intl's narrow and thin spaces, read as plain ones. */
const plain = (s: string | null) => (s ?? '').replace(/[\u202f\u00a0\u2009]/g, ' ').trim();

/** A Tuesday six weeks ahead, clear of the demo's interviews. */
function quietTuesday(): string {
	let ymd = addDaysToYmd(zonedDate(new Date(), ZONE), 42);
	while (isoWeekdayOfYmd(ymd) !== 2) ymd = addDaysToYmd(ymd, 1);
	return ymd;
}

describe('one way to write dates and times on the calendar page', () => {
	let app: TestApp;
	let browser: Browser;
	let day = '';
	let id = '';
	let start = '';

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		day = quietTuesday();
		start = zonedWallTimeToUtc(day, '13:00', ZONE).toISOString();
		[id = ''] = await bookDirect(app, [
			{ candidate: SAM.email, panel: [MARCO], startInMin: 0, mode: 'online', durationMin: 45, extra: { start } }
		]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	async function calendarAs(locale: string, width = 1440): Promise<Page> {
		const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: ZONE, locale });
		const page = await context.newPage();
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar');
		await page.goto(`${app.url}/admin/calendar?view=timeGridWeek&date=${day}`);
		await page.locator(`[data-testid="event"][data-id="${id}"]`).waitFor();
		return page;
	}

	/** The hour labels the grid shows (its hidden first line left out), the day headers and the event's time. */
	function readGrid(page: Page) {
		return page.evaluate((id) => {
			const labels = [...document.querySelectorAll<HTMLElement>('.ec-body .ec-sidebar .ec-slot')]
				.filter((s) => getComputedStyle(s).visibility !== 'hidden')
				.map((s) => s.querySelector('time')?.textContent?.trim() ?? '')
				.filter(Boolean);
			const headers = [...document.querySelectorAll('.ec-header .ec-col-head time')].map((t) => t.textContent ?? '');
			const event = document.querySelector(`[data-testid="event"][data-id="${id}"] .ev-time`)?.textContent ?? '';
			return { labels, headers, event };
		}, id);
	}

	it('in en-GB: 24-hour hours from 07:00, day headers and event times in the module’s style', async () => {
		const page = await calendarAs('en-GB');
		const grid = await readGrid(page);
		const f = formatFor('en-GB', ZONE);
		expect(grid.labels[0]).toBe('07:00');
		expect(grid.labels).toContain('13:00');
		expect(grid.headers.map(plain)).toContain(plain(f.day(start))); // "Tue, 12 Jan", not "Tue 12/01"
		for (const h of grid.headers) expect(h).not.toMatch(/\d+\/\d+/);
		expect(plain(grid.event)).toContain('13:00');

		// The form's date and time inputs are the browser's; the line under them reads the choice back
		// in the calendar's words.
		await page.getByRole('button', { name: 'Schedule interview' }).click();
		const form = page.locator('aside.side form').first();
		await form.getByLabel('Date', { exact: true }).fill(day);
		await form.getByLabel(/^Start/).fill('09:30');
		await form.getByLabel('Duration').selectOption('45');
		const readback = plain(await page.getByTestId('start-readback').textContent());
		const at = zonedWallTimeToUtc(day, '09:30', ZONE);
		expect(readback).toBe(
			plain(`${f.range(at, new Date(at.getTime() + 45 * 60_000))} ${f.offset(at)}`).replace(/\s+/g, ' ')
		);
		expect(plain(await form.getByLabel('Duration').locator('option:checked').textContent())).toBe(
			plain(f.duration(45))
		);
		await screenshot(page, 'date-formats-en-gb-1440');
		await page.context().close();
	});

	it('in en-US: the grid, the event and the read-back all use the 12-hour clock the time input shows', async () => {
		const page = await calendarAs('en-US', 390);
		const grid = await readGrid(page);
		expect(plain(grid.labels[0] ?? '')).toBe('07:00 AM');
		expect(grid.labels.map(plain)).toContain('01:00 PM');
		expect(grid.labels.some((l) => /^1[3-9]:|^2\d:/.test(l))).toBe(false);
		expect(plain(grid.event)).toMatch(/\b0?1:00.*PM/);
		await page.getByRole('button', { name: 'Schedule interview' }).click();
		const form = page.locator('aside.side form').first();
		await form.getByLabel('Date', { exact: true }).fill(day);
		await form.getByLabel(/^Start/).fill('14:00');
		await form.getByLabel('Duration').selectOption('45');
		expect(plain(await page.getByTestId('start-readback').textContent())).toMatch(/2:00 – 2:\d\d PM/);
		await screenshot(page, 'date-formats-en-us-390');
		await page.context().close();
	});
});
