/**
 * A calendar entry that a faulty or modified client wrote malformed shows on the admin's live
 * calendar as "needs repair", in the banner, on the grid, in the list and in the side panel, with a
 * clear message and a way to repair or cancel it; an interviewer sees it without the buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, getInterview, interviewsMap } from '../../src/lib/collab/calendar';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';
import { bookDirect, futureStart, minutesUntil } from '../helpers/calendar';

const LENA = DEMO_ACCOUNTS.candidates[1];
const TOMAS = DEMO_ACCOUNTS.candidates[2];
const INES = DEMO_ACCOUNTS.interviewers[0];
const SYNC_MS = 15_000;

describe('the live calendar shows a broken entry as "needs repair"', () => {
	let app: TestApp;
	let browser: Browser;
	let admin: Page;
	let lenaId: string;
	let tomasId: string;

	/** Writes into the calendar document as a modified admin client would, on the server's copy. */
	async function breakEntry(write: (m: Y.Map<unknown>) => void, id: string) {
		const { collab } = app.runtime;
		const connection = await collab.hocuspocus.openDirectConnection(
			calendarDocName(app.orgId),
			collab.systemContext(app.orgId, null)
		);
		await connection.transact((doc) => write(interviewsMap(doc as unknown as Y.Doc).get(id) as Y.Map<unknown>));
		await connection.disconnect();
	}

	/** The server's copy of one interview, as the helpers read it (null while it needs repair). */
	async function serverInterview(id: string) {
		const { collab } = app.runtime;
		const connection = await collab.hocuspocus.openDirectConnection(
			calendarDocName(app.orgId),
			collab.systemContext(app.orgId, null)
		);
		let found: ReturnType<typeof getInterview> = null;
		await connection.transact((doc) => (found = getInterview(doc as unknown as Y.Doc, id)));
		await connection.disconnect();
		return found as ReturnType<typeof getInterview>;
	}

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		// Upcoming (the list's default range), a week and a day ahead at a fixed hour: clear of the demo's
		// own interviews (its first three working days) whatever the hour the tests run.
		const at = minutesUntil(futureStart(8, 20));
		const booked = await bookDirect(app, [
			{ candidate: LENA.email, panel: [INES.email], startInMin: at, mode: 'online' },
			{ candidate: TOMAS.email, panel: [INES.email], startInMin: at + 60, mode: 'offline' }
		]);
		[lenaId, tomasId] = [booked[0]!, booked[1]!];
		const context = await newPerson(browser);
		admin = await context.newPage();
		admin.on('pageerror', (e) => console.error('[admin] page error:', e.message));
		await signIn(admin, app.url, DEMO_ACCOUNTS.admin.email);
		await admin.waitForURL(/\/admin/);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('names what cannot be read and repairs it from the side panel', async () => {
		await breakEntry((m) => m.set('durationMin', 'half an hour'), lenaId);
		await admin.goto(`${app.url}/admin/calendar`);
		const banner = admin.getByTestId('needs-repair-banner');
		await banner.waitFor({ timeout: SYNC_MS });
		expect(await banner.textContent()).toContain('1 calendar entry needs repair.');
		expect(await banner.textContent()).toContain(LENA.name);
		await banner.getByRole('button', { name: new RegExp(LENA.name) }).click();

		const panel = admin.getByTestId('repair-panel');
		await panel.waitFor();
		const message = (await panel.getByTestId('repair-message').textContent())?.replace(/\s+/g, ' ');
		expect(message).toContain('This calendar entry cannot be read.');
		expect(message).toContain('Its duration is missing or malformed');
		// Nothing to guess: the duration is empty, everything that still reads is filled in.
		expect(await panel.getByTestId('repair-duration').inputValue()).toBe('');
		await screenshot(admin, 'calendar-needs-repair-desktop');

		await panel.getByTestId('repair-duration').fill('45');
		await panel.getByTestId('repair-submit').click();
		await admin
			.getByTestId('toast-text')
			.getByText('Repaired: the interview reads again.')
			.waitFor({ timeout: SYNC_MS });
		// The entry reads again: its ordinary details replace the repair panel, the banner goes.
		await admin.getByTestId('detail-panel').waitFor({ timeout: SYNC_MS });
		await banner.waitFor({ state: 'detached', timeout: SYNC_MS });
		expect(await admin.getByTestId('detail-when').textContent()).toMatch(/–/);
		expect((await serverInterview(lenaId))?.durationMin).toBe(45);
		await screenshot(admin, 'calendar-repaired-desktop');
		await admin.getByRole('button', { name: 'Close the details' }).click();
	});

	it('lists a broken entry first in the list view, and cancels it with a reason', async () => {
		await breakEntry((m) => m.set('panel', 'everyone'), tomasId);
		await admin.getByRole('button', { name: 'List', exact: true }).click();
		const row = admin.getByTestId('list-damaged');
		await row.waitFor({ timeout: SYNC_MS });
		expect(await row.textContent()).toContain('Needs repair');
		expect(await row.textContent()).toContain(TOMAS.name);
		await screenshot(admin, 'calendar-needs-repair-list-desktop');

		await row.getByRole('button').first().click();
		const panel = admin.getByTestId('repair-panel');
		await panel.waitFor();
		expect((await panel.getByTestId('repair-message').textContent())?.replace(/\s+/g, ' ')).toContain(
			'Its panel is missing or malformed'
		);
		await panel.getByRole('button', { name: 'Cancel interview…' }).click();
		await admin.getByTestId('repair-cancel').click();
		// The judge's sentence, as the API and the detail panel say it.
		await admin.getByText('Give a reason for cancelling the interview.').waitFor();
		await admin.getByTestId('repair-cancel-reason').fill('The entry was broken by an old app');
		await admin.getByTestId('repair-cancel').click();
		await admin.getByTestId('toast-text').getByText('Interview cancelled.').waitFor({ timeout: SYNC_MS });
		await row.waitFor({ state: 'detached', timeout: SYNC_MS });
		await expect.poll(async () => (await serverInterview(tomasId))?.status, { timeout: SYNC_MS }).toBe('cancelled');
		expect((await serverInterview(tomasId))?.panel).toHaveLength(1);
	});
});
