/**
 * The full demo as a new admin first sees it (issue 11, finding 14): a week of the calendar full of
 * interviews, the two double bookings flagged on the grid and counted above it, and the side panel
 * naming who is booked twice, at 1440 and 390 px, with no axe-core (WCAG 2.2 AA) violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, ORG_TZ } from '../../db/seed';
import { zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { audit, describeViolations } from '../helpers/axe';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';

interface Clash {
	id: string;
	start: string;
	panel: { id: string; name: string }[];
	conflicts: { interview_id: string; person_id: string }[];
}

describe('the full demo in the browser', () => {
	let app: TestApp;
	let browser: Browser;
	/** The first double booking: its day in the organization's zone, both interviews and the person booked twice. */
	let day = '';
	let pair: string[] = [];
	let twice = '';
	/** Kofi Asante's final: three scorecards, finalized. */
	let finalId = '';

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded', {}, { demo: 'full' }), launchBrowser()]);
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const all = (await app.api('GET', '/api/v1/interviews?page_size=200', admin)).body.data as Clash[];
		const first = all.filter((i) => i.conflicts.length > 0).sort((a, b) => a.start.localeCompare(b.start))[0]!;
		day = zonedDate(first.start, ORG_TZ);
		pair = [first.id, first.conflicts[0]!.interview_id];
		twice = first.panel.find((p) => p.id === first.conflicts[0]!.person_id)!.name;
		finalId = (await app.api('GET', '/api/v1/interviews?q=Kofi&status=completed&sort=-start', admin)).body.data[0].id;
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	async function adminAt(width: number, path: string, waitFor: string[] = pair): Promise<Page> {
		const context = await browser.newContext({
			viewport: { width, height: width > 500 ? 900 : 844 },
			deviceScaleFactor: 1,
			timezoneId: ORG_TZ,
			locale: 'en-GB'
		});
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error(`[demo ${width}] page error:`, e.message));
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar');
		await page.goto(`${app.url}${path}`);
		for (const id of waitFor) await page.locator(`[data-testid="event"][data-id="${id}"]`).waitFor();
		return page;
	}

	for (const width of [1440, 390]) {
		it(`shows a busy week with both conflicts flagged and counted at ${width} px, and passes axe`, async () => {
			const page = await adminAt(width, `/admin/calendar?view=timeGridWeek&date=${day}`);
			expect(await page.locator('[data-testid="event"]').count()).toBeGreaterThanOrEqual(10);
			// Two double bookings: four interviews in conflict, counted above the calendar whatever the week.
			expect(await page.getByTestId('count-conflicts').textContent()).toBe('4');
			for (const id of pair)
				await page.locator(`[data-testid="event"][data-id="${id}"] [data-testid="conflict-flag"]`).waitFor();
			// On a phone the week scrolls sideways: bring the conflict into view, as a person would.
			await page.locator(`[data-testid="event"][data-id="${pair[0]}"]`).scrollIntoViewIfNeeded();
			await screenshot(page, `demo-week-${width}`);
			const violations = await audit(page);
			expect(describeViolations(`demo week @${width}`, violations)).toBe('');
			await page.context().close();
		});

		it(`names who is booked twice in the side panel at ${width} px, and passes axe`, async () => {
			const page = await adminAt(width, `/admin/calendar?view=timeGridWeek&date=${day}&interview=${pair[0]}`);
			const alert = page.getByTestId('detail-conflicts');
			await alert.waitFor();
			expect(await alert.textContent()).toContain(twice);
			await screenshot(page, `demo-conflict-detail-${width}`);
			const violations = await audit(page);
			expect(describeViolations(`demo conflict detail @${width}`, violations)).toBe('');
			await page.context().close();
		});

		it(`shows a past interview's scorecards, finalized, at ${width} px, and passes axe`, async () => {
			const page = await adminAt(width, `/interviews/${finalId}`, []);
			await page.getByRole('heading', { name: 'Kofi Asante', level: 1 }).waitFor();
			await page.getByText('Hire / admit').first().waitFor();
			// The panel's shared notes, in the editor.
			await page.locator('.ProseMirror li').first().waitFor();
			expect(await page.locator('.ProseMirror li').count()).toBe(3);
			await screenshot(page, `demo-interview-scorecards-${width}`);
			const violations = await audit(page);
			expect(describeViolations(`demo interview @${width}`, violations)).toBe('');
			await page.context().close();
		});
	}
});
