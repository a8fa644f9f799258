/**
 * A change the server refuses for its size (decision 87), as a person meets it: a paste into the notes
 * larger than one message may be, and a reschedule that a full calendar document cannot take. Each
 * says so in words, keeps the change on the device meanwhile, and offers the way out: discard the
 * unsaved changes and go on from what the server has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { addDaysToYmd, zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';
import { bookDirect, futureStart, minutesUntil } from '../helpers/calendar';

const [INES] = DEMO_ACCOUNTS.interviewers;
const [SAM] = DEMO_ACCOUNTS.candidates;
const MAX_MESSAGE = 64 * 1024;
const MAX_DOCUMENT = 1024 * 1024;
const ZONE = 'America/New_York';

describe('a change too large for the server', () => {
	let app: TestApp;
	let browser: Browser;
	let interviewId: string;
	let start: string;

	beforeAll(async () => {
		[app, browser] = await Promise.all([
			startTestApp('embedded', {
				COLLAB_MAX_MESSAGE_BYTES: String(MAX_MESSAGE),
				COLLAB_MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT)
			}),
			launchBrowser()
		]);
		start = futureStart(3, 18);
		const [id] = await bookDirect(app, [
			{ candidate: SAM!.email, panel: [INES!.email], startInMin: minutesUntil(start), mode: 'online' }
		]);
		interviewId = id!;
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	async function signedIn(email: string, path: string): Promise<Page> {
		const context = await newPerson(browser, { timezoneId: ZONE });
		const page = await context.newPage();
		page.on('pageerror', (e) => console.error(`[${email}] page error:`, e.message));
		await signIn(page, app.url, email);
		await page.waitForURL(/\/(admin|my)/);
		await page.goto(app.url + path);
		return page;
	}

	it('tells the interviewer a paste is too large to save, and goes on from the saved notes once it is discarded', async () => {
		const page = await signedIn(INES!.email, `/interviews/${interviewId}`);
		const status = page.getByTestId('notes-status');
		await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('synced');
		await page.getByTestId('notes-editor').click();
		await page.keyboard.type('Strong answers on statistics. ');
		await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('synced');

		// A pasted document well over the server's largest message.
		await page.keyboard.insertText('Transcript line. '.repeat(Math.ceil((MAX_MESSAGE * 1.5) / 17)));
		await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('too-large');
		const alert = page.getByTestId('notes-too-large');
		expect(await alert.textContent()).toContain('too large for the server to save');
		await screenshot(page, 'too-large-notes');

		// An undo would keep the paste for a redo: what is unsaved goes as a whole, on request.
		await alert.getByRole('button', { name: 'Discard unsaved changes' }).click();
		await page.waitForLoadState('load');
		await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('synced');
		expect(await alert.count()).toBe(0);
		expect(await page.getByTestId('notes-editor').textContent()).toContain('Strong answers on statistics.');
		expect(await page.getByTestId('notes-editor').textContent()).not.toContain('Transcript line.');
	}, 90_000);

	it('tells the admin a reschedule cannot be saved in a full calendar, and discards it on request', async () => {
		// Fill the calendar document up to a few bytes under its bound, as years of use might.
		const collab = app.runtime.collab;
		const name = await collab.calendarDoc(app.orgId);
		const connection = await collab.hocuspocus.openDirectConnection(name, collab.systemContext(app.orgId, null));
		const size = () => Y.encodeStateAsUpdate(connection.document!).byteLength;
		let filler = MAX_DOCUMENT - size() - 100;
		for (let i = 0; i < 3; i++) {
			await connection.transact((doc) => doc.getMap<string>('history').set('filler', 'x'.repeat(filler)));
			filler += MAX_DOCUMENT - 30 - size();
		}
		expect(MAX_DOCUMENT - size()).toBeLessThan(60);
		await connection.disconnect();

		const storedStart = async () => {
			const [row] = await app.runtime.db.sql<
				{ start_at: Date }[]
			>`select start_at from interviews where id = ${interviewId}`;
			return row!.start_at.toISOString();
		};
		const stored = await storedStart();
		const day = zonedDate(new Date(start), ZONE);
		const page = await signedIn(
			DEMO_ACCOUNTS.admin.email,
			`/admin/calendar?interview=${interviewId}&view=timeGridWeek&date=${day}`
		);
		const sync = page.getByTestId('sync-status');
		await expect.poll(() => sync.getAttribute('data-phase'), { timeout: 15_000 }).toBe('saved');
		const panel = page.getByTestId('detail-panel');
		const before = await panel.getByTestId('detail-when').textContent();
		await panel.getByRole('button', { name: 'Edit / reschedule' }).click();
		const form = page.getByTestId('schedule-form');
		await form.getByLabel('Date', { exact: true }).fill(addDaysToYmd(day, 1));
		await form.getByLabel(/Reason for the change/).fill('Panel asked for the next day');
		await form.getByTestId('schedule-submit').click();

		await expect.poll(() => sync.getAttribute('data-phase'), { timeout: 15_000 }).toBe('too_large');
		expect(await sync.textContent()).toContain('a change is too large for the server');
		await screenshot(page, 'too-large-calendar');
		expect(await storedStart()).toBe(stored);

		page.once('dialog', (dialog) => void dialog.accept());
		await sync.getByRole('button', { name: 'Discard unsaved changes' }).click();
		await page.waitForLoadState('load');
		await expect.poll(() => sync.getAttribute('data-phase'), { timeout: 15_000 }).toBe('saved');
		await panel.waitFor();
		expect(await panel.getByTestId('detail-when').textContent()).toBe(before);
		await screenshot(page, 'too-large-calendar-discarded');
	}, 90_000);
});
