/**
 * Parley in French, as French people use it (issue 14): a candidate who chose French on the sign-in
 * page reads their home, picks a time from a scheduling request, opens their interview's change page
 * and joins the video room; an interviewer whose saved language is French reads their week, writes
 * notes and submits a scorecard after a refusal. Every page is checked for English left over
 * (`englishOnPage`) and photographed at 1440 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson } from '../helpers/browser';
import { bookDirect, startedAgo } from '../helpers/calendar';
import { frenchEverywhere } from '../helpers/i18n';

const LENA = DEMO_ACCOUNTS.candidates[1]!;
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;

/**
 * Signs in through the sign-in page, already French for a French browser, pressing "Français" first:
 * the organization's default (English) would otherwise speak once signed in (decision "Languages").
 */
async function signInInFrench(page: Page, url: string, email: string): Promise<void> {
	await page.goto(`${url}/login`);
	await page.getByRole('heading', { name: 'Connexion à Parley' }).waitFor();
	const back = page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'GET');
	await page.getByRole('button', { name: 'Français' }).click();
	await back;
	await page.waitForLoadState('load');
	expect((await page.context().cookies()).find((c) => c.name === 'parley-locale')?.value).toBe('fr');
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL((u) => u.pathname !== '/login');
}

describe('Parley in French, for candidates and interviewers', () => {
	let app: TestApp;
	let browser: Browser;
	let admin: string;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('lets a French candidate read their home, book a time, ask for a change and join the room in French', async () => {
		// An interview whose room is open, and a request to choose the time of the next round.
		const [roomId] = await bookDirect(app, [
			{ candidate: LENA.email, panel: [MARCO!.email], startInMin: 5, mode: 'online', durationMin: 45 }
		]);
		const members = (await app.api('GET', '/api/v1/members', admin)).body.data as { id: string; email: string }[];
		const apps = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { email: string };
		}[];
		const from = new Date(Date.now() + 2 * 86400_000);
		const sent = await app.api('POST', '/api/v1/scheduling-requests', admin, {
			application_id: apps.find((a) => a.candidate.email === LENA.email)!.id,
			round: 2,
			panel: [members.find((m) => m.email === MARCO!.email)!.id],
			duration_min: 30,
			type: 'video',
			mode: 'online',
			window_start: from.toISOString(),
			window_end: new Date(from.getTime() + 7 * 86400_000).toISOString()
		});
		expect(sent.status).toBe(201);

		const context = await newPerson(browser, { locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error('[candidate] page error:', e.message));
		await signInInFrench(page, app.url, LENA.email);
		await page.waitForURL('**/me');
		await page.getByRole('heading', { name: 'Mon entretien', level: 1 }).waitFor();
		await page.getByTestId('live-status').getByText('En direct').waitFor();
		const card = page.locator(`[data-interview-id="${roomId}"]`);
		expect(await card.getByTestId('interview-status').textContent()).toContain('Programmé');
		// French dates: a 24-hour clock and the zone named.
		expect(await card.getByTestId('interview-time').textContent()).toMatch(/\d{2}:\d{2} UTC/);
		await frenchEverywhere(page, 'candidate-home');

		// The request: a time picked from the home page.
		await page.getByTestId('open-request').getByRole('link', { name: 'Choisir un créneau' }).click();
		await page.getByRole('heading', { name: 'Choisissez l’horaire de votre entretien' }).waitFor();
		await frenchEverywhere(page, 'candidate-pick-time');
		await page.getByRole('radio').first().check();
		expect(await page.getByTestId('book').textContent()).toMatch(/^Réserver le /);
		await page.getByTestId('book').click();
		await page.getByTestId('booked').getByText('Réservé.').waitFor();
		await frenchEverywhere(page, 'candidate-booked');

		// The booked interview's change page, its policy and form in French.
		await page.goto(`${app.url}/me`);
		const booked = page.getByTestId('interview-card').filter({ hasNot: page.getByTestId('join-room') });
		await booked.getByTestId('ask-change').first().click();
		await page.getByRole('heading', { name: 'Déplacer ou annuler mon entretien' }).waitFor();
		expect(await page.getByTestId('policy').textContent()).toContain('Vous pouvez encore déplacer 2\u00a0fois');
		await frenchEverywhere(page, 'candidate-change');

		// The room: joined from the home page.
		await page.goto(`${app.url}/me`);
		await card.getByRole('link', { name: 'Rejoindre la salle de visio' }).click();
		await page.waitForURL(`**/interviews/${roomId}/room`);
		await page.getByRole('button', { name: 'Rejoindre l’entretien' }).click();
		await page.getByTestId('room-waiting').waitFor();
		expect(await page.getByTestId('room-waiting').textContent()).toContain('Vous êtes dans la salle.');
		await page.getByRole('button', { name: 'Couper le micro' }).waitFor();
		await frenchEverywhere(page, 'candidate-room');
		await page.getByRole('button', { name: 'Quitter' }).click();
		await page.getByTestId('room-left').getByText('Vous avez quitté la salle').waitFor();

		// Their settings and notifications (the booking's message among them).
		await page.goto(`${app.url}/settings`);
		await page.getByRole('heading', { name: 'Paramètres', level: 1 }).waitFor();
		await frenchEverywhere(page, 'candidate-settings');
		await page.goto(`${app.url}/notifications`);
		await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
		await frenchEverywhere(page, 'candidate-notifications');
		await context.close();
	});

	it('tells a French visitor in French that a link no longer works', async () => {
		const context = await newPerson(browser, { locale: 'fr-FR' });
		const page = await context.newPage();
		const personal = await page.goto(`${app.url}/l/${'x'.repeat(43)}`);
		expect(personal?.status()).toBe(404);
		await page.getByRole('heading', { name: 'Ce lien ne fonctionne plus' }).waitFor();
		await frenchEverywhere(page, 'dead-personal-link');
		const request = await page.goto(`${app.url}/s/${'x'.repeat(43)}`);
		expect(request?.status()).toBe(404);
		await page.getByText('Ce lien de prise de rendez-vous n’est pas valide.').waitFor();
		await frenchEverywhere(page, 'dead-request-link');
		await context.close();
	});

	it('lets an interviewer who chose French read the week, write notes and submit a scorecard in French', async () => {
		// Ines chose French in Settings (the language tests do that through the page); her browser is English.
		await app.runtime.db.sql`update users set locale = 'fr' where email = ${INES!.email}`;
		const jonas = (await app.api('GET', '/api/v1/interviews?q=Jonas', admin)).body.data[0] as { id: string };
		await startedAgo(app, jonas.id);

		const context = await newPerson(browser, { locale: 'en-US', timezoneId: 'Europe/Paris' });
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error('[interviewer] page error:', e.message));
		await page.goto(`${app.url}/login`);
		await page.getByLabel('Email').fill(INES!.email);
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/my/interviews');
		await page.getByRole('heading', { name: 'Mes entretiens', level: 1 }).waitFor();
		await page.getByTestId('team-week').getByRole('heading', { name: 'Calendrier de l’équipe' }).waitFor();
		await frenchEverywhere(page, 'interviewer-week');

		await page.goto(`${app.url}/interviews/${jonas.id}`);
		await page.getByRole('heading', { name: 'Entretien avec Jonas Berg', level: 1 }).waitFor();
		// Notes, typed into the shared editor and saved.
		const editor = page.getByTestId('notes-editor');
		await editor.click();
		await page.keyboard.type('Motivation solide, à approfondir en statistiques.');
		await page
			.getByTestId('notes-status')
			.filter({ hasText: 'Toutes les modifications sont enregistrées' })
			.waitFor({ timeout: 15_000 });
		// A scorecard refused, the reasons in French beside the fields.
		await page.getByRole('button', { name: 'Envoyer ma fiche' }).click();
		await page.getByTestId('error-rating').waitFor();
		expect(await page.getByTestId('error-rating').textContent()).toBe('Choisissez une note.');
		expect(await page.getByTestId('error-recommendation').textContent()).toBe('Choisissez une recommandation.');
		await frenchEverywhere(page, 'interviewer-scorecard-refused');
		await page.getByRole('radio', { name: '4' }).check();
		await page.getByLabel('Recommandation').selectOption('proceed');
		await page.getByLabel('Commentaire écrit').fill('Réponses réfléchies.');
		await page.getByRole('button', { name: 'Envoyer ma fiche' }).click();
		await page.getByText('Votre fiche d’évaluation est enregistrée.').waitFor();
		await page.getByTestId('history').getByText('Fiche d’évaluation envoyée').waitFor();
		await frenchEverywhere(page, 'interviewer-interview');

		await page.goto(`${app.url}/settings`);
		await page.getByRole('heading', { name: 'Paramètres', level: 1 }).waitFor();
		await frenchEverywhere(page, 'interviewer-settings');
		await page.goto(`${app.url}/notifications`);
		await frenchEverywhere(page, 'interviewer-notifications');
		await context.close();
		// Priya, on the same panel, reads English: the language is each person's own.
		const priya = await newPerson(browser);
		const other = await priya.newPage();
		await other.goto(`${app.url}/login`);
		await other.getByLabel('Email').fill(PRIYA!.email);
		await other.getByLabel('Password').fill(DEMO_PASSWORD);
		await other.getByRole('button', { name: 'Sign in' }).click();
		await other.waitForURL('**/my/interviews');
		await other.getByRole('heading', { name: 'My interviews', level: 1 }).waitFor();
		await priya.close();
	});

	it('shows an admin who chose French the candidates, applicants, people and rules pages in French', async () => {
		await app.runtime.db.sql`update users set locale = 'fr' where email = ${DEMO_ACCOUNTS.admin.email}`;
		const jonas = (await app.api('GET', '/api/v1/interviews?q=Jonas', admin)).body.data[0] as {
			candidate: { id: string };
		};
		const context = await newPerson(browser, { locale: 'fr-FR' });
		const page = await context.newPage();
		await signInInFrench(page, app.url, DEMO_ACCOUNTS.admin.email);
		for (const [path, heading, name] of [
			['/admin/applicants', 'Candidatures', 'admin-applicants'],
			['/admin/candidates', 'Candidat·es', 'admin-candidates'],
			[`/admin/candidates/${jonas.candidate.id}`, 'Jonas Berg', 'admin-candidate'],
			['/admin/people', 'Membres', 'admin-people'],
			['/admin/rules', 'Règles du calendrier', 'admin-rules']
		] as const) {
			await page.goto(`${app.url}${path}`);
			await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
			await frenchEverywhere(page, name);
		}
		await context.close();
	});
});
