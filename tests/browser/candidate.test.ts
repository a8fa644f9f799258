import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const OLIVER = DEMO_ACCOUNTS.candidates[6].email;
const JONAS = DEMO_ACCOUNTS.candidates[8].email;
const NOAH = DEMO_ACCOUNTS.candidates[4].email;
const ADMIN = DEMO_ACCOUNTS.admin.email;

describe('the candidate’s home, as a candidate sees it', () => {
	let app: TestApp;
	let browser: Browser;
	let admin: string;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		admin = await app.login(ADMIN);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('shows the interview in the candidate’s zone and updates by itself when an admin reschedules', async () => {
		const [row] = await app.runtime.db.sql<{ id: string; start_at: Date }[]>`
			select i.id, i.start_at from interviews i join users u on u.id = i.candidate_id where u.email = ${OLIVER}`;
		const page = await (await newPerson(browser, { timezoneId: 'Asia/Tokyo' })).newPage();
		await signIn(page, app.url, OLIVER);
		await page.waitForURL('**/me');
		await page.getByTestId('live-status').getByText('Live').waitFor();
		const card = page.getByTestId('interview-card');
		const tokyo = (d: Date) =>
			new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(d);
		await card.getByTestId('interview-time').getByText(tokyo(row!.start_at)).waitFor();
		expect(await card.textContent()).toContain('(Asia/Tokyo)');
		expect(await card.getByTestId('interview-org-time').textContent()).toContain('America/New_York');
		expect(await card.getByTestId('interview-panel').textContent()).toBe('Ines Okafor, Marco Bianchi');
		expect(await card.getByTestId('interview-status').textContent()).toContain('Scheduled');
		expect(await card.getByTestId('room-opens').textContent()).toContain('The video room opens at');
		await screenshot(page, 'candidate-home');

		// The bell is a link to the inbox on this page (decision 82); its count still rises by itself.
		const bell = page.getByTestId('bell');
		expect(await bell.getAttribute('href')).toBe('/notifications');
		const unread = async () => Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
		const unreadBefore = await unread();

		const moved = new Date(row!.start_at.getTime() + 26 * 3600_000);
		const res = await app.api('PATCH', `/api/v1/interviews/${row!.id}`, admin, {
			start: moved.toISOString(),
			reason: 'The panel is travelling'
		});
		expect(res.status).toBe(200);
		const started = Date.now();
		await card.getByTestId('interview-time').getByText(tokyo(moved)).waitFor({ timeout: 3_000 });
		expect(Date.now() - started).toBeLessThan(3_000);
		await page.getByTestId('updated-notice').waitFor();
		await page.getByTestId('application-timeline').getByText('Interview moved from').waitFor();
		await screenshot(page, 'candidate-home-rescheduled');
		await page.waitForFunction(
			(n) =>
				Number(
					/(\d+) unread/.exec(document.querySelector('[data-testid="bell"]')?.getAttribute('aria-label') ?? '')?.[1] ??
						0
				) > n,
			unreadBefore
		);

		const download = page.waitForEvent('download');
		await card.getByTestId('add-to-calendar').click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^interview-\d{4}-\d{2}-\d{2}\.ics$/);
		await page.context().close();
	});

	it('shows an in-person interview with its place and no join button, on a phone', async () => {
		const page = await (await newPerson(browser, { phone: true })).newPage();
		await signIn(page, app.url, JONAS);
		await page.waitForURL('**/me');
		const card = page.getByTestId('interview-card');
		expect(await card.getByTestId('interview-location').textContent()).toContain('Hall B, room 204');
		expect(await card.getByTestId('join-room').count()).toBe(0);
		expect(await card.getByTestId('room-opens').count()).toBe(0);
		await screenshot(page, 'candidate-home-phone');

		// The page is drawn by the server alone (decision 82): its menu opens without Svelte.
		const nav = page.getByRole('navigation', { name: 'Main' });
		expect(await nav.isVisible()).toBe(false);
		await page.locator('summary', { hasText: 'Menu' }).click();
		await nav.getByRole('link', { name: 'Settings' }).waitFor();
		await screenshot(page, 'candidate-home-phone-menu');

		// Its sign-out forgets what this device keeps of anybody's calendar first, as every page's does.
		await page.evaluate(async () => {
			localStorage.setItem('parley:moves:org:x:calendar', '[]');
			await new Promise(
				(done) =>
					(indexedDB.open('parley:org:x:calendar').onsuccess = (e) => {
						(e.target as IDBOpenDBRequest).result.close();
						done(null);
					})
			);
		});
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/login');
		const kept = await page.evaluate(async () => ({
			keys: Object.keys(localStorage).filter((k) => k.startsWith('parley:')),
			dbs: (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('parley:'))
		}));
		expect(kept).toEqual({ keys: [], dbs: [] });
		await page.context().close();
	});

	it('shows the home without scripts, in the office’s zone, and says to reload for changes', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
		const page = await context.newPage();
		await signIn(page, app.url, JONAS);
		await page.waitForURL('**/me');
		const card = page.getByTestId('interview-card');
		expect(await card.getByTestId('interview-time').textContent()).toMatch(/GMT-5$/);
		expect(await card.textContent()).toContain('(America/New_York)');
		// (Playwright's text locators skip <noscript>; what the page shows is in its text.)
		expect(await page.locator('body').innerText()).toContain('Reload the page to see changes');
		await screenshot(page, 'candidate-home-no-script');
		expect(await page.getByTestId('live-status').isVisible()).toBe(false);
		await context.close();
	});

	it('signs a candidate in with the personal link an admin copied, into their own pages only', async () => {
		const adminPage = await (await newPerson(browser)).newPage();
		await signIn(adminPage, app.url, ADMIN);
		await adminPage.waitForURL('**/admin/calendar');
		await adminPage.goto(`${app.url}/admin/people`);
		const noahRow = adminPage.getByRole('row').filter({ hasText: NOAH });
		// (On the old page the button read "Copy personal link".)
		const copyLink = noahRow.getByRole('button', { name: /^Copy (personal )?link/ });
		await copyLink.click();
		const sent = await adminPage.getByTestId('personal-link').inputValue();
		expect(sent).toMatch(/\/l\/[a-z2-7]{32}$/);
		await noahRow.getByRole('button', { name: /^Revoke link/ }).waitFor();
		await adminPage.setViewportSize({ width: 1440, height: 900 });
		await screenshot(adminPage, 'admin-personal-link');

		const page = await (await newPerson(browser)).newPage();
		await page.goto(sent);
		await page.waitForURL('**/me');
		await page.getByRole('heading', { name: 'My interview' }).waitFor();
		expect(await page.getByTestId('application-status').textContent()).toContain('Under review');
		await screenshot(page, 'candidate-link-signed-in');

		// Copying again gives a link to pass on; the one already sent keeps working, and Noah stays signed in.
		await copyLink.click();
		await adminPage.waitForFunction(
			(before) =>
				(document.querySelector('[data-testid="personal-link"]') as HTMLInputElement | null)?.value !== before,
			sent
		);
		const copied = await adminPage.getByTestId('personal-link').inputValue();
		expect(copied).not.toBe(sent);
		await page.reload();
		expect(new URL(page.url()).pathname).toBe('/me');
		const again = await app.request(new URL(sent).pathname);
		expect(again.status).toBe(303);
		expect(again.headers.get('location')).toBe('/me');

		// Replacing asks first, and says what it does.
		await noahRow.getByText('Replace link…').click();
		const confirm = noahRow.getByRole('button', { name: 'Replace and email a new link' });
		await confirm.waitFor();
		expect(await noahRow.textContent()).toContain('stop working');
		await screenshot(adminPage, 'admin-replace-link-1440');
		await adminPage.setViewportSize({ width: 390, height: 844 });
		await screenshot(adminPage, 'admin-replace-link-390');
		await adminPage.setViewportSize({ width: 1440, height: 900 });
		await confirm.click();
		await adminPage.waitForFunction(
			(before) =>
				(document.querySelector('[data-testid="personal-link"]') as HTMLInputElement | null)?.value !== before,
			copied
		);
		const replacement = await adminPage.getByTestId('personal-link').inputValue();
		await page.reload();
		expect(new URL(page.url()).pathname).toBe('/login');

		// A replaced link answers 410 with a page that says so; an unknown one 404.
		const gone = await page.goto(sent);
		expect(gone?.status()).toBe(410);
		await page.getByTestId('link-invalid').waitFor();
		expect(await page.getByTestId('link-reason').textContent()).toContain('replaced or revoked');
		await page.setViewportSize({ width: 1440, height: 900 });
		await screenshot(page, 'candidate-link-replaced');
		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'candidate-link-replaced-390');
		expect((await page.goto(`${app.url}/l/${'a'.repeat(32)}`))?.status()).toBe(404);

		// The replacement works until it is revoked.
		await page.goto(replacement);
		await page.waitForURL('**/me');
		await noahRow.getByRole('button', { name: /^Revoke link/ }).click();
		await noahRow.getByRole('button', { name: /^Revoke link/ }).waitFor({ state: 'detached' });
		await page.reload();
		expect(new URL(page.url()).pathname).toBe('/login');
		expect((await page.goto(replacement))?.status()).toBe(410);
		await page.getByTestId('link-invalid').waitFor();
		await adminPage.context().close();
		await page.context().close();
	});
});
