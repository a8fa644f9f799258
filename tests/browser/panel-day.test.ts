/**
 * The panel's day in a real browser (issue 11): an interviewer reaches the interview page from their
 * list and from the calendar; cancelling rolls the pipeline back where admins read it; the
 * candidate's personal link is copied, not replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const [INES] = DEMO_ACCOUNTS.interviewers;

describe('the panel’s day', () => {
	let app: TestApp;
	let browser: Browser;
	let oliverId: string;
	/** The day of Oliver's interview in Ines's and Priya's zones, for their team week. */
	let oliverDay: { ines: string; priya: string };

	async function personOn(email: string, path: string, phone = false): Promise<Page> {
		const context = await newPerson(browser, { phone, timezoneId: 'America/New_York' });
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error(`[${email}] page error:`, e.message));
		await signIn(page, app.url, email);
		await page.waitForURL(/\/(me|my\/interviews|admin\/calendar)$/);
		await page.waitForLoadState('load');
		await page.goto(`${app.url}${path}`);
		return page;
	}

	/** Opens an interview's detail panel from the calendar's list view. */
	async function openFromList(page: Page, candidate: string) {
		await page.getByRole('button', { name: 'List', exact: true }).click();
		await page.getByRole('button', { name: 'All', exact: true }).click();
		const row = page.getByTestId('interview-list').locator('tr', { hasText: candidate });
		await row.getByRole('button').first().click();
		await page.getByTestId('detail-panel').getByRole('heading', { name: candidate }).waitFor();
	}

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const oliver = (await app.api('GET', '/api/v1/interviews?q=Oliver', admin)).body.data[0];
		oliverId = oliver.id;
		oliverDay = {
			ines: zonedDate(oliver.start, INES!.timezone),
			priya: zonedDate(oliver.start, DEMO_ACCOUNTS.interviewers[2].timezone)
		};
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	describe('finding 3: interviewers reach the interview page', () => {
		for (const phone of [false, true]) {
			it(`from “My interviews” (${phone ? '390' : '1440'} px)`, async () => {
				const page = await personOn(INES!.email, '/my/interviews', phone);
				const link = page.getByTestId('my-interviews').getByRole('link', { name: 'Oliver Brown' });
				await link.waitFor();
				await screenshot(page, `my-interviews-links-${phone ? 'phone' : 'desktop'}`);
				await link.click();
				await page.waitForURL(`**/interviews/${oliverId}`);
				await page.getByRole('heading', { name: 'Interview with Oliver Brown', level: 1 }).waitFor();
				expect(await page.getByTestId('join-room').count()).toBe(1);
				await page.context().close();
			});
		}

		it('from the team calendar for the panel, and from the calendar’s detail panel for admins', async () => {
			const ines = await personOn(INES!.email, `/my/interviews?date=${oliverDay.ines}`);
			const own = ines.getByTestId('team-week').getByRole('link', { name: 'Oliver Brown' });
			await own.waitFor();
			await screenshot(ines, 'team-week-open-interview-interviewer');
			await own.click();
			await ines.waitForURL(`**/interviews/${oliverId}`);
			await ines.getByRole('heading', { name: 'Interview with Oliver Brown', level: 1 }).waitFor();
			await ines.context().close();

			const admin = await personOn(DEMO_ACCOUNTS.admin.email, '/admin/calendar');
			await openFromList(admin, 'Oliver Brown');
			await admin.getByTestId('open-interview').click();
			await admin.waitForURL(`**/interviews/${oliverId}`);
			await admin.getByRole('heading', { name: 'Interview with Oliver Brown', level: 1 }).waitFor();
			await admin.context().close();
		});

		it('shows an interviewer off the panel only busy time: no name, no link (finding 9)', async () => {
			// Priya is not on Oliver's panel: she sees the time Ines and Marco are busy, nothing more.
			const priya = await personOn(DEMO_ACCOUNTS.interviewers[2].email, `/my/interviews?date=${oliverDay.priya}`);
			const team = priya.getByTestId('team-week');
			await team.waitFor();
			expect(await team.getByTestId('team-busy').filter({ hasText: 'Ines Okafor' }).count()).toBeGreaterThan(0);
			expect(await priya.getByText('Oliver Brown').count()).toBe(0);
			await priya.context().close();
		});
	});

	describe('finding 11: the Applicants page on a phone', () => {
		it('fits 390 px with every Schedule button on screen', async () => {
			const page = await personOn(DEMO_ACCOUNTS.admin.email, '/admin/applicants', true);
			const table = page.getByTestId('applicants');
			await table.waitFor();
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			const links = await table.getByRole('link', { name: 'Schedule…' }).all();
			expect(links.length).toBeGreaterThan(0);
			for (const link of links) {
				const box = (await link.boundingBox())!;
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(390);
			}
			await screenshot(page, 'applicants-phone');
			await links[0]!.click();
			await page.getByTestId('schedule-form').waitFor();
			await page.context().close();

			const desktop = await personOn(DEMO_ACCOUNTS.admin.email, '/admin/applicants');
			await desktop.getByRole('columnheader', { name: 'Next interview' }).waitFor();
			await screenshot(desktop, 'applicants-desktop');
			await desktop.context().close();
		});
	});
});
