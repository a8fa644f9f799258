/**
 * Pools in the admin's scheduling form, as an admin acts: choose how pools pick in Calendar rules,
 * then schedule from the calendar with "1 of this pool", see whom the finder picked for each free
 * time and why, book one and find the pick on the panel; edit that interview with a pool in place of
 * the pick, move it to a time the pool offers and find the new pick on the stored panel; ask for more
 * than the pool has and read why no time is free. Screenshots at 1440 and 390 px; axe finds nothing on the open form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { coreFixed, DEMO_ACCOUNTS } from '../../db/seed';
import { zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { audit, describeViolations } from '../helpers/axe';
import { launchBrowser, newPerson, SCREENSHOT_DIR, screenshot, signIn } from '../helpers/browser';

const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;
const LENA = DEMO_ACCOUNTS.candidates[1]!;

/** Opens the scheduling form on the calendar with Lena chosen, Ines named and Priya then Marco in the pool. */
async function formWithPool(page: Page, base: string) {
	// The week of the demo's first interview: the current week may hold none (then the empty grid, a
	// scroll box with nothing to focus, is an accessibility finding of its own).
	const first = coreFixed(new Date())
		.map((iv) => iv.start)
		.sort()[0]!;
	await page.goto(`${base}/admin/calendar?view=timeGridWeek&date=${zonedDate(new Date(first), 'America/New_York')}`);
	await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: 15_000 });
	await page.getByRole('button', { name: '+ Schedule interview' }).click();
	const form = page.getByTestId('schedule-form');
	await form.waitFor();
	await form.getByTestId('application-search').fill('Lena');
	await form.getByRole('radio', { name: new RegExp(LENA.name) }).check();
	await form.getByRole('checkbox', { name: new RegExp(INES!.name) }).check();
	const pool = form.getByTestId('pool-picker');
	await pool.locator('summary').click();
	await pool.getByRole('checkbox', { name: PRIYA!.name }).check();
	await pool.getByRole('checkbox', { name: MARCO!.name }).check();
	return { form, pool };
}

describe('pools in the scheduling form', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('picks from the pool as the organization prefers, says whom and why, and books the pick', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await page.setViewportSize({ width: 1440, height: 900 });
		page.on('pageerror', (e) => console.error('[admin] page error:', e.message));
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/**');

		// Calendar rules: equal distribution by default; the admin chooses maximum availability.
		await page.goto(`${app.url}/admin/rules`);
		const prefs = page.getByTestId('pool-preference-form');
		expect(await prefs.getByRole('radio', { name: /^Equal distribution/ }).isChecked()).toBe(true);
		await prefs.getByRole('radio', { name: /^Maximum availability/ }).check();
		await prefs.getByRole('button', { name: 'Save' }).click();
		await page.getByText('Saved. The slot finder now picks from pools this way.').waitFor();

		const { form, pool } = await formWithPool(page, app.url);
		expect(await pool.getByTestId('pool-preference').textContent()).toContain('Maximum availability');
		const slots = form.getByTestId('pool-slot');
		await slots.first().waitFor();
		const offered = await form.getByTestId('pool-suggestions').locator('li').allTextContents();
		expect(offered.length).toBeGreaterThan(0);
		for (const text of offered) expect(text).toMatch(new RegExp(`with (${PRIYA!.name}|${MARCO!.name})`));
		// Every pick has the same reason with maximum availability: it is said once.
		expect(await form.getByTestId('pool-suggestions').textContent()).toContain(
			'Free at this time (first in the pool’s order).'
		);
		await slots.first().click();
		const picked = form.getByTestId('pool-picked');
		await picked.waitFor();
		const who = offered[0]!.includes(PRIYA!.name) ? PRIYA! : MARCO!;
		expect(await picked.textContent()).toContain(`At this time: ${who.name}.`);
		const violations = await audit(page);
		expect(violations, describeViolations('the scheduling form with a pool', violations)).toEqual([]);
		await screenshot(page, 'pools-form-1440');
		await pool.screenshot({ path: `${SCREENSHOT_DIR}/pools-picker-1440.png` });

		await form.getByTestId('schedule-submit').click();
		await page.getByTestId('detail-panel').waitFor();
		// The new interview of Lena's with the pick on it, and its whole panel.
		const panel = () => app.runtime.db.sql<{ email: string }[]>`
			select u.email from interviews i join users c on c.id = i.candidate_id
				join interview_panel p on p.interview_id = i.id join users u on u.id = p.user_id
			where c.email = ${LENA.email} and i.status = 'scheduled' and exists (select 1 from interview_panel q
				join users w on w.id = q.user_id where q.interview_id = i.id and w.email = ${who.email})
			order by u.email`;
		await expect
			.poll(async () => (await panel()).map((r) => r.email), { timeout: 15_000 })
			.toEqual([INES!.email, who.email].sort());
		await screenshot(page, 'pools-booked-1440');

		// Editing the booked interview: the pick leaves the named panel, the pool takes the seat again,
		// and the interview moves to another time the pool offers (its own old time is free to it).
		const [booked] = await app.runtime.db.sql<{ id: string }[]>`
			select i.id from interviews i join users c on c.id = i.candidate_id
			where c.email = ${LENA.email} and i.status = 'scheduled' and exists (select 1 from interview_panel q
				join users w on w.id = q.user_id where q.interview_id = i.id and w.email = ${who.email})`;
		await page.getByRole('button', { name: 'Edit / reschedule' }).click();
		const edit = page.getByTestId('schedule-form');
		await edit.getByRole('heading', { name: 'Edit or reschedule' }).waitFor();
		await edit.getByRole('checkbox', { name: new RegExp(who.name) }).uncheck();
		const editPool = edit.getByTestId('pool-picker');
		await editPool.locator('summary').click();
		await editPool.getByRole('checkbox', { name: PRIYA!.name }).check();
		await editPool.getByRole('checkbox', { name: MARCO!.name }).check();
		const editSlots = edit.getByTestId('pool-slot');
		await editSlots.nth(1).waitFor();
		const moved = await editSlots.nth(1).getAttribute('data-start');
		const offeredOnEdit = await edit.getByTestId('pool-suggestions').locator('li').allTextContents();
		for (const text of offeredOnEdit) expect(text).toMatch(new RegExp(`with (${PRIYA!.name}|${MARCO!.name})`));
		await editSlots.nth(1).click();
		await edit.getByTestId('pool-picked').waitFor();
		const pickedOnEdit = offeredOnEdit[1]!.includes(PRIYA!.name) ? PRIYA! : MARCO!;
		expect(await edit.getByTestId('pool-picked').textContent()).toContain(`At this time: ${pickedOnEdit.name}.`);
		await edit.getByLabel(/Reason for the change/).fill('The panel changed');
		await screenshot(page, 'pools-edit-1440');
		await edit.getByTestId('schedule-submit').click();
		const stored = () => app.runtime.db.sql<{ start: string; emails: string[] }[]>`
			select to_char(i.start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as start,
				array(select u.email from interview_panel p join users u on u.id = p.user_id
					where p.interview_id = i.id order by u.email) as emails
			from interviews i where i.id = ${booked!.id}`;
		await expect
			.poll(async () => (await stored())[0], { timeout: 15_000 })
			.toEqual({ start: moved!.slice(0, 16), emails: [INES!.email, pickedOnEdit.email].sort() });

		// Three seats from a pool of two: nothing is free, and the form says why, pool members included.
		await page.getByRole('button', { name: '+ Schedule interview' }).click();
		const again = page.getByTestId('schedule-form');
		await again.getByRole('checkbox', { name: new RegExp(INES!.name) }).check();
		const pool2 = again.getByTestId('pool-picker');
		await pool2.locator('summary').click();
		await pool2.getByRole('checkbox', { name: PRIYA!.name }).check();
		await pool2.getByRole('checkbox', { name: MARCO!.name }).check();
		await pool2.getByTestId('pool-count').fill('3');
		const why = again.getByTestId('why-no-slots');
		await why.waitFor();
		expect(await why.textContent()).toContain('3 are needed.');
		expect(await pool2.getByTestId('pool-problem').textContent()).toBe(
			'The pool has 2 people besides the panel; 3 are asked for.'
		);
		await screenshot(page, 'pools-why-1440');
		await context.close();

		// The same form on a phone.
		const phone = await newPerson(browser, { phone: true });
		const small = await phone.newPage();
		await signIn(small, app.url, DEMO_ACCOUNTS.admin.email);
		await small.waitForURL('**/admin/**');
		const onPhone = await formWithPool(small, app.url);
		await onPhone.form.getByTestId('pool-slot').first().click();
		await onPhone.form.getByTestId('pool-picked').waitFor();
		await screenshot(small, 'pools-form-390');
		await onPhone.form.screenshot({ path: `${SCREENSHOT_DIR}/pools-form-only-390.png` });
		await small.goto(`${app.url}/admin/rules`);
		await small.getByTestId('pool-preference-form').waitFor();
		await screenshot(small, 'pools-rules-390');
		await phone.close();
	}, 180_000);
});
