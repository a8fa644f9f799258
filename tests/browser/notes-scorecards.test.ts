import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';
import { startedAgo } from '../helpers/calendar';

const [INES, , PRIYA] = DEMO_ACCOUNTS.interviewers;

describe('scorecards on the interview page and the candidate page', () => {
	let app: TestApp;
	let browser: Browser;
	/** Jonas Berg's in-person interview: panel Ines and Priya. */
	let jonas: { id: string; candidate: { id: string }; application_id: string };
	let oliverId: string;

	async function personOn(email: string, path: string): Promise<Page> {
		const context = await newPerson(browser);
		const page = await context.newPage();
		await signIn(page, app.url, email);
		// Let the sign-in finish its own navigation home before going anywhere else.
		await page.waitForURL(/\/(me|my\/interviews|admin\/calendar)$/);
		await page.waitForLoadState('load');
		await page.goto(`${app.url}${path}`);
		return page;
	}

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		jonas = (await app.api('GET', '/api/v1/interviews?q=Jonas', admin)).body.data[0];
		oliverId = (await app.api('GET', '/api/v1/interviews?q=Oliver', admin)).body.data[0].id;
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('says why the scorecard is not open before the interview starts, at both widths', async () => {
		const page = await personOn(INES!.email, `/interviews/${jonas.id}`);
		const blocked = page.getByTestId('scorecard-blocked');
		await blocked.waitFor();
		expect(await blocked.textContent()).toContain('The scorecard opens when the interview starts');
		expect(await blocked.textContent()).toMatch(/It opens \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
		expect(await page.getByTestId('scorecard-form').count()).toBe(0);
		await page.setViewportSize({ width: 1440, height: 900 });
		await screenshot(page, 'scorecard-not-open-1440');
		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'scorecard-not-open-390');
		await page.context().close();
		// Time passes: Jonas's interview has started.
		await startedAgo(app, jonas.id);
	});

	it('shows the server’s validation messages beside the fields, then saves', async () => {
		const page = await personOn(INES!.email, `/interviews/${jonas.id}`);
		await page.getByTestId('scorecard-form').waitFor();
		// An in-person interview has no video room to join.
		expect(await page.getByTestId('join-room').count()).toBe(0);
		await page.getByLabel('Written feedback').fill('x'.repeat(20_001));
		await page.getByRole('button', { name: 'Submit my scorecard' }).click();
		await page.getByTestId('error-rating').waitFor();
		expect(await page.getByTestId('error-rating').textContent()).toBe('Rating is required.');
		expect(await page.getByTestId('error-recommendation').textContent()).toBe('Recommendation is required.');
		expect(await page.getByTestId('error-feedback').textContent()).toContain('at most 20,000 characters');
		await screenshot(page, 'scorecard-errors');

		await page.getByRole('radio', { name: '4' }).check();
		await page.getByLabel('Recommendation').selectOption('proceed');
		await page
			.getByLabel('Written feedback')
			.fill('Ines-feedback: thoughtful answers, needs more depth on statistics.');
		await page.getByRole('button', { name: 'Submit my scorecard' }).click();
		await page.getByText('Your scorecard is saved.').waitFor();
		expect(await page.getByTestId('error-rating').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Update my scorecard' }).count()).toBe(1);
		await page.context().close();
	});

	it('hides Ines’s scorecard from Priya until Priya submits hers', async () => {
		const page = await personOn(PRIYA!.email, `/interviews/${jonas.id}`);
		const hidden = page.getByTestId('scorecards-hidden');
		await hidden.waitFor();
		expect(await hidden.textContent()).toContain('1 of your colleagues has submitted');
		expect(await page.content()).not.toContain('Ines-feedback');
		// The History names who submitted, not what they gave.
		const history = page.getByTestId('history');
		await history.getByText('Scorecard submitted').waitFor();
		expect(await history.textContent()).toContain(`by ${INES!.name}`);
		expect(await history.textContent()).not.toMatch(/rating|Proceed to next round/);
		await page.setViewportSize({ width: 1440, height: 900 });
		await screenshot(page, 'scorecards-hidden-priya');
		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'scorecards-hidden-priya-390');
		await page.setViewportSize({ width: 1366, height: 860 });

		await page.getByRole('radio', { name: '5' }).check();
		await page.getByLabel('Recommendation').selectOption('hire');
		await page.getByLabel('Written feedback').fill('Priya: best candidate this week.');
		await page.getByRole('button', { name: 'Submit my scorecard' }).click();
		await page.getByText('Your scorecard is saved.').waitFor();
		const others = page.getByTestId('other-scorecards');
		await others.getByText('Ines-feedback').waitFor();
		expect(await others.getByTestId('scorecard').count()).toBe(1);
		expect(await page.getByTestId('scorecard-summary').textContent()).toMatch(/Average 4\.5\/5 from 2\s+scorecards/);
		await screenshot(page, 'scorecards-revealed-priya');
		await page.context().close();
	});

	it('gives the admin the candidate’s rounds with scores, history and the next-round link', async () => {
		const page = await personOn(DEMO_ACCOUNTS.admin.email, `/admin/candidates/${jonas.candidate.id}`);
		await page.getByRole('heading', { name: 'Jonas Berg', level: 1 }).waitFor();
		expect(await page.getByTestId('application-status').textContent()).toBe('Interview scheduled');
		const round = page.getByTestId('round');
		expect(await round.count()).toBe(1);
		expect(await round.textContent()).toContain('Round 1');
		expect(await round.textContent()).toContain(`Panel: ${INES!.name}, ${PRIYA!.name}`);
		const scores = await page.getByTestId('round-scores').textContent();
		expect(scores).toContain('Average 4.5/5');
		expect(scores).toContain('1 × Hire / admit');
		expect(scores).toContain('1 × Proceed to next round');
		expect(await page.getByTestId('schedule-next').getAttribute('href')).toBe(
			`/admin/calendar?schedule=${jonas.application_id}&round=2`
		);
		const history = await page.getByTestId('history').textContent();
		expect(history).toContain('Scheduled');
		expect(history).toContain('Scorecard submitted');
		expect(history).not.toContain('Ines-feedback');
		await screenshot(page, 'admin-candidate-page');

		// "Schedule next round" opens the scheduling form for round 2 of this application.
		await page.getByTestId('schedule-next').click();
		await page.waitForURL('**/admin/calendar?**');
		const form = page.getByRole('complementary', { name: 'Interview' });
		expect(await form.getByLabel('Round').inputValue()).toBe('2');
		await page.goBack();
		await page.getByRole('heading', { name: 'Jonas Berg', level: 1 }).waitFor();

		// The admin sees every scorecard on the interview page and finalizes them.
		await page.getByRole('link', { name: 'Open interview' }).click();
		await page.waitForURL(`**/interviews/${jonas.id}`);
		expect(await page.getByTestId('scorecard').count()).toBe(2);
		await page.getByRole('button', { name: 'Finalize scorecards' }).click();
		await page.getByText(/^Finalized /).waitFor();
		expect(await page.getByRole('button', { name: 'Finalize scorecards' }).count()).toBe(0);
		await screenshot(page, 'admin-interview-finalized');
		await page.context().close();
	});

	it('asks the admin for a reason before approving an application with no interview held, and says it cancels the one booked', async () => {
		const page = await personOn(DEMO_ACCOUNTS.admin.email, '/admin/applicants');
		await page.setViewportSize({ width: 1440, height: 900 });
		const approve = page
			.getByRole('group')
			.filter({ hasText: 'No interview of Oliver Brown' })
			.filter({ hasText: 'Approve anyway' });
		await page.getByLabel('Approve… Oliver Brown').click();
		await approve.getByLabel('Reason').waitFor();
		// Oliver's interview is tomorrow: approving him cancels it, and the form says so before the click.
		expect(await approve.getByTestId('cancels-upcoming').textContent()).toMatch(
			/^Approving also cancels Oliver Brown’s upcoming interview \(\w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} .+\) and tells the candidate and the panel\.$/
		);
		await screenshot(page, 'applicants-override-1440');
		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'applicants-override-390');
		await approve.getByLabel('Reason').fill('Admitted on last cycle’s interview; the panel agreed.');
		await approve.getByRole('button', { name: 'Approve anyway' }).click();
		await approve.waitFor({ state: 'detached' });
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		expect((await app.api('GET', '/api/v1/applications?q=Oliver', admin)).body.data[0].status).toBe('approved');
		expect((await app.api('GET', `/api/v1/interviews/${oliverId}`, admin)).body.status).toBe('cancelled');
		// The row no longer offers the cancelled interview as the next one.
		const row = page.getByRole('row').filter({ hasText: 'Oliver Brown' });
		expect(await row.getByRole('cell').nth(4).textContent()).toBe('—');
		// Oliver's file keeps the decision, who made it and why.
		const oliver = (await app.api('GET', '/api/v1/applications?q=Oliver', admin)).body.data[0];
		await page.goto(`${app.url}/admin/candidates/${oliver.candidate.id}`);
		const pipeline = page.getByTestId('pipeline');
		await pipeline.getByText('Decisions and status moves (1)').click();
		expect(await pipeline.textContent()).toContain('Interview scheduled → Approved');
		expect(await pipeline.textContent()).toContain('Admitted on last cycle’s interview; the panel agreed.');
		await screenshot(page, 'candidate-file-decisions-390');
		await page.context().close();
	});

	it('refuses a candidate and an interviewer off the panel', async () => {
		const candidate = await personOn('jonas@student.test', `/me`);
		const res = await candidate.goto(`${app.url}/interviews/${jonas.id}`);
		expect(res?.status()).toBe(403);
		await candidate.context().close();
		const priya = await personOn(PRIYA!.email, '/my/interviews');
		const off = await priya.goto(`${app.url}/interviews/${oliverId}`);
		expect(off?.status()).toBe(403);
		expect(await priya.getByTestId('error-message').textContent()).toContain('panel');
		await priya.context().close();
	});
});
