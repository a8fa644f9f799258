/**
 * An admin who chose French works in French (issue 14): the calendar with its week of interviews, an
 * interview's side panel, scheduling through the form from a suggested time, rescheduling, the
 * requests page and a loop booked from its page. Every page is checked for English left over
 * (`englishOnPage`), for nothing wider than the screen, and photographed at 1440 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson } from '../helpers/browser';
import { bookDirect } from '../helpers/calendar';
import { frenchEverywhere } from '../helpers/i18n';

const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;
const DAY_MIN = 24 * 60;

describe('Parley in French, for an admin', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('lets a French admin read the calendar, schedule and reschedule an interview, and use the requests and loop pages in French', async () => {
		await app.runtime.db.sql`update users set locale = 'fr' where email = ${DEMO_ACCOUNTS.admin.email}`;
		// A week with interviews in it: tomorrow and the day after.
		await bookDirect(app, [
			{ candidate: 'lena@student.test', panel: [MARCO!.email], startInMin: DAY_MIN, mode: 'online' },
			{ candidate: 'tomas@student.test', panel: [INES!.email], startInMin: 2 * DAY_MIN, mode: 'offline' }
		]);
		const context = await newPerson(browser, { locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error('page error:', e.message));
		await page.goto(`${app.url}/login`);
		await page.getByLabel('Adresse e-mail').fill(DEMO_ACCOUNTS.admin.email);
		await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await page.waitForURL((u) => u.pathname !== '/login');

		// The calendar, in the list view too, where the week's interviews are.
		await page.goto(`${app.url}/admin/calendar`);
		await page.getByRole('heading', { name: 'Calendrier des entretiens', level: 1 }).waitFor();
		await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor();
		await page.getByTestId('event').filter({ hasText: 'Lena Fischer' }).first().waitFor();
		await frenchEverywhere(page, 'admin-calendar');
		await page.getByRole('button', { name: 'Liste', exact: true }).click();
		await page.getByRole('button', { name: 'Tous', exact: true }).click();
		await page.getByTestId('interview-list').getByText('Lena Fischer').waitFor();
		await frenchEverywhere(page, 'admin-calendar-list');
		await page.getByRole('button', { name: 'Calendrier', exact: true }).click();

		// An interview's side panel.
		await page.getByTestId('event').filter({ hasText: 'Lena Fischer' }).first().click();
		const panel = page.getByTestId('detail-panel');
		await panel.getByRole('heading', { name: 'Lena Fischer' }).waitFor();
		await panel.getByTestId('history').waitFor();
		await frenchEverywhere(page, 'admin-calendar-detail');
		await page.getByRole('button', { name: 'Fermer le détail' }).click();

		// Scheduling from a suggested time.
		await page.getByRole('button', { name: '+ Planifier un entretien' }).click();
		const form = page.getByTestId('schedule-form');
		await form.getByRole('heading', { name: 'Planifier un entretien' }).waitFor();
		await form.getByTestId('application-search').fill('Sam');
		await form.getByRole('radio', { name: /Sam Carter/ }).check();
		await form.getByRole('checkbox', { name: /Ines Okafor/ }).check();
		await form.getByTestId('suggested-slot').first().click();
		await frenchEverywhere(page, 'admin-schedule-form');
		await form.getByTestId('schedule-submit').click();
		await panel.getByRole('heading', { name: 'Sam Carter' }).waitFor();
		expect(await page.getByTestId('toast-text').textContent()).toBe('Entretien avec Sam Carter planifié.');
		const before = await panel.getByTestId('detail-when').textContent();

		// Rescheduling it to another suggested time, with a reason.
		await panel.getByRole('button', { name: 'Modifier / reprogrammer' }).click();
		await form.getByRole('heading', { name: 'Modifier ou reprogrammer' }).waitFor();
		await form.getByTestId('suggested-slot').last().click();
		await form.getByLabel(/Motif du changement/).fill('Le jury a un empêchement');
		await frenchEverywhere(page, 'admin-reschedule-form');
		await form.getByTestId('schedule-submit').click();
		await expect.poll(() => page.getByTestId('toast-text').textContent()).toBe('Entretien reprogrammé.');
		await expect.poll(() => panel.getByTestId('detail-when').textContent()).not.toBe(before);
		await frenchEverywhere(page, 'admin-calendar-rescheduled');

		// The requests page.
		await page.goto(`${app.url}/admin/requests`);
		await page.getByRole('heading', { name: 'Demandes de planification', level: 1 }).waitFor();
		await frenchEverywhere(page, 'admin-requests');

		// A loop: its booking page, the times found, and the loop's own page.
		await page.getByRole('link', { name: 'Planifier une série' }).click();
		await page.getByRole('heading', { name: 'Planifier une série', level: 1 }).waitFor();
		await frenchEverywhere(page, 'admin-loop-new');
		// Tomás is interviewed in person: Marco (Rome), Ines (New York), then Priya (Los Angeles), whose
		// hours meet in that order, in a room.
		const tomas = await page
			.getByLabel('Candidat·e')
			.locator('option', { hasText: 'Tomás Herrera' })
			.getAttribute('value');
		await page.getByLabel('Candidat·e').selectOption(tomas!);
		await page.getByLabel('Où').selectOption('offline');
		await page.getByLabel('Salle (en présentiel)').fill('Salle 4');
		await page.getByLabel('Pause entre les entretiens').selectOption('60');
		for (const [i, who] of [MARCO, INES, PRIYA].entries()) {
			const select = page.getByLabel(`Entretien ${i + 1}, membre du jury`);
			await select.selectOption((await select.locator('option', { hasText: who!.name }).getAttribute('value'))!);
			await page.getByLabel(`Entretien ${i + 1}, type`).selectOption('in_person');
		}
		await page.getByLabel('Jours de recherche').selectOption('14');
		await page.getByRole('button', { name: 'Trouver des horaires' }).click();
		await page.getByRole('heading', { name: 'Horaires qui conviennent à toute la série' }).waitFor();
		await frenchEverywhere(page, 'admin-loop-times');
		await page.getByRole('button', { name: 'Réserver cette série' }).click();
		await page.waitForURL(/\/admin\/loops\/[0-9a-f-]{36}/);
		await page.getByRole('heading', { name: /^Série d’entretiens de / }).waitFor();
		await frenchEverywhere(page, 'admin-loop');
		await context.close();
	});
});
