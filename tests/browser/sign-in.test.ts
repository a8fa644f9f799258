import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

describe('signing in, as people do', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it.each([
		['admin', DEMO_ACCOUNTS.admin.email, '/admin/calendar', 'Interview calendar'],
		['interviewer', DEMO_ACCOUNTS.interviewers[0].email, '/my/interviews', 'My interviews'],
		['candidate', DEMO_ACCOUNTS.candidates[0].email, '/me', 'My interview']
	])('takes the %s to their home after signing in', async (role, email, path, heading) => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await signIn(page, app.url, email);
		await page.waitForURL(`**${path}`);
		await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toContain(heading);
		await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
		await screenshot(page, `home-${role}`);
		await context.close();
	});

	it('shows the error in the form after a wrong password and stays on /login', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email, 'not-the-password');
		const alert = page.getByTestId('login-error');
		await alert.waitFor();
		expect(await alert.textContent()).toContain('The email or password is incorrect.');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await page.getByLabel('Email').inputValue()).toBe(DEMO_ACCOUNTS.admin.email);
		await screenshot(page, 'login-error');
		await context.close();
	});

	it('sends a signed-out visitor of an admin page to /login and back after signing in', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await page.goto(`${app.url}/admin/people`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.getByLabel('Email').fill(DEMO_ACCOUNTS.admin.email);
		await page.getByLabel('Password').fill('parley-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/admin/people');
		await page.getByRole('heading', { name: 'People' }).waitFor();
		await context.close();
	});

	it('installs the offline copy from the calendar only, not while the person signs in or reads other pages', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		const workers = async () => {
			// The old way registered on the page's load event: give a registration time to show.
			await page.waitForTimeout(1_000);
			return page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
		};
		await page.goto(`${app.url}/admin/people`);
		await page.waitForLoadState('load');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await workers()).toBe(0);
		await page.getByLabel('Email').fill(DEMO_ACCOUNTS.admin.email);
		await page.getByLabel('Password').fill('parley-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('heading', { name: 'People' }).waitFor();
		expect(await workers()).toBe(0);
		await page.getByRole('link', { name: 'Calendar', exact: true }).first().click();
		await page.locator('[data-offline-ready="true"]').waitFor({ timeout: 15_000 });
		expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(1);
		await context.close();
	});

	it('refuses a candidate who opens an admin URL', async () => {
		const context = await newPerson(browser, { phone: true });
		const page = await context.newPage();
		await signIn(page, app.url, DEMO_ACCOUNTS.candidates[1].email);
		await page.waitForURL('**/me');
		const res = await page.goto(`${app.url}/admin/calendar`);
		expect(res?.status()).toBe(403);
		expect(await page.getByTestId('error-message').textContent()).toContain('admin');
		await screenshot(page, 'candidate-refused-phone');
		await context.close();
	});

	it('signs out and the admin pages are closed again', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/login');
		await page.goto(`${app.url}/admin/calendar`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await context.close();
	});

	it('asks before a sign-out would lose unsaved edits even when the warning’s code cannot be fetched', async () => {
		// No service worker to keep the scripts, and the warning's chunk (found in the build) fails as it would offline.
		const chunks = 'build/client/_app/immutable/chunks';
		const warning = readdirSync(chunks).filter(
			(f) => f.endsWith('.js') && readFileSync(`${chunks}/${f}`, 'utf8').includes('signout-offline')
		);
		expect(warning).toHaveLength(1);
		const context = await newPerson(browser, { serviceWorkers: 'block' });
		const page = await context.newPage();
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar');
		await context.route(`**/_app/immutable/chunks/${warning[0]}`, (route) => route.abort());
		await page.reload();
		await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor();
		// Two edits of notes made on this device and not stored yet (as a visit that lost its network leaves them).
		await page.evaluate(() => localStorage.setItem('parley:pending:notes:00000000-0000-4000-8000-000000000000', '2'));
		const asked: string[] = [];
		page.once('dialog', (d) => (asked.push(d.message()), void d.dismiss()));
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect.poll(() => asked.length).toBe(1);
		expect(asked[0]).toContain('2');
		// Staying: still signed in, the edits kept.
		await page.waitForTimeout(300);
		expect(new URL(page.url()).pathname).toBe('/admin/calendar');
		expect(await page.evaluate(() => localStorage.length)).toBeGreaterThan(0);
		page.once('dialog', (d) => void d.accept());
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/login');
		await context.close();
	});

	it('signs out at once while the calendar is still catching up with the server', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		// The server's answers on the collab socket are held back: the first sync never completes,
		// as on a slow link. Nothing was edited here, so there is nothing to warn about.
		await page.routeWebSocket(/\/collab/, (ws) => {
			const server = ws.connectToServer();
			server.onMessage(() => {});
		});
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL('**/admin/calendar');
		// Hydrated, its local copy open, and still waiting for the server.
		await page.locator('[data-testid="sync-status"][data-phase="connecting"]').waitFor();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/login');
		expect(await page.getByTestId('signout-warning').count()).toBe(0);
		await context.close();
	});
});
