import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { audit, describeViolations } from '../helpers/axe';
import { horizontalOverflow, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { bookDirect } from '../helpers/calendar';
import { zonedDate } from '../../src/lib/domain/time';

const ADMIN = DEMO_ACCOUNTS.admin.email;
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers.map((i) => i.email) as [string, string, string];
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const LENA = DEMO_ACCOUNTS.candidates[1].email;
const TOMAS = DEMO_ACCOUNTS.candidates[2].email;
const WIDTHS = [1440, 390] as const;

/** One page to audit: who looks at it, where, and what to do first so that its interesting parts show. */
interface Visit {
	name: string;
	who: string | null;
	path: () => string;
	/** Waits for the content and opens what should be open (a form, a view). */
	ready?: (page: Page) => Promise<void>;
	/** A long page takes axe longer than the default minute. */
	timeoutMs?: number;
	/** Photograph the viewport only (the API reference is 100,000 px tall on a phone). */
	viewportShot?: boolean;
	/** The narrowest width axe runs at (narrower ones check reflow only). */
	axeFrom?: number;
}

describe('accessibility (axe-core, WCAG 2.2 AA) of every page at 1440 and 390 px', () => {
	let app: TestApp;
	let browser: Browser;
	/** An interview that took place, with notes and Ines's scorecard (panel Ines and Priya). */
	let pastId = '';
	/** Sam's upcoming interview, which he may ask to move. */
	let samId = '';
	/** The day of Sam's interview in the admin's zone: the calendar views open on it, so they hold interviews whatever today is. */
	let samDay = '';
	let emptyDay = '';
	/** A candidate's self-scheduling request: its id and the link the email carries. */
	let requestId = '';
	let requestLink = '';
	let inviteLink = '';
	let outboxId = '';
	let candidateId = '';
	let audits = 0;
	const found: string[] = [];

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		const admin = await app.login(ADMIN);
		// A double booking and a cancelled interview in the week on show, beside the demo's own.
		const booked = await bookDirect(app, [
			{
				candidate: TOMAS,
				panel: [INES, PRIYA],
				startInMin: -26 * 60,
				mode: 'offline',
				durationMin: 45,
				extra: { status: 'completed' }
			},
			{ candidate: SAM, panel: [MARCO], startInMin: 2 * 24 * 60, mode: 'online', durationMin: 45 },
			{
				candidate: LENA,
				panel: [MARCO],
				startInMin: 2 * 24 * 60 + 15,
				mode: 'online',
				durationMin: 45,
				round: 2
			}
		]);
		[pastId, samId] = [booked[0]!, booked[1]!];
		samDay = zonedDate(new Date(Date.now() + 2 * 24 * 3600_000), 'America/New_York');
		emptyDay = zonedDate(new Date(Date.now() + 3 * 365 * 24 * 3600_000), 'America/New_York');
		const members = (await app.api('GET', '/api/v1/members', admin)).body.data as { id: string; email: string }[];
		const apps = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { id: string; email: string };
		}[];
		const lenaApp = apps.find((a) => a.candidate.email === LENA)!;
		candidateId = lenaApp.candidate.id;
		const start = new Date(Date.now() + 3 * 86400_000);
		const sent = await app.api('POST', '/api/v1/scheduling-requests', admin, {
			application_id: lenaApp.id,
			panel: [members.find((m) => m.email === INES)!.id],
			duration_min: 30,
			type: 'video',
			mode: 'online',
			window_start: start.toISOString(),
			window_end: new Date(start.getTime() + 7 * 86400_000).toISOString()
		});
		expect(sent.status).toBe(201);
		requestId = sent.body.id;
		const [mail] = await app.runtime.db.sql<{ id: string; payload: { secret_url: string } }[]>`
			select id, payload from outbox where kind = 'scheduling_request' order by created_at desc limit 1`;
		requestLink = new URL(mail!.payload.secret_url).pathname;
		outboxId = mail!.id;
		const invited = await app.api('POST', '/api/v1/members', admin, {
			email: 'robin@northfield.test',
			name: 'Robin Reyes',
			role: 'interviewer'
		});
		expect(invited.status).toBe(201);
		inviteLink = new URL(invited.body.invitation_url).pathname;
	});
	afterAll(async () => {
		for (const c of contexts.values()) await c.close();
		await browser?.close();
		await app?.close();
		console.log(`accessibility: ${audits} audits run, ${found.length} violations`);
	});

	/** A person at a width, signed in (or not), ready to visit pages. */
	async function person(who: string | null, width: number): Promise<BrowserContext> {
		const context = await browser.newContext({
			viewport: { width, height: width > 500 ? 900 : 844 },
			deviceScaleFactor: 1,
			timezoneId: 'Europe/London',
			locale: 'en-GB'
		});
		if (who) {
			const page = await context.newPage();
			await signIn(page, app.url, who);
			await page.waitForURL(/\/(me|my\/interviews|admin\/calendar)$/);
			await page.waitForLoadState('load');
			await page.close();
		}
		return context;
	}

	/** Signed-in people, one browser context per person and width, reused across the pages. */
	const contexts = new Map<string, BrowserContext>();
	async function contextOf(who: string | null, width: number): Promise<BrowserContext> {
		const key = `${who ?? 'anonymous'}@${width}`;
		if (!contexts.has(key)) contexts.set(key, await person(who, width));
		return contexts.get(key)!;
	}

	/** Audits the page as it is now; records and returns what axe found. */
	async function check(page: Page, where: string): Promise<string> {
		const violations = await audit(page);
		audits++;
		const report = describeViolations(where, violations);
		if (violations.length) found.push(...violations.map((v) => `${where}: ${v.id}`));
		return report;
	}

	const calendarReady = async (page: Page) => {
		await page.locator('.ec-event').first().waitFor();
	};

	const visits: Visit[] = [
		{ name: 'login', who: null, path: () => '/login' },
		{ name: 'not-found', who: null, path: () => '/no-such-page' },
		{ name: 'invitation', who: null, path: () => inviteLink },
		{ name: 'personal-link-invalid', who: null, path: () => '/l/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
		{
			name: 'self-scheduling',
			who: null,
			path: () => requestLink,
			ready: (p) => p.getByRole('heading', { name: 'Choose your interview time' }).waitFor()
		},
		{
			name: 'admin-calendar-week',
			who: ADMIN,
			path: () => `/admin/calendar?view=timeGridWeek&date=${samDay}`,
			ready: calendarReady
		},
		{
			name: 'admin-calendar-month',
			who: ADMIN,
			path: () => `/admin/calendar?view=dayGridMonth&date=${samDay}`,
			ready: calendarReady
		},
		{
			name: 'admin-calendar-agenda',
			who: ADMIN,
			path: () => `/admin/calendar?view=listWeek&date=${samDay}`,
			ready: calendarReady
		},
		{
			name: 'admin-calendar-by-interviewer',
			who: ADMIN,
			path: () => `/admin/calendar?view=resourceTimeGridDay&date=${samDay}`,
			ready: (p) => p.locator('.ec-resource').first().waitFor()
		},
		{
			// Far ahead, a day with no interview: the widget's scroll box holds nothing focusable.
			name: 'admin-calendar-empty-day',
			who: ADMIN,
			path: () => `/admin/calendar?view=resourceTimeGridDay&date=${emptyDay}`,
			ready: (p) => p.locator('.ec-resource').first().waitFor()
		},
		{
			name: 'admin-calendar-schedule-form',
			who: ADMIN,
			path: () => `/admin/calendar?view=timeGridWeek&date=${samDay}`,
			ready: async (p) => {
				await calendarReady(p);
				await p.getByRole('button', { name: 'Schedule interview' }).click();
				await p.locator('aside.side form').first().waitFor();
			}
		},
		{
			name: 'admin-calendar-detail',
			who: ADMIN,
			path: () => `/admin/calendar?interview=${samId}&view=timeGridWeek&date=${samDay}`,
			ready: async (p) => {
				await calendarReady(p);
				await p.locator('aside.side').waitFor();
			}
		},
		{ name: 'admin-applicants', who: ADMIN, path: () => '/admin/applicants' },
		{ name: 'admin-candidates', who: ADMIN, path: () => '/admin/candidates' },
		{ name: 'admin-candidate', who: ADMIN, path: () => `/admin/candidates/${candidateId}` },
		{ name: 'admin-people', who: ADMIN, path: () => '/admin/people' },
		{ name: 'admin-requests', who: ADMIN, path: () => '/admin/requests' },
		{ name: 'admin-rules', who: ADMIN, path: () => '/admin/rules' },
		{ name: 'admin-outbox', who: ADMIN, path: () => '/admin/outbox' },
		{ name: 'admin-outbox-message', who: ADMIN, path: () => `/admin/outbox/${outboxId}` },
		{ name: 'admin-settings', who: ADMIN, path: () => '/settings' },
		{ name: 'admin-notifications', who: ADMIN, path: () => '/notifications' },
		{ name: 'admin-interview', who: ADMIN, path: () => `/interviews/${pastId}` },
		// axe takes 20 s on this page of thousands of elements, and its markup is the same at both
		// widths: the phone visit checks reflow only.
		{ name: 'api-docs', who: ADMIN, path: () => '/api/docs', timeoutMs: 240_000, viewportShot: true, axeFrom: 1440 },
		{ name: 'interviewer-my-interviews', who: INES, path: () => '/my/interviews' },
		{
			name: 'interviewer-interview-notes-scorecard',
			who: INES,
			path: () => `/interviews/${pastId}`,
			ready: async (p) => {
				await p.getByTestId('scorecard-form').waitFor();
				await p.locator('.ProseMirror').first().waitFor();
			}
		},
		{
			name: 'interviewer-scorecards-hidden',
			who: PRIYA,
			path: () => `/interviews/${pastId}`,
			ready: (p) => p.getByTestId('scorecard-form').waitFor()
		},
		{ name: 'interviewer-settings', who: INES, path: () => '/settings' },
		{ name: 'candidate-home', who: SAM, path: () => '/me' },
		{ name: 'candidate-ask-change', who: SAM, path: () => `/me/interviews/${samId}/change` },
		{
			name: 'candidate-request',
			who: LENA,
			path: () => `/me/requests/${requestId}`,
			ready: (p) => p.getByRole('heading', { name: 'Choose your interview time' }).waitFor()
		},
		{ name: 'candidate-settings', who: LENA, path: () => '/settings' }
	];

	it('lets Ines submit a scorecard on the past interview (so the pages show one)', async () => {
		const page = await (await contextOf(INES, WIDTHS[0])).newPage();
		await page.goto(`${app.url}/interviews/${pastId}`);
		await page.getByRole('radio', { name: '4' }).check();
		await page.getByLabel('Recommendation').selectOption('proceed');
		await page.getByLabel('Written feedback').fill('Clear reasoning; ask about statistics next round.');
		await page.getByRole('button', { name: 'Submit my scorecard' }).click();
		await page.getByText('Your scorecard is saved.').waitFor();
		await page.close();
	});

	for (const width of WIDTHS) {
		for (const v of visits) {
			it(`finds no violations on ${v.name} at ${width} px`, { timeout: v.timeoutMs ?? 60_000 }, async () => {
				const page = await (await contextOf(v.who, width)).newPage();
				page.on('pageerror', (e) => console.error(`[${v.name}] page error:`, e.message));
				await page.goto(app.url + v.path());
				await page.waitForLoadState('load');
				if (v.ready) await v.ready(page);
				const report = width >= (v.axeFrom ?? 0) ? await check(page, `${v.name} @${width}`) : '';
				// A phone reads every page without scrolling sideways (WCAG 1.4.10, reflow).
				const overflow = await horizontalOverflow(page);
				await screenshot(page, `a11y-${v.name}-${width}`, { fullPage: !v.viewportShot });
				await page.close();
				expect(report).toBe('');
				expect(overflow, v.name).toBe('');
			});
		}

		it(`finds no violations in the video room with two people in it at ${width} px`, { timeout: 120_000 }, async () => {
			const [id] = await bookDirect(app, [
				{ candidate: width === 1440 ? SAM : LENA, panel: [INES], startInMin: 5, mode: 'online', durationMin: 45 }
			]);
			const candidate = await (await person(width === 1440 ? SAM : LENA, width)).newPage();
			const interviewer = await (await person(INES, width)).newPage();
			for (const page of [interviewer, candidate]) {
				await page.goto(`${app.url}/interviews/${id}/room`);
				await page.getByRole('button', { name: 'Join the interview' }).click();
			}
			const reports: string[] = [];
			for (const [who, page] of [
				['candidate', candidate],
				['interviewer', interviewer]
			] as const) {
				await page.waitForFunction(
					() => (document.querySelector<HTMLVideoElement>('[data-testid="remote-tile"] video')?.videoWidth ?? 0) > 0,
					undefined,
					{ timeout: 20_000 }
				);
				const report = await check(page, `room-${who} @${width}`);
				if (report) reports.push(report);
				await screenshot(page, `a11y-room-${who}-${width}`);
			}
			await candidate.context().close();
			await interviewer.context().close();
			expect(reports.join('\n')).toBe('');
		});
	}
});
