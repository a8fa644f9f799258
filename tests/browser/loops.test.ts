/**
 * Loops as an admin books and moves one: the loop form finds the times at which every session fits
 * and books them in one step; the calendar shows the sessions together ("Loop 1/3", one outline);
 * the loop's page moves the whole loop to a time it finds; the candidate's page shows it as one block.
 * Screenshots at 1440 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { audit, describeViolations } from '../helpers/axe';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const TOMAS = DEMO_ACCOUNTS.candidates[2]!;
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;

/** A Wednesday ten or more days ahead (YYYY-MM-DD). */
function wednesday(): string {
	const d = new Date(Date.now() + 10 * 86400_000);
	while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

describe('loops, as an admin books, sees and moves one', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	const tomasSessions = () =>
		app.runtime.db.sql<{ start_at: Date; status: string }[]>`select i.start_at, i.status from interviews i
			join users u on u.id = i.candidate_id where u.email = ${TOMAS.email} order by i.start_at`;

	it('books a loop from the form, shows it grouped on the calendar and moves it as a unit', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await page.setViewportSize({ width: 1440, height: 900 });
		page.on('pageerror', (e) => console.error('[admin] page error:', e.message));
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/**');
		await page.goto(`${app.url}/admin/requests`);
		await page.getByRole('link', { name: 'Book a loop' }).click();
		await page.getByRole('heading', { name: 'Book a loop', level: 1 }).waitFor();

		const tomas = await page.getByLabel('Candidate').locator('option', { hasText: TOMAS.name }).getAttribute('value');
		await page.getByLabel('Candidate').selectOption(tomas!);
		await page.getByLabel('Where').selectOption('offline');
		await page.getByLabel('Room (in person)').fill('Room 4');
		await page.getByLabel('Break between sessions').selectOption('60');
		// Marco (Rome), then Ines (New York), then Priya (Los Angeles): their hours meet in that order.
		for (const [i, who] of [MARCO, INES, PRIYA].entries()) {
			const id = await page
				.getByLabel(`Session ${i + 1} interviewer`)
				.locator('option', { hasText: who!.name })
				.getAttribute('value');
			await page.getByLabel(`Session ${i + 1} interviewer`).selectOption(id!);
			await page.getByLabel(`Session ${i + 1} kind`).selectOption('in_person');
		}
		await page.getByLabel('From').fill(wednesday());
		await page.getByLabel('Days to search').selectOption('1');
		await page.getByRole('button', { name: 'Find times' }).click();
		await page.getByRole('heading', { name: 'Times that fit the whole loop' }).waitFor();
		const starts = page.getByTestId('loop-start');
		expect(await starts.count()).toBeGreaterThan(0);
		await screenshot(page, 'loops-form-1440');
		const chosen = await starts.first().locator('input').getAttribute('value');
		await page.getByRole('button', { name: 'Book this loop' }).click();
		await page.getByText('The loop is booked: every session is on the calendar.').waitFor();
		expect(await page.getByTestId('loop-session').count()).toBe(3);
		const booked = await tomasSessions();
		expect(booked.map((r) => (r.start_at.getTime() - Date.parse(chosen!)) / 60_000)).toEqual([0, 105, 210]);
		await screenshot(page, 'loops-page-1440');

		// The calendar shows the three sessions as one loop.
		await page.getByRole('link', { name: '← Calendar' }).click();
		await page.waitForURL('**/admin/calendar**');
		const labels = page.getByTestId('event-loop');
		await labels.first().waitFor();
		expect((await labels.allTextContents()).sort()).toEqual(['Loop 1/3', 'Loop 2/3', 'Loop 3/3']);
		await screenshot(page, 'loops-calendar-1440');
		await page.locator('[data-testid="event"]', { hasText: 'Loop 2/3' }).click();
		await page.getByTestId('detail-loop').waitFor();
		expect(await page.getByTestId('detail-loop').textContent()).toContain('Session 2 of a 3-session loop');
		await page.getByRole('link', { name: 'Move or cancel the whole loop' }).click();

		// Move the whole loop to the next day.
		await page.getByRole('heading', { name: 'Move the whole loop' }).waitFor();
		const next = new Date(Date.parse(`${wednesday()}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
		await page.getByLabel('From').fill(next);
		await page.getByLabel('Days to search').selectOption('1');
		await page.getByRole('button', { name: 'Find times' }).click();
		await page.getByTestId('loop-start').first().waitFor();
		const target = await page.getByTestId('loop-start').first().locator('input').getAttribute('value');
		await page.getByLabel('Why it moves (the candidate and the panels read it)').fill('The panel travels on Wednesday');
		await page.getByRole('button', { name: 'Move the loop' }).click();
		await page.getByText('The whole loop moved.').waitFor();
		const moved = await tomasSessions();
		expect(moved.map((r) => (r.start_at.getTime() - Date.parse(target!)) / 60_000)).toEqual([0, 105, 210]);
		expect(moved.every((r) => r.status === 'scheduled')).toBe(true);
		// The loop's own history: the booking, then the move with its reason and each session's old and new time.
		const history = page.getByTestId('loop-log');
		expect(await history.count()).toBe(2);
		expect(await history.nth(0).textContent()).toContain('Booked 3 sessions');
		const move = (await history.nth(1).textContent())!;
		expect(move).toContain('Moved 3 sessions');
		expect(move).toContain(DEMO_ACCOUNTS.admin.name);
		expect(move).toContain('“The panel travels on Wednesday”');
		expect(await history.nth(1).locator('s').count()).toBe(3);
		const violations = await audit(page);
		expect(violations, describeViolations('the loop page with its history', violations)).toEqual([]);
		await screenshot(page, 'loops-moved-1440');

		// Moving it to a Saturday finds nothing, and the loop's page says why.
		const saturday = new Date(Date.parse(`${wednesday()}T12:00:00Z`) + 3 * 86400_000).toISOString().slice(0, 10);
		await page.getByLabel('From').fill(saturday);
		await page.getByLabel('Days to search').selectOption('1');
		await page.getByRole('button', { name: 'Find times' }).click();
		await page.getByTestId('no-starts').waitFor();
		expect(await page.getByTestId('loop-why').textContent()).toContain(
			`Session 1 · ${MARCO!.name}: Does not work on this day.`
		);
		await screenshot(page, 'loops-move-why-1440');

		// A loop that fits nowhere says why, per session, person and day: Marco does not work on Saturdays.
		const loopUrl = page.url();
		await page.goto(`${app.url}/admin/loops/new`);
		await page.getByLabel('Candidate').selectOption(tomas!);
		await page.getByLabel('Where').selectOption('offline');
		await page.getByLabel('Room (in person)').fill('Room 4');
		for (const [i, who] of [MARCO, INES].entries()) {
			const id = await page
				.getByLabel(`Session ${i + 1} interviewer`)
				.locator('option', { hasText: who!.name })
				.getAttribute('value');
			await page.getByLabel(`Session ${i + 1} interviewer`).selectOption(id!);
			await page.getByLabel(`Session ${i + 1} kind`).selectOption('in_person');
		}
		await page.getByLabel('From').fill(saturday);
		await page.getByLabel('Days to search').selectOption('1');
		await page.getByRole('button', { name: 'Find times' }).click();
		const why = page.getByTestId('loop-why');
		await why.waitFor();
		expect(await why.textContent()).toContain(`Session 1 · ${MARCO!.name}: Does not work on this day.`);
		await screenshot(page, 'loops-why-1440');
		const whyUrl = page.url();

		// The same pages on a phone.
		const phone = await newPerson(browser, { phone: true });
		const small = await phone.newPage();
		await signIn(small, app.url, DEMO_ACCOUNTS.admin.email);
		await small.waitForURL('**/admin/**');
		await small.goto(loopUrl.replace(/\?.*$/, ''));
		await small.getByTestId('loop-session').first().waitFor();
		await screenshot(small, 'loops-page-390');
		await small.goto(`${app.url}/admin/calendar?date=${next}`);
		await small.getByTestId('event-loop').first().waitFor();
		await screenshot(small, 'loops-calendar-390');
		await small.goto(`${app.url}/admin/loops/new`);
		await small.getByRole('heading', { name: 'Book a loop', level: 1 }).waitFor();
		await screenshot(small, 'loops-form-390');
		await small.goto(whyUrl);
		await small.getByTestId('loop-why').waitFor();
		await screenshot(small, 'loops-why-390');
		await phone.close();

		// The candidate sees the loop as one block listing its sessions.
		const candidate = await newPerson(browser, { phone: true });
		const home = await candidate.newPage();
		await signIn(home, app.url, TOMAS.email);
		const block = home.getByTestId('candidate-loop');
		await block.waitFor();
		expect(await block.getByRole('heading').first().textContent()).toContain('3 sessions');
		expect(await block.locator('ol li').count()).toBe(3);
		await screenshot(home, 'loops-candidate-390');
		await candidate.close();
		await context.close();
	}, 180_000);
});
