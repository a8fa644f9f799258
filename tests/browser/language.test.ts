import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';
import { englishOnPage, englishTexts } from '../helpers/i18n';

/** The language the page was drawn in, as the browser sees it. */
const langOf = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('choosing the language, as people do (issue 14)', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('finds English to look for, so that the checks below can fail', () => {
		expect(englishTexts('fr')).toEqual(expect.arrayContaining(['Sign in to Parley', 'Skip to content']));
	});

	it('greets a French browser in French before sign-in, with no English left, at both widths', async () => {
		for (const phone of [false, true]) {
			const context = await newPerson(browser, { locale: 'fr-FR', phone });
			const page = await context.newPage();
			await page.goto(`${app.url}/login`);
			expect(await langOf(page)).toBe('fr');
			await page.getByRole('heading', { name: 'Connexion à Parley' }).waitFor();
			expect(await page.title()).toBe('Connexion · Parley');
			expect(await englishOnPage(page, 'fr')).toEqual([]);
			// A form refused in French too: its messages come from the same files.
			await page.getByRole('button', { name: 'Se connecter' }).click();
			await expect(page.getByText('Saisissez votre adresse e-mail.').waitFor()).resolves.toBeUndefined();
			expect(await englishOnPage(page, 'fr')).toEqual([]);
			await screenshot(page, `language-login-fr-${phone ? 'phone' : 'desktop'}`);
			await context.close();
		}
	});

	it('switches the sign-in page to French and remembers it on this browser', async () => {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await page.goto(`${app.url}/login?next=%2Fsettings`);
		expect(await langOf(page)).toBe('en');
		await page.getByRole('button', { name: 'Français' }).click();
		await page.getByRole('heading', { name: 'Connexion à Parley' }).waitFor();
		// Sent back where it was, the `next` kept.
		expect(new URL(page.url()).searchParams.get('next')).toBe('/settings');
		await page.reload();
		expect(await langOf(page)).toBe('fr');
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
		await context.close();
	});

	it('keeps a person’s own choice in their account, over the browser and across sign-ins', async () => {
		const email = DEMO_ACCOUNTS.interviewers[1]!.email;
		const context = await newPerson(browser, { locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto(`${app.url}/login`);
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await page.waitForURL((url) => url.pathname !== '/login');
		// Signed in, the organization's default (English) speaks to someone who never chose.
		expect(await langOf(page)).toBe('en');
		await page.goto(`${app.url}/settings`);
		await page.getByTestId('language-own').selectOption('fr');
		await page.getByRole('button', { name: 'Save language' }).click();
		await page.getByTestId('language-saved').waitFor();
		expect(await langOf(page)).toBe('fr');
		expect(await page.getByTestId('language-saved').textContent()).toContain('Langue choisie\u00a0: Français');
		await expect(page.getByRole('link', { name: 'Paramètres' }).first().isVisible()).resolves.toBe(true);
		await screenshot(page, 'language-settings-fr');
		// Another browser, in English: the account decides.
		const other = await newPerson(browser, { locale: 'en-US' });
		const second = await other.newPage();
		await signIn(second, app.url, email);
		await second.waitForURL((url) => url.pathname !== '/login');
		expect(await langOf(second)).toBe('fr');
		await second.getByRole('button', { name: 'Se déconnecter' }).waitFor();
		await other.close();
		await context.close();
	});

	it('lets an admin set the organization’s default for everyone who never chose', async () => {
		const admin = await newPerson(browser);
		const page = await admin.newPage();
		await signIn(page, app.url, DEMO_ACCOUNTS.admin.email);
		await page.waitForURL((url) => url.pathname !== '/login');
		await page.goto(`${app.url}/settings`);
		await page.getByTestId('language-org').selectOption('fr');
		await page.getByRole('button', { name: 'Save language' }).click();
		await page.getByTestId('language-saved').waitFor();
		// The admin never chose either: the new default reaches them at once.
		expect(await langOf(page)).toBe('fr');

		const interviewer = await newPerson(browser, { locale: 'en-US' });
		const ip = await interviewer.newPage();
		await signIn(ip, app.url, DEMO_ACCOUNTS.interviewers[2]!.email);
		await ip.waitForURL((url) => url.pathname !== '/login');
		expect(await langOf(ip)).toBe('fr');
		await interviewer.close();

		// Back to English, so the suite's other files meet the demo as they expect.
		await page.getByTestId('language-org').selectOption('en');
		await page.getByRole('button', { name: 'Enregistrer la langue' }).click();
		await page.getByTestId('language-saved').waitFor();
		expect(await langOf(page)).toBe('en');
		await admin.close();
	});

	it('answers the API in the language it asks for, with the same error code', async () => {
		const ask = (lang: string) =>
			app.request('/api/v1/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'accept-language': lang },
				body: JSON.stringify({ email: DEMO_ACCOUNTS.admin.email, password: 'not-the-password' })
			});
		const fr = await ask('fr-FR,fr;q=0.9');
		const en = await ask('en-US');
		const [frBody, enBody] = [(await fr.json()) as { error: { code: string; message: string } }, await en.json()];
		expect(fr.status).toBe(401);
		expect(fr.headers.get('content-language')).toBe('fr');
		expect(frBody.error.code).toBe((enBody as typeof frBody).error.code);
		expect(frBody.error.message).toBe('L’adresse e-mail ou le mot de passe est incorrect.');
		expect((enBody as typeof frBody).error.message).toBe('The email or password is incorrect.');
	});
});
