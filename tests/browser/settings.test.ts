import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import {
	addDaysToYmd,
	isoWeekdayOfYmd,
	utcToZonedParts,
	zonedDate,
	zonedWallTimeToUtc
} from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, SCREENSHOT_DIR, signIn } from '../helpers/browser';

const INES = DEMO_ACCOUNTS.interviewers[0];
const VIEW_ZONE = 'Europe/London';
const pad = (n: number) => String(n).padStart(2, '0');

/** A Tuesday to Thursday at least `days` ahead in Tokyo, so the day before is a weekday too. */
function tokyoMidweek(days: number): string {
	let ymd = addDaysToYmd(zonedDate(new Date(), 'Asia/Tokyo'), days);
	while (![2, 3, 4].includes(isoWeekdayOfYmd(ymd))) ymd = addDaysToYmd(ymd, 1);
	return ymd;
}

/** The London date and time inputs of a Tokyo wall time. */
function inLondon(ymd: string, hm: string): { date: string; time: string } {
	const p = utcToZonedParts(zonedWallTimeToUtc(ymd, hm, 'Asia/Tokyo'), VIEW_ZONE);
	return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

describe('personal settings, as people use them', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	/** The time-zone select (the section is labelled "Time zone" too). */
	function zoneSelect(page: Page) {
		return page.getByRole('combobox', { name: 'Time zone', exact: true });
	}

	function watchErrors(page: Page, who: string) {
		page.on('pageerror', (e) => console.error(`[${who}] page error:`, e.message));
	}

	it('lets an interviewer choose a zone and their own hours, refusing a too-short shift beside the field', async () => {
		const context = await newPerson(browser, { timezoneId: 'Asia/Tokyo' });
		const page = await context.newPage();
		watchErrors(page, 'ines');
		await signIn(page, app.url, INES.email);
		await page.waitForURL('**/my/interviews');
		await page.getByRole('link', { name: 'Settings' }).click();
		await page.waitForURL('**/settings');
		await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
		// Her profile zone is New York; nothing of her own hours yet.
		expect(await zoneSelect(page).inputValue()).toBe('America/New_York');
		expect(await page.getByRole('radio', { name: /My organization’s hours/ }).isChecked()).toBe(true);
		expect(await page.getByTestId('effective-hours').textContent()).toBe('Mon–Fri, 09:00–17:00');
		await screenshot(page, 'settings-interviewer-desktop');

		// The browser's zone in one click, then a search and Enter picks the first match.
		await page.getByRole('button', { name: /Use this browser’s zone \(Asia\/Tokyo\)/ }).click();
		expect(await zoneSelect(page).inputValue()).toBe('Asia/Tokyo');
		await page.getByLabel('Search time zones').fill('los angeles');
		await page.getByLabel('Search time zones').press('Enter');
		expect(await zoneSelect(page).inputValue()).toBe('America/Los_Angeles');
		await page.getByLabel('Search time zones').fill('tokyo');
		expect(await page.locator('#zone-count').textContent()).toContain('1 zone matches');
		await zoneSelect(page).selectOption('Asia/Tokyo');

		// Her own hours: 06:00 to 06:05 is too short, and the form says so beside End.
		await page.getByRole('radio', { name: 'My own hours' }).check();
		await page.getByLabel('Start', { exact: true }).fill('06:00');
		await page.getByLabel('End', { exact: true }).fill('06:05');
		await page.getByRole('button', { name: 'Save settings' }).click();
		const endError = page.locator('#end-error');
		await endError.waitFor();
		expect(await endError.textContent()).toBe('Must be at least 15 minutes after the start.');
		expect(await page.getByRole('alert').first().textContent()).toContain('Nothing was saved');
		expect(await page.getByLabel('End', { exact: true }).getAttribute('aria-invalid')).toBe('true');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('end_time');
		await screenshot(page, 'settings-error-desktop');

		// Monday to Friday, 06:00–10:00 in Tokyo.
		await page.getByLabel('End', { exact: true }).fill('10:00');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByTestId('settings-saved').waitFor();
		expect(await page.locator('#end-error').count()).toBe(0);
		await expect.poll(() => page.getByTestId('effective-hours').textContent()).toBe('Mon–Fri, 06:00–10:00');
		await screenshot(page, 'settings-saved-desktop');

		// Stored: a fresh page shows what she chose.
		await page.reload();
		expect(await zoneSelect(page).inputValue()).toBe('Asia/Tokyo');
		expect(await page.getByRole('radio', { name: 'My own hours' }).isChecked()).toBe(true);
		expect(await page.getByLabel('Start', { exact: true }).inputValue()).toBe('06:00');
		expect(await page.getByLabel('End', { exact: true }).inputValue()).toBe('10:00');
		for (const day of ['Monday', 'Friday'])
			expect(await page.getByRole('checkbox', { name: day }).isChecked()).toBe(true);
		expect(await page.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(false);
		const [row] = await app.runtime.db.sql<{ timezone: string; working_hours: unknown }[]>`
			select timezone, working_hours from users where email = ${INES.email}`;
		expect(row).toEqual({
			timezone: 'Asia/Tokyo',
			working_hours: { startTime: '06:00', endTime: '10:00', weekdays: [1, 2, 3, 4, 5] }
		});
		await context.close();
	});

	it('fits a phone, keyboard included', async () => {
		const context = await newPerson(browser, { phone: true, timezoneId: 'Asia/Tokyo' });
		const page = await context.newPage();
		watchErrors(page, 'ines-phone');
		await signIn(page, app.url, INES.email);
		await page.waitForURL('**/my/interviews');
		await page.goto(`${app.url}/settings`);
		await page.getByTestId('effective-hours').waitFor();
		// Keyboard only: the radio and a day chip answer the space bar.
		await page.getByRole('radio', { name: 'My own hours' }).focus();
		await page.keyboard.press('Space');
		expect(await page.getByRole('radio', { name: 'My own hours' }).isChecked()).toBe(true);
		await page.getByRole('checkbox', { name: 'Saturday' }).focus();
		await page.keyboard.press('Space');
		expect(await page.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(true);
		await page.keyboard.press('Space');
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(390);
		await screenshot(page, 'settings-interviewer-phone');
		await context.close();
	});

	it('shows the admin’s scheduling form the interviewer outside their own hours, and suggests times inside them', async () => {
		const context = await newPerson(browser, { timezoneId: VIEW_ZONE });
		const page = await context.newPage();
		watchErrors(page, 'admin');
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar');
		await page.getByTestId('tz-select').selectOption(VIEW_ZONE);
		await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: 15_000 });
		await page.getByRole('button', { name: '+ Schedule interview' }).click();
		const form = page.getByTestId('schedule-form');
		await form.waitFor();
		const ines = form.locator('.panel-pick li', { hasText: INES.name });
		const marco = form.locator('.panel-pick li', { hasText: DEMO_ACCOUNTS.interviewers[1].name });
		const setStart = async (at: { date: string; time: string }) => {
			await form.getByLabel('Date', { exact: true }).fill(at.date);
			await form.getByLabel(/^Start/).fill(at.time);
		};
		const day = tokyoMidweek(20);

		// 14:00 in Tokyo: inside the organization's 09:00–17:00 there, outside her own 06:00–10:00.
		await setStart(inLondon(day, '14:00'));
		await expect.poll(() => ines.textContent()).toContain('Outside working hours');
		expect(await ines.textContent()).toContain('14:00');
		await screenshot(page, 'settings-admin-form-outside-desktop');
		// The panel picker itself, scrolled into view inside the form.
		await form.locator('.panel-pick').scrollIntoViewIfNeeded();
		await form
			.locator('.panel-pick')
			.screenshot({ path: `${SCREENSHOT_DIR}/settings-admin-panel-outside-desktop.png` });

		// 07:00 in Tokyo: inside her own hours, though outside the organization's.
		await setStart(inLondon(day, '07:00'));
		await expect.poll(() => ines.textContent()).toContain('Free');
		expect(await ines.textContent()).not.toContain('Outside working hours');
		expect(await marco.textContent()).toContain('Outside working hours');

		// With her on the panel, every suggested time is inside her hours: picking one shows her free.
		await form.getByRole('checkbox', { name: new RegExp(INES.name) }).check();
		const chips = form.locator('[aria-label="Suggested start times"] button');
		await chips.first().waitFor();
		const count = await chips.count();
		expect(count).toBeGreaterThan(0);
		for (let i = 0; i < count; i++) {
			await chips.nth(i).click();
			const date = await form.getByLabel('Date', { exact: true }).inputValue();
			const time = await form.getByLabel(/^Start/).inputValue();
			const tokyo = utcToZonedParts(zonedWallTimeToUtc(date, time, VIEW_ZONE), 'Asia/Tokyo');
			const hm = `${pad(tokyo.hour)}:${pad(tokyo.minute)}`;
			expect(hm >= '06:00' && hm <= '09:15', `${date} ${time} London is ${hm} in Tokyo`).toBe(true);
			expect(tokyo.weekday).toBeLessThanOrEqual(5);
			await expect.poll(() => ines.textContent()).toContain('Free');
		}
		await screenshot(page, 'settings-admin-form-suggestions-desktop');
		await context.close();
	});

	it('works without JavaScript: a refused form keeps what was typed, a fixed one is saved', async () => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 1366, height: 860 },
			timezoneId: 'America/Los_Angeles',
			locale: 'en-GB'
		});
		const page = await context.newPage();
		const priya = DEMO_ACCOUNTS.interviewers[2];
		await signIn(page, app.url, priya.email);
		await page.waitForURL('**/my/interviews');
		await page.goto(`${app.url}/settings`);
		// No script, so no browser-zone button; the fields are all there to fill in.
		expect(await page.getByRole('button', { name: /Use this browser’s zone/ }).count()).toBe(0);
		await zoneSelect(page).selectOption('Pacific/Honolulu');
		await page.getByRole('radio', { name: 'My own hours' }).check();
		await page.getByRole('checkbox', { name: 'Friday' }).uncheck();
		await page.getByLabel('Start', { exact: true }).fill('08:00');
		await page.getByLabel('End', { exact: true }).fill('08:10');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save settings' }).click()]);
		await page.locator('#end-error').waitFor();
		expect(await page.locator('#end-error').textContent()).toBe('Must be at least 15 minutes after the start.');
		expect(await zoneSelect(page).inputValue()).toBe('Pacific/Honolulu');
		expect(await page.getByRole('radio', { name: 'My own hours' }).isChecked()).toBe(true);
		expect(await page.getByRole('checkbox', { name: 'Friday' }).isChecked()).toBe(false);
		expect(await page.getByLabel('End', { exact: true }).inputValue()).toBe('08:10');

		await page.getByLabel('End', { exact: true }).fill('16:00');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save settings' }).click()]);
		await page.getByTestId('settings-saved').waitFor();
		const [row] = await app.runtime.db.sql<{ timezone: string; working_hours: unknown }[]>`
			select timezone, working_hours from users where email = ${priya.email}`;
		expect(row).toEqual({
			timezone: 'Pacific/Honolulu',
			working_hours: { startTime: '08:00', endTime: '16:00', weekdays: [1, 2, 3, 4] }
		});
		await context.close();
	});

	it('gives a candidate the time zone only', async () => {
		const context = await newPerson(browser, { phone: true, timezoneId: 'Europe/Madrid' });
		const page = await context.newPage();
		watchErrors(page, 'candidate');
		await signIn(page, app.url, DEMO_ACCOUNTS.candidates[0].email);
		await page.waitForURL('**/me');
		// On a phone the link sits in the menu: on the candidate's home, drawn by the server alone, a
		// <details> that opens without a script (decision 82).
		expect(await page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(false);
		await page.locator('summary', { hasText: 'Menu' }).click();
		await page.getByRole('link', { name: 'Settings' }).click();
		await page.waitForURL('**/settings');
		expect(await page.getByRole('heading', { name: 'Working hours' }).count()).toBe(0);
		await page.getByRole('button', { name: /Use this browser’s zone/ }).click();
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByTestId('settings-saved').waitFor();
		expect(await page.getByTestId('settings-saved').textContent()).toContain('Times are shown in your time zone');
		await screenshot(page, 'settings-candidate-phone');
		const [row] = await app.runtime.db.sql<{ timezone: string }[]>`
			select timezone from users where email = ${DEMO_ACCOUNTS.candidates[0].email}`;
		expect(row!.timezone).toBe('Europe/Madrid');
		await context.close();
	});

	it('lets an admin create an API token, shown once, that works until they revoke it', async () => {
		const context = await newPerson(browser, { timezoneId: VIEW_ZONE });
		const page = await context.newPage();
		watchErrors(page, 'admin');
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar**');
		await page.goto(`${app.url}/settings`);
		const tokens = page.getByTestId('api-tokens');
		await tokens.waitFor();
		expect(await tokens.getByTestId('no-tokens').count()).toBe(1);
		// An empty name is refused beside the field.
		await tokens.getByRole('button', { name: 'Create token' }).click();
		await tokens.getByText('Give the token a name').waitFor();
		await tokens.getByLabel("New token's name").fill('Nightly export');
		await tokens.getByRole('button', { name: 'Create token' }).click();
		const secret = (await tokens.getByTestId('new-token-value').textContent())!.trim();
		expect(secret).toMatch(/^prl_[a-z2-7]{32}$/);
		expect(await tokens.getByTestId('token-row').count()).toBe(1);
		await screenshot(page, 'settings-api-token-created');

		const bearer = { authorization: `Bearer ${secret}` };
		expect((await fetch(`${app.url}/api/v1/interviews?page_size=1`, { headers: bearer })).status).toBe(200);
		await page.reload();
		// After a reload the secret is gone for good; the row says when it was last used.
		expect(await tokens.getByTestId('new-token').count()).toBe(0);
		expect(await tokens.getByTestId('token-row').textContent()).not.toContain('Never');

		await tokens.getByRole('button', { name: 'Revoke…' }).click();
		await tokens.getByRole('button', { name: 'Revoke now' }).click();
		await tokens.getByText(/^Revoked /).waitFor();
		expect((await fetch(`${app.url}/api/v1/interviews?page_size=1`, { headers: bearer })).status).toBe(401);
		await screenshot(page, 'settings-api-token-revoked');
		await context.close();
	});
});
