/**
 * Notifications as people see them: the bell's count rises live and a toast says what arrived, the
 * inbox marks read; and every email, rendered at a phone's width, for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../src/lib/contract/notifications';
import { renderMail } from '../../src/lib/server/mail/render';
import { queueDueNotifications } from '../../src/lib/server/notifications/due';
import type { Payload, RecipientFacts } from '../../src/lib/server/notifications/payload';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const INES = DEMO_ACCOUNTS.interviewers[0].email;
const ADMIN = DEMO_ACCOUNTS.admin.email;
const JONAS = DEMO_ACCOUNTS.candidates[8].email;

describe('the bell and the inbox', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('counts a new notification live, toasts it, and marks everything read', async () => {
		const page = await (await newPerson(browser, { timezoneId: 'America/New_York' })).newPage();
		page.on('pageerror', (e) => console.error('[ines] page error:', e.message));
		await signIn(page, app.url, INES);
		await page.waitForURL('**/my/interviews');
		const bell = page.getByTestId('bell');
		await bell.waitFor();
		const unread = async () => Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
		const before = await unread();
		// Wait until the page listens, and has read what was there already.
		await page.locator('[data-testid="bell"][data-live="true"]').waitFor();
		await page.waitForTimeout(300);

		// Jonas' interview (Ines is on its panel) comes within a day: the job queues its reminder.
		const [jonas] = await app.runtime.db.sql<{ id: string; start_at: Date }[]>`
			select i.id, i.start_at from interviews i join users u on u.id = i.candidate_id where u.email = ${JONAS}`;
		await queueDueNotifications(
			{ sql: app.runtime.db.sql, bus: app.runtime.bus },
			new Date(jonas!.start_at.getTime() - 23 * 3600_000)
		);

		// (Requests for overdue scorecards of the demo's past interviews fall due at that moment too.)
		const [count] = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from notifications n join users u on u.id = n.user_id
			where u.email = ${INES} and n.read_at is null`;
		const expected = count!.n;
		expect(expected).toBeGreaterThan(before);

		// Without a reload: the count rises and a toast names it, in a polite live region.
		await page.waitForFunction(
			(n) =>
				/(\d+) unread/.exec(document.querySelector('[data-testid="bell"]')?.getAttribute('aria-label') ?? '')?.[1] ===
				String(n),
			expected,
			{ timeout: 10_000 }
		);
		expect(await page.getByTestId('bell-count').textContent()).toBe(String(expected));
		await page.getByTestId('toast').filter({ hasText: 'Reminder: interview with Jonas Berg tomorrow at' }).waitFor();
		expect(await page.getByTestId('toasts').getAttribute('aria-live')).toBe('polite');
		await screenshot(page, 'inbox-toast');

		// The bell opens with the keyboard, lists it, and marks all read.
		await bell.focus();
		await page.keyboard.press('Enter');
		const panel = page.getByRole('region', { name: 'Latest notifications' });
		await panel.getByText('Reminder: interview with Jonas Berg').waitFor();
		await screenshot(page, 'inbox-bell-open');
		await panel.getByRole('button', { name: 'Mark all as read' }).click();
		await page.waitForFunction(() => !document.querySelector('[data-testid="bell-count"]'));
		expect(await bell.getAttribute('aria-label')).toBe('Notifications, none unread');
		await page.keyboard.press('Escape');
		expect(await panel.count()).toBe(0);

		// The inbox page lists it, read.
		await page.goto(`${app.url}/notifications`);
		await page.getByTestId('inbox-list').getByText('Reminder: interview with Jonas Berg').waitFor();
		expect(await page.getByTestId('unread-summary').textContent()).toContain('All read.');
		await page.context().close();
	});
});

describe('the outbox and the settings, as admins and interviewers see them', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		// The demo's bookings queued their invitations; send them (to the log: no SMTP_URL).
		await app.runtime.outbox.drain();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('lists every message with its state and previews one as its recipient sees it', async () => {
		const page = await (await newPerson(browser)).newPage();
		await signIn(page, app.url, ADMIN);
		await page.waitForURL('**/admin/calendar');
		await page.getByRole('link', { name: 'Outbox' }).click();
		await page.waitForURL('**/admin/outbox');
		await page.getByTestId('log-transport').waitFor();
		const table = page.getByTestId('outbox-table');
		await table.getByText('Interview with Oliver Brown').first().waitFor();
		await screenshot(page, 'outbox-list');
		await table
			.getByRole('link', { name: /^Your interview with Northfield University Admissions/ })
			.first()
			.click();
		await page.waitForURL(/\/admin\/outbox\/[0-9a-f-]{36}$/);
		expect(await page.getByTestId('message-status').textContent()).toBe('Sent');
		const frame = page.frameLocator('[data-testid="html-preview"]');
		await frame.getByRole('heading', { name: 'Your interview is booked' }).waitFor();
		expect(await page.getByTestId('text-preview').textContent()).toContain('What to do next');
		await page.getByRole('button', { name: 'Phone' }).click();
		await screenshot(page, 'outbox-message');
		await page.context().close();
	});

	it('lets an interviewer choose the emails and create a calendar address on the settings page', async () => {
		const page = await (await newPerson(browser, { phone: true })).newPage();
		await signIn(page, app.url, INES);
		await page.waitForURL('**/my/interviews');
		await page.goto(`${app.url}/settings#notifications`);
		const form = page.getByTestId('notification-settings');
		await form.getByLabel('Reminder a day before an interview').uncheck();
		await form.getByRole('button', { name: 'Save email choices' }).click();
		await form.getByText('Saved.').waitFor();
		const [prefs] = await app.runtime.db.sql<{ email_off: string[] }[]>`
			select p.email_off from notification_preferences p join users u on u.id = p.user_id where u.email = ${INES}`;
		expect(prefs!.email_off).toEqual(['reminder_24h']);
		await page.getByRole('button', { name: 'Create my calendar address' }).click();
		const url = await page.getByTestId('feed-url').inputValue();
		expect(url).toMatch(/\/api\/v1\/feeds\/[a-z2-7]{32}\.ics$/);
		expect((await fetch(url.replace(/^https?:\/\/[^/]+/, app.url))).status).toBe(200);
		await screenshot(page, 'settings-notifications-phone');
		await page.context().close();
	});
});

describe('every email at a phone’s width', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	const interview = {
		id: '5f0c2b7e-9a41-4c3e-8d2a-6b1f0e9c7a52',
		start: '2026-12-08T15:00:00.000Z',
		end: '2026-12-08T15:45:00.000Z',
		duration_min: 45,
		timezone: 'America/New_York',
		org_timezone: 'America/New_York',
		type: 'video',
		mode: 'online',
		location: '',
		round: 2,
		status: 'scheduled',
		sequence: 1,
		updated_at: '2026-11-26T10:00:00.000Z',
		org_name: 'Northfield University Admissions',
		candidate: { id: 'c', name: 'Sam Carter' },
		panel: [
			{ id: 'i', name: 'Ines Okafor' },
			{ id: 'm', name: 'Marco Bianchi' }
		]
	};
	const candidate: RecipientFacts = {
		id: 'c',
		name: 'Sam Carter',
		email: 'sam@student.test',
		role: 'candidate',
		timezone: 'Europe/Berlin'
	};
	const ines: RecipientFacts = {
		id: 'i',
		name: 'Ines Okafor',
		email: 'ines@northfield.test',
		role: 'interviewer',
		timezone: 'America/New_York'
	};
	const PANEL_ONLY: NotificationKind[] = ['panel_added', 'panel_removed', 'feedback_request'];

	function sample(kind: NotificationKind): Payload {
		if (kind === 'delivery_failed') {
			return {
				kind,
				recipient: { ...ines, role: 'admin', name: 'Avery Admin' },
				org_name: 'Northfield University Admissions',
				failed: {
					outbox_id: '9b2f6c1e-2d4a-4f7e-8c3b-5a6d7e8f9a0b',
					kind: 'interview_scheduled',
					to_name: 'Sam Carter',
					to_address: 'sam@student.test',
					error: '550 5.1.1 The email account that you tried to reach does not exist'
				}
			};
		}
		if (kind === 'change_request') {
			return {
				kind,
				recipient: { ...ines, role: 'admin', name: 'Avery Admin' },
				org_name: 'Northfield University Admissions',
				change: {
					kind: 'reschedule',
					new_start: '2026-12-09T15:00:00.000Z',
					candidate: 'Sam Carter',
					start: '2026-12-07T15:00:00.000Z'
				}
			};
		}
		if (kind === 'scheduling_request') {
			return {
				kind,
				recipient: { ...candidate, role: 'candidate', timezone: 'America/New_York' },
				org_name: 'Northfield University Admissions',
				expires_at: '2026-12-10T05:00:00.000Z',
				secret_url: 'https://parley.example.edu/s/k3yq7yq2mz7n4vwg5s6a2b3c4d5e6f7g',
				request: { duration_min: 45, window_start: '2026-12-01T05:00:00.000Z', window_end: '2026-12-12T05:00:00.000Z' }
			};
		}
		if (kind === 'invitation' || kind === 'personal_link') {
			return {
				kind,
				recipient: {
					...candidate,
					role: kind === 'invitation' ? 'invitee' : 'candidate',
					timezone: 'America/New_York'
				},
				org_name: 'Northfield University Admissions',
				invited_role: 'interviewer',
				expires_at: '2026-12-03T10:00:00.000Z',
				secret_url: `https://parley.example.edu/${kind === 'invitation' ? 'invite' : 'l'}/k3yq7yq2mz7n4vwg5s6a2b3c4d5e6f7g`
			};
		}
		return {
			kind,
			recipient: PANEL_ONLY.includes(kind) ? ines : candidate,
			interview: kind === 'feedback_request' ? { ...interview, status: 'completed' } : interview,
			...(kind === 'interview_rescheduled'
				? { previous: { start: '2026-12-07T15:00:00.000Z', end: '2026-12-07T15:45:00.000Z' } }
				: {}),
			...(kind === 'feedback_request' ? { n: 2, last: false } : {})
		};
	}

	it.each(NOTIFICATION_KINDS)('renders %s to fit a 390 px phone screen', async (kind) => {
		const mail = renderMail(sample(kind), {
			origin: 'https://parley.example.edu',
			organizerEmail: 'no-reply@parley.local'
		});
		const context = await newPerson(browser, { phone: true });
		const page = await context.newPage();
		await page.setContent(mail.html, { waitUntil: 'load' });
		// Nothing sticks out sideways, and the heading and the button are there to tap.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		expect(await page.locator('h1').textContent()).toBeTruthy();
		await screenshot(page, `email-${kind.replace(/_/g, '-')}`);
		await context.close();
	});
});
