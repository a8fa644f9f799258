/**
 * The rules' own sentences in French (issue 14, decision 72): the judge's refusal with its numbers
 * (the minimum notice) in the scheduling form, "why no free times?" on the loop page, the field
 * errors of the requests page and of the loop form (naming their session), and the API reference's
 * own prose. Each screen is checked for English left over and photographed (`frenchEverywhere`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson } from '../helpers/browser';
import { frenchEverywhere } from '../helpers/i18n';

const [INES, MARCO] = DEMO_ACCOUNTS.interviewers;
const NB = '\u00a0';

/** A Saturday more than a week ahead, as `YYYY-MM-DD`. */
function saturday(): string {
	const d = new Date(Date.now() + 8 * 86400_000);
	while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** The wall-clock date and time in Paris of `ms`, rounded up to 5 minutes, for the form's inputs. */
function parisWall(ms: number): { date: string; time: string } {
	const at = new Date(Math.ceil(ms / 300_000) * 300_000);
	const parts = new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/Paris',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(at);
	const [date, time] = parts.split(' ') as [string, string];
	return { date, time };
}

describe('the rules’ sentences in French', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('says a refusal’s numbers, why no times fit, field errors and the API reference in French', async () => {
		await app.runtime.db.sql`update users set locale = 'fr', timezone = 'Europe/Paris'
			where email = ${DEMO_ACCOUNTS.admin.email}`;
		const context = await newPerson(browser, { locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error('page error:', e.message));
		await page.goto(`${app.url}/login`);
		await page.getByLabel('Adresse e-mail').fill(DEMO_ACCOUNTS.admin.email);
		await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await page.waitForURL((u) => u.pathname !== '/login');

		// The scheduling form, with a start an hour from now: the minimum notice, with its number.
		await page.goto(`${app.url}/admin/calendar`);
		await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor();
		await page.getByRole('button', { name: '+ Planifier un entretien' }).click();
		const form = page.getByTestId('schedule-form');
		await form.getByTestId('application-search').fill('Sam');
		await form.getByRole('radio', { name: /Sam Carter/ }).check();
		await form.getByRole('checkbox', { name: new RegExp(INES!.name) }).check();
		const soon = parisWall(Date.now() + 60 * 60_000);
		await form.locator('input[type="date"]').fill(soon.date);
		await form.locator('input[type="time"]').fill(soon.time);
		await expect
			.poll(() => form.getByTestId('start-error').textContent())
			.toBe(`L’entretien doit commencer dans 2${NB}heures au moins.`);
		await frenchEverywhere(page, 'admin-min-notice');
		await page.keyboard.press('Escape');

		// The requests page refuses a request with nobody on its panel, beside the field, in French.
		await page.goto(`${app.url}/admin/requests`);
		await page.getByRole('heading', { name: 'Demandes de planification', level: 1 }).waitFor();
		const application = page.locator('select[name="application_id"]');
		const sam = await application.locator('option', { hasText: 'Sam Carter' }).first().getAttribute('value');
		await application.selectOption(sam!);
		await page.getByRole('button', { name: 'Envoyer la demande' }).click();
		await page.locator('.field-error', { hasText: 'doit compter au moins un membre du jury' }).waitFor();
		await frenchEverywhere(page, 'admin-requests-field-error');

		// A loop on a Saturday: nothing fits, and the page says why in French, per session and person.
		await page.goto(`${app.url}/admin/loops/new`);
		await page.getByRole('heading', { name: 'Planifier une série', level: 1 }).waitFor();
		const tomas = await page
			.getByLabel('Candidat·e')
			.locator('option', { hasText: 'Tomás Herrera' })
			.getAttribute('value');
		await page.getByLabel('Candidat·e').selectOption(tomas!);
		for (const [i, who] of [MARCO, INES].entries()) {
			const select = page.getByLabel(`Entretien ${i + 1}, membre du jury`);
			await select.selectOption((await select.locator('option', { hasText: who!.name }).getAttribute('value'))!);
		}
		await page.getByLabel('Du', { exact: true }).fill(saturday());
		await page.getByLabel('Jours de recherche').selectOption('1');
		await page.getByRole('button', { name: 'Trouver des horaires' }).click();
		const why = page.getByTestId('loop-why');
		await why.waitFor();
		expect(await why.textContent()).toContain(`Entretien 1 · ${MARCO!.name}${NB}: Ne travaille pas ce jour-là.`);
		await frenchEverywhere(page, 'admin-loop-why');

		// The loop form with a second session longer than allowed (as a hand-made request would send
		// it): the error names the session and the field.
		await page.evaluate(() => {
			const select = document.querySelector<HTMLSelectElement>('select[name="s1_dur"]')!;
			select.add(new Option('500', '500', true, true));
		});
		await page.getByRole('button', { name: 'Trouver des horaires' }).click();
		await page.getByText(`Entretien 2${NB}: La durée doit valoir au plus 480.`).waitFor();
		await frenchEverywhere(page, 'admin-loop-field-error');

		// The API reference: its own headings and prose in French, the document's text said to be English.
		await page.goto(`${app.url}/api/docs`);
		await page.getByRole('heading', { name: 'Référence de l’API de Parley', level: 1 }).waitFor();
		await page.getByTestId('docs-english-note').waitFor();
		expect(await page.locator('#conventions').textContent()).toContain('Accept-Language');
		await frenchEverywhere(page, 'api-docs');
		await context.close();
	});
});
