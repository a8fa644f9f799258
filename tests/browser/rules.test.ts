/**
 * The calendar rules as an admin and an interviewer use them: a holiday added on /admin/rules,
 * the organization's load limits, the load view with its weekly chart, an interviewer's own limit
 * set by an admin and by the interviewer on /settings. Screenshots at desktop and phone widths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { addDaysToYmd, zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const [INES, MARCO] = DEMO_ACCOUNTS.interviewers;

describe('calendar rules, as an admin and an interviewer set them', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('lets an admin add a holiday, set the default limits and an interviewer’s own, and read the load chart', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error('[admin] page error:', e.message));
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/**');
		await page.getByRole('link', { name: 'Rules' }).click();
		await page.getByRole('heading', { name: 'Calendar rules', level: 1 }).waitFor();

		const day = addDaysToYmd(zonedDate(new Date(), 'UTC'), 20);
		const form = page.getByTestId('closure-form');
		await form.getByLabel('Name').fill('Founders’ Day');
		await form.getByLabel('First day').fill(day);
		await form.getByRole('button', { name: 'Add' }).click();
		await page.getByRole('status').filter({ hasText: 'Founders’ Day' }).waitFor();
		expect(await page.getByTestId('closures').textContent()).toContain('Founders’ Day');
		// A last day before the first is refused beside the field.
		await form.getByLabel('Name').fill('Backwards');
		await form.getByLabel('First day').fill(day);
		await form.getByLabel('Last day').fill(addDaysToYmd(day, -1));
		await form.getByRole('button', { name: 'Add' }).click();
		await page.getByText('Must be on or after the first day.').waitFor();

		const defaults = page.getByTestId('default-limits');
		await defaults.getByLabel('Per day').fill('3');
		await defaults.getByLabel('Per week').fill('two');
		await defaults.getByRole('button', { name: 'Save organization default' }).click();
		await page.getByText('Must be a whole number from 1 to 100, or empty for no limit.').waitFor();
		await defaults.getByLabel('Per week').fill('10');
		await defaults.getByRole('button', { name: 'Save organization default' }).click();
		await page.getByText('Saved. Interviewers without limits of their own now work under these.').waitFor();

		const ines = (await app.api('GET', '/api/v1/members', await app.login(DEMO_ACCOUNTS.admin.email))).body.data.find(
			(m: { email: string }) => m.email === MARCO!.email
		).id as string;
		expect(await page.getByTestId(`limits-${ines}`).textContent()).toBe('3 a day, 10 a week');
		await page.getByRole('button', { name: 'Change Marco Bianchi’s limits' }).click();
		const row = page.getByRole('listitem', { name: 'Marco Bianchi' });
		await row.getByRole('radio', { name: 'Own:' }).check();
		await row.getByLabel('Per day', { exact: true }).fill('');
		await row.getByLabel('Per week', { exact: true }).fill('4');
		await row.getByRole('button', { name: 'Save' }).click();
		await page.getByTestId(`limits-${ines}`).filter({ hasText: 'none a day, 4 a week (own)' }).waitFor();
		// Each interviewer has a chart of 9 weeks with the weekly limit drawn.
		const chart = row.getByRole('img');
		expect(await chart.getAttribute('aria-label')).toMatch(/Weekly limit 4\.$/);
		expect(await chart.locator('rect').count()).toBe(9);
		await screenshot(page, 'rules-admin-desktop');

		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'rules-admin-phone');
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(wide).toBeLessThanOrEqual(390);
		await context.close();
	});

	it('lets an interviewer set their own daily limit on /settings', async () => {
		const context = await newPerson(browser, { phone: true });
		const page = await context.newPage();
		await signIn(page, app.url, INES!.email);
		await page.waitForURL('**/my/interviews');
		await page.goto(`${app.url}/settings`);
		const section = page.getByRole('region', { name: 'Interview load' });
		expect(await section.getByTestId('effective-load').textContent()).toMatch(/ a day, .* a week$/);
		await section.getByRole('radio', { name: 'My own' }).check();
		await section.getByLabel('Per day').fill('2');
		await section.getByRole('button', { name: 'Save load limits' }).click();
		await section.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		await section
			.getByTestId('effective-load')
			.filter({ hasText: /^2 a day/ })
			.waitFor();
		await screenshot(page, 'settings-load-phone');
		await context.close();
	});
});
