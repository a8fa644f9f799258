import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { bookDirect } from '../helpers/calendar';

const ZONE = 'America/New_York'; // the demo admin's own zone: the calendar opens in it
const [SAM, LENA, TOMAS, AIKO] = DEMO_ACCOUNTS.candidates.map((c) => c.email) as [string, string, string, string];
const [SAM_NAME, LENA_NAME] = [DEMO_ACCOUNTS.candidates[0].name, DEMO_ACCOUNTS.candidates[1].name];
const MARCO = DEMO_ACCOUNTS.interviewers[1].email;

/** A Wednesday five weeks ahead: clear of the demo's own interviews. */
function quietWednesday(): string {
	let ymd = addDaysToYmd(zonedDate(new Date(), ZONE), 35);
	while (isoWeekdayOfYmd(ymd) !== 3) ymd = addDaysToYmd(ymd, 1);
	return ymd;
}

/** What a person sees of one event: its size and whether its flag, time and name are whole inside it. */
function measure(page: Page, id: string) {
	return page.evaluate((id) => {
		const card = document.querySelector<HTMLElement>(`[data-testid="event"][data-id="${id}"]`)!;
		const box = card.getBoundingClientRect();
		const part = (el: Element | null) => {
			if (!el) return null;
			const r = el.getBoundingClientRect();
			return {
				text: (el.textContent ?? '').trim(),
				inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5,
				clipped: el.scrollWidth > el.clientWidth + 1
			};
		};
		return {
			left: box.left,
			right: box.right,
			width: box.width,
			flag: part(card.querySelector('[data-testid="conflict-flag"]')),
			time: part(card.querySelector('.ev-time > span:not(.ev-flag)')),
			title: part(card.querySelector('.ev-title'))
		};
	}, id);
}

describe('a double booking in the week view', () => {
	let app: TestApp;
	let browser: Browser;
	let day = '';
	let samId = '';
	let lenaId = '';
	let cancelledIds: string[] = [];

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		day = quietWednesday();
		const at = zonedWallTimeToUtc(day, '10:00', ZONE);
		const startInMin = Math.round((at.getTime() - Date.now()) / 60_000);
		const start = at.toISOString();
		const earlier = new Date(at.getTime() - 15 * 60_000).toISOString();
		// Marco is booked twice at 10:00; two cancelled interviews sit in the same hour, as in the report.
		const ids = await bookDirect(app, [
			{ candidate: SAM, panel: [MARCO], startInMin, mode: 'online', durationMin: 45, extra: { start } },
			{ candidate: LENA, panel: [MARCO], startInMin, mode: 'online', durationMin: 45, extra: { start } },
			{
				candidate: TOMAS,
				panel: [MARCO],
				startInMin,
				mode: 'offline',
				durationMin: 45,
				extra: { status: 'cancelled', start }
			},
			{
				candidate: AIKO,
				panel: [MARCO],
				startInMin: startInMin - 15,
				mode: 'offline',
				durationMin: 60,
				extra: { status: 'cancelled', start: earlier }
			}
		]);
		[samId, lenaId, ...cancelledIds] = [ids[0]!, ids[1]!, ...ids.slice(2)];
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	async function adminAt(width: number): Promise<Page> {
		const context = await browser.newContext({
			viewport: { width, height: 900 },
			deviceScaleFactor: 1,
			timezoneId: ZONE,
			locale: 'en-GB'
		});
		const page = await context.newPage();
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar');
		await page.goto(`${app.url}/admin/calendar?view=timeGridWeek&date=${day}`);
		await page.locator(`[data-testid="event"][data-id="${samId}"]`).waitFor();
		return page;
	}

	it('leaves cancelled interviews off the grid until “Show cancelled” is ticked', async () => {
		const page = await adminAt(1440);
		const cancelledOnGrid = () =>
			page.evaluate(
				(ids) => ids.filter((id) => document.querySelector(`[data-testid="event"][data-id="${id}"]`)).length,
				cancelledIds
			);
		expect(await cancelledOnGrid()).toBe(0);
		const toggle = page.getByRole('checkbox', { name: /Show cancelled/ });
		expect(await toggle.isChecked()).toBe(false);
		await toggle.check();
		await page.locator(`[data-testid="event"][data-id="${cancelledIds[0]}"]`).waitFor();
		expect(await cancelledOnGrid()).toBe(2);
		await screenshot(page, 'week-double-booking-cancelled-shown-1440');
		// Remembered on this device, and off again on request.
		await page.reload();
		await page.locator(`[data-testid="event"][data-id="${cancelledIds[0]}"]`).waitFor();
		await page.getByRole('checkbox', { name: /Show cancelled/ }).uncheck();
		await page.locator(`[data-testid="event"][data-id="${cancelledIds[0]}"]`).waitFor({ state: 'detached' });
		await page.context().close();
	});

	for (const width of [1440, 390]) {
		it(`shows both clashing interviews whole at ${width} px: name, time and conflict badge`, async () => {
			const page = await adminAt(width);
			await page.locator(`[data-testid="event"][data-id="${lenaId}"]`).scrollIntoViewIfNeeded();
			await screenshot(page, `week-double-booking-${width}`);
			const sam = await measure(page, samId);
			const lena = await measure(page, lenaId);
			for (const [ev, name] of [
				[sam, SAM_NAME],
				[lena, LENA_NAME]
			] as const) {
				expect(ev.width).toBeGreaterThanOrEqual(72);
				expect(ev.title).toMatchObject({ text: name, inside: true, clipped: false });
				expect(ev.flag).toMatchObject({ text: '⚠ Conflict', inside: true, clipped: false });
				expect(ev.time?.text).toMatch(/^10:00/);
				expect(ev.time).toMatchObject({ inside: true, clipped: false });
			}
			// Side by side, not on top of each other.
			expect(Math.min(sam.right, lena.right) - Math.max(sam.left, lena.left)).toBeLessThanOrEqual(1);
			await page.context().close();
		});
	}
});
