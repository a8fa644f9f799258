/**
 * Issue 11, findings 8 and 9, in a real browser: the scheduling form lists exactly the applications
 * the Applicants page offers to schedule, and starts an in-person-only one in person; an interviewer's
 * team calendar shows others' interviews as busy time, and no other candidate's name reaches their
 * browser (page, fetches or WebSocket frames); a history that cannot be read says so; adding a
 * person says whether an email was really sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { addDaysToYmd, zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const [, , PRIYA] = DEMO_ACCOUNTS.interviewers;

describe('rules and messages agree (issue 11, findings 8 and 9)', () => {
	let app: TestApp;
	let browser: Browser;

	async function personOn(email: string, path: string, phone = false): Promise<Page> {
		const context = await newPerson(browser, { phone, timezoneId: 'Europe/London', serviceWorkers: 'block' });
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error(`[${email}] page error:`, e.message));
		await signIn(page, app.url, email);
		await page.waitForURL(/\/(me|my\/interviews|admin\/calendar)$/);
		await page.waitForLoadState('load');
		await page.goto(`${app.url}${path}`);
		return page;
	}

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('offers the same applications on the Applicants page and in the scheduling form', async () => {
		const page = await personOn(DEMO_ACCOUNTS.admin.email, '/admin/applicants');
		const table = page.getByTestId('applicants');
		await table.waitFor();
		const offered: string[] = [];
		for (const row of await table.locator('tbody tr').all()) {
			if ((await row.getByRole('link', { name: 'Schedule…' }).count()) > 0)
				offered.push((await row.locator('.who strong').textContent())!.trim());
		}
		expect(offered.length).toBeGreaterThan(0);
		await screenshot(page, 'rules-applicants-desktop');

		await page.goto(`${app.url}/admin/calendar`);
		await page.getByRole('button', { name: '+ Schedule interview' }).click();
		const form = page.getByTestId('schedule-form');
		await form.waitFor();
		const listed = await form
			.getByRole('radiogroup', { name: 'Eligible applications' })
			.locator('label.choice > span:first-of-type')
			.allTextContents();
		expect(listed.map((s) => s.trim()).sort()).toEqual(offered.sort());
		await page.context().close();
	});

	it('starts an in-person-only application in person, and shows the rounds it has', async () => {
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const [tomas] = (await app.api('GET', '/api/v1/applications?q=Tom', admin)).body.data;
		expect(tomas.online_interview_enabled).toBe(false);
		for (const phone of [false, true]) {
			const page = await personOn(DEMO_ACCOUNTS.admin.email, `/admin/calendar?schedule=${tomas.id}`, phone);
			const form = page.getByTestId('schedule-form');
			await form.waitFor();
			expect(await form.getByLabel('Mode').inputValue()).toBe('offline');
			expect(await form.getByLabel('Type').inputValue()).toBe('in_person');
			await screenshot(page, `rules-form-in-person-${phone ? 'phone' : 'desktop'}`);
			await page.context().close();
		}
		const [oliver] = (await app.api('GET', '/api/v1/applications?q=Oliver', admin)).body.data;
		const page = await personOn(DEMO_ACCOUNTS.admin.email, `/admin/calendar?schedule=${oliver.id}`);
		const held = page.getByTestId('held-rounds');
		await held.waitFor();
		expect(await held.textContent()).toMatch(/round 1 on /);
		// The round follows the date: on a day after Oliver's round 1 it is round 2.
		const form = page.getByTestId('schedule-form');
		const [booked] = (await app.api('GET', '/api/v1/interviews?q=Oliver', admin)).body.data;
		const after = addDaysToYmd(zonedDate(booked.start, 'Europe/London'), 3);
		await form.getByLabel('Date', { exact: true }).fill(after);
		await expect.poll(() => form.getByLabel('Round').inputValue()).toBe('2');
		await screenshot(page, 'rules-form-rounds-desktop');
		await page.context().close();
	});

	it('shows an interviewer others’ interviews as busy time, and never sends them another candidate’s name', async () => {
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const all = (await app.api('GET', '/api/v1/interviews?page_size=100', admin)).body.data as {
			start: string;
			status: string;
			candidate: { name: string };
			panel: { id: string }[];
		}[];
		const members = (await app.api('GET', '/api/v1/members', admin)).body.data as { id: string; email: string }[];
		const priyaId = members.find((m) => m.email === PRIYA!.email)!.id;
		const live = all.filter((i) => i.status !== 'cancelled');
		const onHerPanel = (i: (typeof all)[number]) => i.panel.some((p) => p.id === priyaId);
		const theirs = live.filter((i) => !onHerPanel(i));
		const mine = live.filter(onHerPanel);
		expect(theirs.length).toBeGreaterThan(0);
		expect(mine.length).toBeGreaterThan(0);
		const day = (iso: string) => zonedDate(iso, PRIYA!.timezone);
		const mineNames = new Set(mine.map((i) => i.candidate.name));
		const theirNames = [...new Set(theirs.map((i) => i.candidate.name))].filter((n) => !mineNames.has(n));

		for (const phone of [false, true]) {
			const context = await newPerson(browser, { phone, timezoneId: 'Europe/London', serviceWorkers: 'block' });
			const page = await context.newPage();
			const seen: string[] = [];
			page.on('response', (res) => {
				void res.text().then(
					(t) => seen.push(t),
					() => {}
				);
			});
			page.on('websocket', (ws) => {
				ws.on('framereceived', (f) => seen.push(typeof f.payload === 'string' ? f.payload : f.payload.toString()));
			});
			await signIn(page, app.url, PRIYA!.email);
			await page.waitForURL('**/my/interviews');
			const team = page.getByTestId('team-week');
			await team.waitFor();
			// Another's interview: busy time, with the colleagues it keeps busy.
			await page.goto(`${app.url}/my/interviews?date=${day(theirs[0]!.start)}`);
			await team.waitFor();
			expect(await team.getByTestId('team-busy').count()).toBeGreaterThan(0);
			// Her own: the candidate, linked to the interview page.
			await page.goto(`${app.url}/my/interviews?date=${day(mine[0]!.start)}`);
			await team.getByTestId('team-mine').getByRole('link', { name: mine[0]!.candidate.name }).first().waitFor();
			await screenshot(page, `rules-team-week-${phone ? 'phone' : 'desktop'}`);
			await page.getByTestId('team-next').click();
			await page.waitForURL(/date=/);
			await page.waitForTimeout(500);
			const everything = seen.join('\n') + (await page.content());
			for (const name of theirNames) expect(everything, name).not.toContain(name);
			await context.close();
		}
	});

	it('says the history could not be read instead of “No history yet”', async () => {
		const page = await personOn(DEMO_ACCOUNTS.admin.email, '/admin/calendar');
		await page.route('**/api/v1/interviews/*/logs', (route) =>
			route.fulfill({
				status: 404,
				contentType: 'application/json',
				body: JSON.stringify({ error: { code: 'not_found', message: 'The interview was not found.', details: {} } })
			})
		);
		await page.getByRole('button', { name: 'List', exact: true }).click();
		await page.getByRole('button', { name: 'All', exact: true }).click();
		const row = page.getByTestId('interview-list').locator('tr', { hasText: 'Oliver Brown' });
		await row.getByRole('button').first().click();
		const panel = page.getByTestId('detail-panel');
		await panel.getByTestId('history-error').waitFor();
		expect(await panel.getByTestId('history-error').textContent()).toContain('cannot be shown');
		expect(await panel.getByText(/No history yet/).count()).toBe(0);
		await page.context().close();
	});

	it('tells the admin that no invitation email was sent when the server has no mail server', async () => {
		for (const phone of [false, true]) {
			const page = await personOn(DEMO_ACCOUNTS.admin.email, '/admin/people', phone);
			const suffix = phone ? 'phone' : 'desktop';
			const add = page.locator('form.add');
			await add.locator('input[name=name]').fill(`Quinn ${suffix}`);
			await add.locator('input[name=email]').fill(`quinn-${suffix}@northfield.test`);
			await add.getByRole('button', { name: 'Add and create link' }).click();
			const status = page.getByRole('status').filter({ hasText: 'was added' });
			await status.waitFor();
			expect(await status.textContent()).toContain('No email was sent');
			expect(await status.textContent()).not.toMatch(/on its way|mailed/);
			await screenshot(page, `rules-people-added-${suffix}`);
			await page.context().close();
		}
	});
});
