/**
 * Self-scheduling as people do it: an admin sends a request from /admin/requests; the candidate
 * opens the emailed link on a phone, with no password, sees free times in their own zone, picks one
 * and is booked; the link then says it was used. A second candidate finds their request on their
 * home page. Screenshots of each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const SAM = DEMO_ACCOUNTS.candidates[0]!;
const LENA = DEMO_ACCOUNTS.candidates[1]!;
const INES = DEMO_ACCOUNTS.interviewers[0]!;

describe('self-scheduling, as an admin and a candidate do it', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		// Sam lives in London: his times are shown there, not in New York.
		await app.runtime.db.sql`update users set timezone = 'Europe/London' where email = ${SAM.email}`;
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('lets an admin send a request and the candidate book from the email link without a password', async () => {
		const adminContext = await newPerson(browser);
		const admin = await adminContext.newPage();
		await signIn(admin, app.url, DEMO_ACCOUNTS.admin.email);
		await admin.waitForURL('**/admin/**');
		await admin.getByRole('link', { name: 'Requests' }).click();
		await admin.getByRole('heading', { name: 'Scheduling requests', level: 1 }).waitFor();
		const form = admin.getByTestId('request-form');
		const sam = await form.getByLabel('Application').locator('option', { hasText: SAM.name }).getAttribute('value');
		await form.getByLabel('Application').selectOption(sam!);
		await form.getByRole('group', { name: 'Panel', exact: true }).getByLabel(INES.name).check();
		await form.getByRole('button', { name: 'Send request' }).click();
		await admin.getByText('Sent: the email is on its way (see Outbox).').waitFor();
		await screenshot(admin, 'self-scheduling-admin-sent');

		// The link, as the email carries it (the outbox keeps it until the message is sent).
		const [mail] = await app.runtime.db.sql<{ payload: { secret_url: string } }[]>`
			select payload from outbox where kind = 'scheduling_request' order by created_at desc limit 1`;
		const link = new URL(mail!.payload.secret_url).pathname;

		const phone = await newPerson(browser, { phone: true, timezoneId: 'Europe/London' });
		const page = await phone.newPage();
		page.on('pageerror', (e) => console.error('[candidate] page error:', e.message));
		await page.goto(`${app.url}${link}`);
		await page.getByRole('heading', { name: 'Choose your interview time' }).waitFor();
		expect(await page.getByText('Times are in your time zone').textContent()).toContain('Europe/London');
		const first = page.getByRole('radio').first();
		const label = (await page.locator('label.time').first().textContent())!.trim();
		// Ines works 09:00–17:00 in New York: 14:00–22:00 in London; Sam's hours end at 20:00.
		expect(Number(label.slice(0, 2))).toBeGreaterThanOrEqual(14);
		await screenshot(page, 'self-scheduling-candidate-times');
		await first.check();
		await page.getByTestId('book').click();
		await page.getByTestId('booked').waitFor();
		expect(await page.getByTestId('booked').textContent()).toContain(label);
		await screenshot(page, 'self-scheduling-candidate-booked');

		const [booked] = await app.runtime.db.sql<{ n: number }[]>`select count(*)::int as n from interviews i
			join users u on u.id = i.candidate_id where u.email = ${SAM.email} and i.status = 'scheduled'`;
		expect(booked!.n).toBe(1);
		// The link afterwards: used, and it says so.
		await page.reload();
		await page.getByText('This request was already used: your interview is booked.').waitFor();
		await adminContext.close();
		await phone.close();
	});

	it('shows an open request on the candidate’s home page, and says when one has expired', async () => {
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const members = (await app.api('GET', '/api/v1/members', admin)).body.data as { id: string; email: string }[];
		const apps = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { email: string };
		}[];
		const start = new Date(Date.now() + 2 * 86400_000);
		const sent = await app.api('POST', '/api/v1/scheduling-requests', admin, {
			application_id: apps.find((a) => a.candidate.email === LENA.email)!.id,
			panel: [members.find((m) => m.email === INES.email)!.id],
			duration_min: 30,
			type: 'video',
			mode: 'online',
			window_start: start.toISOString(),
			window_end: new Date(start.getTime() + 7 * 86400_000).toISOString()
		});
		expect(sent.status).toBe(201);

		const page = await (await newPerson(browser)).newPage();
		await signIn(page, app.url, LENA.email);
		await page.waitForURL('**/me');
		await page.getByTestId('open-request').getByRole('link', { name: 'Choose a time' }).click();
		await page.getByRole('heading', { name: 'Choose your interview time' }).waitFor();
		expect(await page.getByRole('radio').count()).toBeGreaterThan(0);
		await screenshot(page, 'self-scheduling-from-home');

		await app.runtime.db
			.sql`update scheduling_requests set deadline = now() - interval '1 minute' where id = ${sent.body.id}`;
		await page.reload();
		await page.getByTestId('request-state').getByText('This scheduling request has expired.').waitFor();
		await screenshot(page, 'self-scheduling-expired');
	});

	it('lets a candidate ask to move their interview, and an admin approve it', async () => {
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const members = (await app.api('GET', '/api/v1/members', admin)).body.data as { id: string; email: string }[];
		const apps = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { email: string };
		}[];
		const start = new Date(Date.now() + 6 * 86400_000);
		start.setUTCHours(15, 0, 0, 0);
		const booked = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps.find((a) => a.candidate.email === LENA.email)!.id,
			start: start.toISOString(),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [members.find((m) => m.email === INES.email)!.id]
		});
		expect(booked.status).toBe(201);

		const phone = await newPerson(browser, { phone: true, timezoneId: 'America/New_York' });
		const page = await phone.newPage();
		await signIn(page, app.url, LENA.email);
		await page.waitForURL('**/me');
		await page.getByTestId('ask-change').first().click();
		await page.getByRole('heading', { name: 'Move or cancel my interview' }).waitFor();
		expect(await page.getByTestId('policy').textContent()).toMatch(/interviews 2\s+more times/);
		const choice = page.getByTestId('new-time');
		const options = await choice.locator('option').allTextContents();
		expect(options.length).toBeGreaterThan(3);
		await choice.selectOption({ index: 3 });
		const picked = await choice.inputValue();
		await page.getByLabel('Why?').fill('I have an exam that morning');
		await screenshot(page, 'change-request-candidate-form');
		await page.getByTestId('send-change').click();
		await page.getByTestId('change-done').getByText('Your request is sent.').waitFor();
		await screenshot(page, 'change-request-candidate-sent');

		const desk = await (await newPerson(browser)).newPage();
		await signIn(desk, app.url, DEMO_ACCOUNTS.admin.email);
		await desk.waitForURL('**/admin/**');
		await desk.goto(`${app.url}/admin/requests`);
		const item = desk.getByTestId('change-requests').getByRole('listitem').filter({ hasText: 'Lena Fischer' });
		expect(await item.textContent()).toContain('I have an exam that morning');
		await screenshot(desk, 'change-request-admin');
		await item.getByRole('button', { name: 'Approve' }).click();
		await desk.getByText('Approved: the interview is changed and everyone is told.').waitFor();
		expect((await app.api('GET', `/api/v1/interviews/${booked.body.id}`, admin)).body.start).toBe(picked);
		await phone.close();
	});
});
