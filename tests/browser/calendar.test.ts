import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed';
import { hashPassword } from '../../src/lib/server/auth';
import { addDaysToYmd, zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const ZONE = 'Europe/London';
const SECOND_ADMIN = { email: 'blake@northfield.test', name: 'Blake Byrne' };
const SYNC_MS = 15_000;

/** A date `days` from today in the test browsers' zone. */
function day(days: number): string {
	return addDaysToYmd(zonedDate(new Date(), ZONE), days);
}

interface Person {
	context: BrowserContext;
	page: Page;
}

async function signInTo(browser: Browser, app: TestApp, email: string, path: string, phone = false): Promise<Person> {
	const context = await newPerson(browser, { phone, timezoneId: ZONE });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error(`[${email}] page error:`, e.message));
	await signIn(page, app.url, email);
	await page.waitForURL(/\/(admin|my|me)/);
	if (path) await page.goto(app.url + path);
	if (path.startsWith('/admin/calendar')) {
		// The demo admin's profile zone is New York; these people sit in London and switch to it.
		await page.getByTestId('tz-select').selectOption(ZONE);
		await page.getByTestId('zone-name').getByText('Europe/London').waitFor();
	}
	return { context, page };
}

function syncStatus(page: Page) {
	return page.getByTestId('sync-status');
}

async function waitForPhase(page: Page, phase: string) {
	await page.locator(`[data-testid="sync-status"][data-phase="${phase}"]`).waitFor({ timeout: SYNC_MS });
}

/** Fills the scheduling form that is open and submits it. */
async function fillSchedule(
	page: Page,
	f: { candidate: string; date: string; time: string; interviewer: string; inPerson?: boolean }
) {
	const form = page.getByTestId('schedule-form');
	await form.waitFor();
	await form.getByTestId('application-search').fill(f.candidate.split(' ')[0]!);
	await form.getByRole('radio', { name: new RegExp(f.candidate) }).check();
	await form.getByLabel('Date', { exact: true }).fill(f.date);
	await form.getByLabel(/^Start/).fill(f.time);
	await form.getByRole('checkbox', { name: new RegExp(f.interviewer) }).check();
	if (f.inPerson) {
		await form.getByRole('combobox', { name: /^Mode/ }).selectOption('offline');
		await form.getByLabel('Location', { exact: true }).fill('Hall B, room 204');
	}
	const accept = form.getByLabel(/Book anyway/);
	if (await accept.isVisible()) await accept.check();
	await form.getByTestId('schedule-submit').click();
	await page.getByTestId('detail-panel').waitFor();
}

/** Shows every interview in the list and returns the row of a candidate. */
async function listRow(page: Page, candidate: string) {
	await page.getByRole('button', { name: 'List', exact: true }).click();
	await page.getByRole('button', { name: 'All', exact: true }).click();
	return page.getByTestId('interview-list').locator('tr', { hasText: candidate });
}

/** Opens an interview's detail panel from the list. */
async function openFromList(page: Page, candidate: string) {
	const row = await listRow(page, candidate);
	await row.getByRole('button').first().click();
	await page.getByTestId('detail-panel').getByRole('heading', { name: candidate }).waitFor();
}

/** Moves an interview through the edit form (works offline too). */
async function reschedule(page: Page, candidate: string, date: string, time: string, reason: string) {
	await openFromList(page, candidate);
	await page.getByRole('button', { name: 'Edit / reschedule' }).click();
	const form = page.getByTestId('schedule-form');
	await form.getByLabel('Date', { exact: true }).fill(date);
	await form.getByLabel(/^Start/).fill(time);
	await form.getByLabel(/Reason for the change/).fill(reason);
	const accept = form.getByLabel(/Book anyway/);
	if (await accept.isVisible()) await accept.check();
	await form.getByTestId('schedule-submit').click();
	await expect.poll(() => page.getByTestId('detail-when').textContent()).toContain(time);
}

async function whenOf(page: Page, candidate: string): Promise<string> {
	const row = await listRow(page, candidate);
	return (await row.first().textContent()) ?? '';
}

describe('the live calendar, as two admins, an interviewer and a candidate use it', () => {
	let app: TestApp;
	let browser: Browser;
	let a: Person;
	let b: Person;
	const D = day(3);

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		const sql = app.runtime.db.sql;
		const hash = await hashPassword(DEMO_PASSWORD);
		const [user] = await sql<{ id: string }[]>`insert into users (email, name, password_hash, timezone)
			values (${SECOND_ADMIN.email}, ${SECOND_ADMIN.name}, ${hash}, ${ZONE}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${user!.id}, ${app.orgId}, 'admin')`;
		a = await signInTo(browser, app, DEMO_ACCOUNTS.admin.email, `/admin/calendar?view=timeGridDay&date=${D}`);
		b = await signInTo(browser, app, SECOND_ADMIN.email, `/admin/calendar?view=timeGridDay&date=${D}`);
		await Promise.all([waitForPhase(a.page, 'saved'), waitForPhase(b.page, 'saved')]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('shows the other admin as present, names the time zone and keeps the sync indicator visible', async () => {
		await a.page.getByTestId('presence').getByText('BB').waitFor({ timeout: SYNC_MS });
		await b.page.getByTestId('presence').getByText('AA').waitFor({ timeout: SYNC_MS });
		expect(await a.page.getByTestId('zone-name').textContent()).toContain('Europe/London');
		expect(await syncStatus(a.page).textContent()).toContain('Online · all changes saved');
	});

	it('A schedules an interview, B sees it at once; B drags it an hour later, A sees that; the history names both', async () => {
		await a.page.getByRole('button', { name: '+ Schedule interview' }).click();
		await fillSchedule(a.page, { candidate: 'Sam Carter', date: D, time: '10:00', interviewer: 'Ines Okafor' });
		// The editor's own calendar shows it without a round trip.
		await a.page.locator('[data-testid="event"]', { hasText: 'Sam Carter' }).waitFor();
		const onB = b.page.locator('[data-testid="event"]', { hasText: 'Sam Carter' });
		await onB.waitFor({ timeout: 5_000 });
		expect(await onB.textContent()).toContain('10:00');
		await screenshot(a.page, 'calendar-scheduled-desktop');

		// B drags the event one hour down (two 30-minute slots of 30 px).
		const box = (await onB.boundingBox())!;
		await b.page.mouse.move(box.x + box.width / 2, box.y + 8);
		await b.page.mouse.down();
		for (let i = 1; i <= 6; i++) await b.page.mouse.move(box.x + box.width / 2, box.y + 8 + i * 10);
		await b.page.mouse.up();
		await expect.poll(() => onB.textContent()).toContain('11:00');

		await expect.poll(() => a.page.getByTestId('detail-when').textContent(), { timeout: 5_000 }).toContain('11:00');
		const history = a.page.getByTestId('history');
		await expect.poll(() => history.textContent(), { timeout: 20_000 }).toContain(`by ${SECOND_ADMIN.name}`);
		expect(await history.textContent()).toContain(`Scheduled by ${DEMO_ACCOUNTS.admin.name}`);
		await screenshot(a.page, 'calendar-detail-history-desktop');
		await a.page.getByRole('button', { name: 'Close the details' }).click();
	});

	it('keeps working offline: A reschedules two interviews, reloads offline, B edits another, and both converge', async () => {
		// The page must be kept by the service worker before the network goes.
		await a.page.locator('[data-offline-ready="true"]').waitFor({ timeout: SYNC_MS });
		await a.context.setOffline(true);
		await waitForPhase(a.page, 'offline');

		const later = day(5);
		await reschedule(a.page, 'Oliver Brown', later, '11:00', 'Candidate asked for a later day');
		await reschedule(a.page, 'Mei Chen', later, '14:00', 'Panel member travelling');
		await expect.poll(() => syncStatus(a.page).textContent()).toMatch(/Offline · 2 changes pending/);

		await a.page.reload();
		await waitForPhase(a.page, 'offline');
		expect(await syncStatus(a.page).textContent()).toMatch(/2 changes pending/);
		expect(await whenOf(a.page, 'Oliver Brown')).toContain('11:00');
		expect(await whenOf(a.page, 'Mei Chen')).toContain('14:00');
		await screenshot(a.page, 'calendar-offline-list-desktop');

		// Meanwhile B moves another interview.
		await reschedule(b.page, 'Jonas Berg', day(6), '09:00', 'Room booked');

		await a.context.setOffline(false);
		await waitForPhase(a.page, 'saved');
		await expect.poll(() => whenOf(a.page, 'Jonas Berg'), { timeout: 5_000 }).toContain('09:00');
		await expect.poll(() => whenOf(b.page, 'Oliver Brown'), { timeout: 5_000 }).toContain('11:00');
		await expect.poll(() => whenOf(b.page, 'Mei Chen'), { timeout: 5_000 }).toContain('14:00');
		expect(await whenOf(a.page, 'Sam Carter')).toContain('11:00');
	});

	it('flags a double booking made apart (A offline, B online) on both screens after reconnecting', async () => {
		const when = day(7);
		await a.context.setOffline(true);
		await waitForPhase(a.page, 'offline');
		await a.page.getByRole('button', { name: '+ Schedule interview' }).click();
		await fillSchedule(a.page, { candidate: 'Lena Fischer', date: when, time: '10:00', interviewer: 'Marco Bianchi' });
		await b.page.getByRole('button', { name: '+ Schedule interview' }).click();
		await fillSchedule(b.page, {
			candidate: 'Tomás Herrera',
			date: when,
			time: '10:00',
			interviewer: 'Marco Bianchi',
			inPerson: true
		});
		expect(await b.page.getByTestId('count-conflicts').count()).toBe(0);

		await a.context.setOffline(false);
		await waitForPhase(a.page, 'saved');
		for (const page of [a.page, b.page]) {
			await expect.poll(() => page.getByTestId('count-conflicts').textContent(), { timeout: 5_000 }).toBe('2');
			await page.getByTestId('detail-conflicts').waitFor();
		}
		expect(await a.page.getByTestId('detail-conflicts').textContent()).toContain('Marco Bianchi');

		await a.page.getByRole('button', { name: 'Calendar', exact: true }).click();
		await a.page.goto(`${app.url}/admin/calendar?view=resourceTimeGridDay&date=${when}`);
		await a.page.getByTestId('conflict-flag').first().waitFor();
		expect(await a.page.getByTestId('conflict-flag').count()).toBe(2);
		await screenshot(a.page, 'calendar-conflict-by-interviewer-desktop');
	});

	it('keeps edits made while the session expired, and syncs them after signing in again (resolving the conflict)', async () => {
		await a.context.setOffline(true);
		await waitForPhase(a.page, 'offline');
		await reschedule(a.page, 'Lena Fischer', day(8), '15:00', 'Resolve the double booking');
		await app.runtime.db
			.sql`delete from sessions where user_id = (select id from users where email = ${DEMO_ACCOUNTS.admin.email})`;

		await a.context.setOffline(false);
		await waitForPhase(a.page, 'signed_out');
		expect(await syncStatus(a.page).textContent()).toMatch(/Signed out · 1 change kept on this device/);
		await screenshot(a.page, 'calendar-signed-out-desktop');
		// B has not seen the move.
		expect(await whenOf(b.page, 'Lena Fischer')).toContain('10:00');

		await a.page.getByRole('button', { name: 'Sign in again' }).click();
		const dialog = a.page.getByRole('dialog', { name: 'Sign in again' });
		await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
		await dialog.getByRole('button', { name: 'Sign in' }).click();
		await waitForPhase(a.page, 'saved');
		await expect.poll(() => whenOf(b.page, 'Lena Fischer'), { timeout: 5_000 }).toContain('15:00');
		await expect.poll(() => b.page.getByTestId('count-conflicts').count(), { timeout: 5_000 }).toBe(0);
	});

	it('fits a phone: day view, sync state and the scheduling form', async () => {
		const phone = await signInTo(
			browser,
			app,
			DEMO_ACCOUNTS.admin.email,
			`/admin/calendar?view=timeGridDay&date=${D}`,
			true
		);
		await waitForPhase(phone.page, 'saved');
		await phone.page.locator('[data-testid="event"]', { hasText: 'Sam Carter' }).waitFor();
		await screenshot(phone.page, 'calendar-day-phone');
		await phone.page.getByRole('button', { name: '+ Schedule interview' }).click();
		await phone.page.getByTestId('schedule-form').waitFor();
		await screenshot(phone.page, 'calendar-form-phone');
		await phone.context.close();
	});

	it('shows an interviewer the calendar read-only: no drag, no form, no actions', async () => {
		const marco = await signInTo(browser, app, DEMO_ACCOUNTS.interviewers[1].email, '/my/interviews');
		await marco.page.getByRole('heading', { name: 'My interviews' }).waitFor();
		await marco.page.getByTestId('read-only').waitFor({ timeout: SYNC_MS });
		await waitForPhase(marco.page, 'saved');
		expect(await marco.page.getByRole('button', { name: '+ Schedule interview' }).count()).toBe(0);
		const row = await listRow(marco.page, 'Lena Fischer');
		await row.getByRole('button').first().click();
		await marco.page.getByTestId('detail-panel').waitFor();
		expect(await marco.page.getByRole('button', { name: 'Edit / reschedule' }).count()).toBe(0);
		expect(await marco.page.getByRole('button', { name: /Cancel interview/ }).count()).toBe(0);
		await screenshot(marco.page, 'my-interviews-interviewer-desktop');
		const res = await marco.page.goto(`${app.url}/admin/calendar`);
		expect(res?.status()).toBe(403);
		await marco.context.close();
	});

	it('moves applications through the pipeline on the applicants page and schedules from there', async () => {
		const page = a.page;
		await page.goto(`${app.url}/admin/applicants`);
		const table = page.getByTestId('applicants');
		const noah = table.locator('tr', { hasText: 'Noah Williams' });
		await noah.getByRole('button', { name: 'Select Noah Williams' }).click();
		await expect.poll(() => noah.locator('.badge').textContent()).toBe('Selected');

		const aiko = table.locator('tr', { hasText: 'Aiko Tanaka' });
		expect(await aiko.getByRole('link', { name: 'Schedule…' }).count()).toBe(0);
		await aiko.getByRole('switch', { name: 'Interview for Aiko Tanaka', exact: true }).click();
		await expect
			.poll(() =>
				aiko.getByRole('switch', { name: 'Interview for Aiko Tanaka', exact: true }).getAttribute('aria-checked')
			)
			.toBe('true');
		await screenshot(page, 'applicants-desktop');
		await aiko.getByRole('link', { name: 'Schedule…' }).click();
		await page.waitForURL('**/admin/calendar?schedule=*');
		const form = page.getByTestId('schedule-form');
		await form.waitFor();
		expect(await form.getByRole('radio', { name: /Aiko Tanaka/ }).isChecked()).toBe(true);
		// Offline-capable validation, the server's words: Aiko may only be interviewed in person.
		await form.getByRole('checkbox', { name: /Priya Raman/ }).check();
		await form.getByTestId('schedule-submit').click();
		expect(await form.getByTestId('form-problems').textContent()).toMatch(/online/i);
		await form.getByRole('button', { name: 'Cancel', exact: true }).click();
	});

	it('keeps a candidate out of every calendar', async () => {
		const sam = await signInTo(browser, app, DEMO_ACCOUNTS.candidates[0].email, '');
		for (const path of ['/admin/calendar', '/my/interviews']) {
			const res = await sam.page.goto(app.url + path);
			expect(res?.status()).toBe(403);
		}
		const token = await sam.page.evaluate(async () => (await fetch('/api/v1/collab/token')).status);
		expect(token).toBe(403);
		await sam.context.close();
	});
});
