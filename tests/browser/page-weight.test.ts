import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser } from '../helpers/browser';
import { loadPageJs } from '../helpers/page-js';

/** Pages pay only for what they use (issue 15): which heavy libraries each page's JavaScript holds. */
describe('the JavaScript each page loads', () => {
	let app: TestApp;
	let browser: Browser;

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('loads neither Yjs, the calendar nor TipTap on the login page and the candidate’s pages', async () => {
		// A candidate with an upcoming interview, for the page that asks to change it.
		const [iv] = await app.runtime.db.sql<{ id: string; email: string }[]>`
			select i.id, u.email from interviews i join users u on u.id = i.candidate_id
			where i.org_id = ${app.orgId} and i.status = 'scheduled' and i.start_at > now() order by i.start_at limit 1`;
		const pages: [string, string | null][] = [
			['/login', null],
			['/me', iv!.email],
			[`/me/interviews/${iv!.id}/change`, iv!.email]
		];
		for (const [path, email] of pages) {
			const load = await loadPageJs(browser, app, path, email);
			expect({ path, libraries: load.libraries }).toEqual({ path, libraries: [] });
		}
	});

	it('keeps the candidate’s home under 35 kB and the login page under 50 kB (gzip, before the page starts)', async () => {
		const [iv] = await app.runtime.db.sql<{ email: string }[]>`
			select u.email from interviews i join users u on u.id = i.candidate_id
			where i.org_id = ${app.orgId} and i.status = 'scheduled' and i.start_at > now() order by i.start_at limit 1`;
		// Issue 15's budgets (decision 82): the candidate's home is drawn by the server and loads its
		// one small script, not the framework; the login page is the framework and its form.
		const home = await loadPageJs(browser, app, '/me', iv!.email);
		expect(home.hydrated).toBe(false);
		expect([...home.firstFiles.keys()].map((url) => new URL(url).pathname)).toEqual(['/me/home.js']);
		expect(home.firstBytes).toBeGreaterThan(0);
		expect(home.firstBytes).toBeLessThan(35_000);
		const login = await loadPageJs(browser, app, '/login', null);
		expect(login.hydrated).toBe(true);
		expect(login.firstBytes).toBeLessThan(50_000);
	});

	it('loads the notes editor’s Yjs and TipTap on the interview page only after the page, and the calendar without Yjs first', async () => {
		const interviewer = DEMO_ACCOUNTS.interviewers[0]!.email;
		const [iv] = await app.runtime.db.sql<{ id: string }[]>`
			select p.interview_id as id from interview_panel p join users u on u.id = p.user_id
			where u.email = ${interviewer} limit 1`;
		const interview = await loadPageJs(browser, app, `/interviews/${iv!.id}`, interviewer);
		expect(interview.firstLibraries).toEqual([]);
		expect(interview.libraries).toEqual(['yjs', 'tiptap']);
		// A panel member who has not scored yet: the form is preloaded; the scorecard list and the
		// admin's emails, which this page does not draw, are not preloaded.
		expect(interview.firstText).toContain('data-testid="scorecard-form"');
		for (const part of ['data-testid="scorecard-summary"', 'data-testid="deliveries"'])
			expect({ part, first: interview.firstText.includes(part) }).toEqual({ part, first: false });

		const calendar = await loadPageJs(browser, app, '/admin/calendar', DEMO_ACCOUNTS.admin.email);
		// The widget draws the first view; the document's code comes after it.
		expect(calendar.firstLibraries).toEqual(['calendar']);
		expect(calendar.libraries).toEqual(['yjs', 'calendar']);
		// Issue 15's budget. Through the domain's index the page once reached every scheduling rule,
		// and the bundler preloaded them all with the labels it needed (decision 88).
		expect(calendar.firstBytes).toBeLessThan(100_000);
	});
});
