import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, createInterview } from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const [SAM, LENA] = [DEMO_ACCOUNTS.candidates[0].email, DEMO_ACCOUNTS.candidates[1].email];
const INES = DEMO_ACCOUNTS.interviewers[0].email;
const OLIVER = DEMO_ACCOUNTS.candidates[6].email;

/** Books an interview straight into the calendar document (the API refuses starts under 2 h ahead). */
async function bookInRoomWindow(app: TestApp, candidateEmail: string, panelEmails: string[], startInMin: number) {
	const sql = app.runtime.db.sql;
	const [a] = await sql<{ id: string; cycle_id: string; candidate_id: string }[]>`
		select a.id, a.cycle_id, a.candidate_id from applications a join users u on u.id = a.candidate_id
		where u.email = ${candidateEmail}`;
	const panel = await sql<{ id: string }[]>`select id from users where email = any(${panelEmails}::text[])`;
	const [admin] = await sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
	const interview: Interview = {
		id: crypto.randomUUID(),
		applicationId: a!.id,
		candidateId: a!.candidate_id,
		cycleId: a!.cycle_id,
		start: new Date(Math.floor((Date.now() + startInMin * 60_000) / 60_000) * 60_000).toISOString(),
		durationMin: 45,
		timezone: 'America/New_York',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel: panel.map((p) => p.id),
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: admin!.id,
		updatedAt: new Date().toISOString()
	};
	const { collab } = app.runtime;
	const connection = await collab.hocuspocus.openDirectConnection(
		calendarDocName(app.orgId),
		collab.systemContext(app.orgId, admin!.id)
	);
	await connection.transact((doc) => {
		const result = createInterview(doc as unknown as Y.Doc, interview);
		if (!result.ok) throw new Error(result.problem.message);
	});
	await connection.disconnect();
	await collab.projection.flush(app.orgId);
	return interview.id;
}

/** Frames decoded by the video of the first remote tile, and its size. */
function remoteVideo(page: Page) {
	return page.evaluate(() => {
		const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-tile"] video');
		if (!v) return null;
		return {
			width: v.videoWidth,
			height: v.videoHeight,
			frames: v.getVideoPlaybackQuality().totalVideoFrames,
			time: v.currentTime
		};
	});
}

async function receivesFrames(page: Page) {
	await page.waitForFunction(
		() => (document.querySelector<HTMLVideoElement>('[data-testid="remote-tile"] video')?.videoWidth ?? 0) > 0,
		undefined,
		{ timeout: 20_000 }
	);
	const first = (await remoteVideo(page))!;
	await page.waitForTimeout(1_000);
	const later = (await remoteVideo(page))!;
	expect(first.width).toBeGreaterThan(0);
	expect(first.height).toBeGreaterThan(0);
	expect(later.frames).toBeGreaterThan(first.frames);
	expect(later.time).toBeGreaterThan(first.time);
}

describe('the video room, with two people and a fake camera', () => {
	let app: TestApp;
	let browser: Browser;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('lets the candidate and the interviewer see each other, and each sees the other mute and turn the camera off', async () => {
		const id = await bookInRoomWindow(app, SAM, [INES], 5);
		const candidate = await (await newPerson(browser)).newPage();
		const interviewer = await (await newPerson(browser, { timezoneId: 'America/New_York' })).newPage();
		await signIn(candidate, app.url, SAM);
		await candidate.waitForURL('**/me');
		await signIn(interviewer, app.url, INES);
		await interviewer.waitForURL('**/my/interviews');

		// The candidate finds the room through the join button on their home page.
		await candidate.getByTestId('join-room').click();
		await candidate.waitForURL(`**/interviews/${id}/room`);
		await candidate.getByRole('button', { name: 'Join the interview' }).click();
		await candidate.getByTestId('room-waiting').waitFor();
		await interviewer.goto(`${app.url}/interviews/${id}/room`);
		await interviewer.getByRole('button', { name: 'Join the interview' }).click();

		await receivesFrames(interviewer);
		await receivesFrames(candidate);
		expect(await interviewer.getByTestId('remote-tile').getAttribute('data-name')).toBe('Sam Carter');
		expect(await candidate.getByTestId('remote-tile').getAttribute('data-name')).toBe('Ines Okafor');

		await candidate.getByRole('button', { name: 'Mute', exact: true }).click();
		await interviewer.getByTestId('remote-tile').getByText('Muted').waitFor({ timeout: 10_000 });
		await interviewer.getByRole('button', { name: 'Turn camera off' }).click();
		await candidate.getByTestId('remote-tile').getByText('Camera off').waitFor({ timeout: 10_000 });
		await screenshot(candidate, 'room-candidate');
		await screenshot(interviewer, 'room-interviewer');

		const [row] = await app.runtime.db.sql<
			{ status: string; candidate_joined_at: Date | null; interviewer_joined_at: Date | null }[]
		>`select status, candidate_joined_at, interviewer_joined_at from interviews where id = ${id}`;
		expect(row!.candidate_joined_at).toBeInstanceOf(Date);
		expect(row!.interviewer_joined_at).toBeInstanceOf(Date);
		expect(row!.status).toBe('in_progress');

		// Unmuting shows up too, and leaving removes the tile on the other side.
		await candidate.getByRole('button', { name: 'Unmute', exact: true }).click();
		await interviewer.waitForFunction(
			() => document.querySelector('[data-testid="remote-tile"]')?.getAttribute('data-muted') === 'false'
		);
		// The interviewer drops out (reload) and comes back with a new peer id: one tile, video again.
		const before = await candidate.getByTestId('remote-tile').getAttribute('data-status');
		expect(before).toBe('connected');
		await interviewer.reload();
		await interviewer.getByRole('button', { name: 'Join the interview' }).click();
		await receivesFrames(interviewer);
		await receivesFrames(candidate);
		expect(await candidate.getByTestId('remote-tile').count()).toBe(1);
		expect(await interviewer.getByTestId('remote-tile').getAttribute('data-muted')).toBe('false');
		// The state messages flow on the new connection too.
		await candidate.getByRole('button', { name: 'Turn camera off' }).click();
		await interviewer.getByTestId('remote-tile').getByText('Camera off').waitFor({ timeout: 10_000 });

		await candidate.getByRole('button', { name: 'Leave' }).click();
		await interviewer.getByTestId('room-waiting').waitFor({ timeout: 10_000 });
		await candidate.getByTestId('room-left').waitFor();
		await candidate.context().close();
		await interviewer.context().close();
	});

	it('says so when the camera and microphone are refused, and still lets the person join to see the others', async () => {
		const id = await bookInRoomWindow(app, LENA, [INES], 10);
		const candidate = await (await newPerson(browser)).newPage();
		await candidate.addInitScript(() => {
			navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
		});
		const interviewer = await (await newPerson(browser)).newPage();
		await signIn(candidate, app.url, LENA);
		await candidate.waitForURL('**/me');
		await signIn(interviewer, app.url, INES);
		await interviewer.waitForURL('**/my/interviews');
		await interviewer.goto(`${app.url}/interviews/${id}/room`);
		await interviewer.getByRole('button', { name: 'Join the interview' }).click();
		await candidate.goto(`${app.url}/interviews/${id}/room`);
		const problem = candidate.getByTestId('media-problem');
		await problem.waitFor();
		expect(await problem.textContent()).toContain('Parley may not use your camera and microphone');
		expect(await candidate.getByRole('button', { name: 'No microphone', exact: true }).isDisabled()).toBe(true);
		expect(await candidate.getByRole('button', { name: 'No camera', exact: true }).isDisabled()).toBe(true);
		await candidate.getByRole('button', { name: 'Join the interview' }).click();
		await receivesFrames(candidate);
		// The interviewer sees the candidate's tile, marked as sending nothing.
		const tile = interviewer.getByTestId('remote-tile');
		await tile.getByText('Muted').waitFor({ timeout: 10_000 });
		await tile.getByText('Camera off').waitFor();
		await interviewer.waitForFunction(
			() => document.querySelector('[data-testid="remote-tile"]')?.getAttribute('data-status') === 'connected'
		);
		await screenshot(candidate, 'room-camera-refused');
		await candidate.context().close();
		await interviewer.context().close();
	});

	it('connects three people in a mesh: each sees the two others', async () => {
		const MARCO = DEMO_ACCOUNTS.interviewers[1].email;
		const id = await bookInRoomWindow(app, LENA, [INES, MARCO], -5);
		const people = await Promise.all(
			[LENA, INES, MARCO].map(async (email) => {
				const page = await (await newPerson(browser)).newPage();
				await signIn(page, app.url, email);
				await page.waitForURL((url) => url.pathname !== '/login');
				await page.goto(`${app.url}/interviews/${id}/room`);
				return page;
			})
		);
		for (const page of people) await page.getByRole('button', { name: 'Join the interview' }).click();
		for (const page of people) {
			await page.waitForFunction(
				() =>
					[...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video')].filter(
						(v) => v.videoWidth > 0
					).length === 2,
				undefined,
				{ timeout: 20_000 }
			);
		}
		const names = await Promise.all(
			people.map((p) =>
				p.evaluate(() =>
					[...document.querySelectorAll('[data-testid="remote-tile"]')].map((t) => t.getAttribute('data-name')).sort()
				)
			)
		);
		expect(names).toEqual([
			['Ines Okafor', 'Marco Bianchi'],
			['Lena Fischer', 'Marco Bianchi'],
			['Ines Okafor', 'Lena Fischer']
		]);
		await screenshot(people[1]!, 'room-three-people');
		for (const page of people) await page.context().close();
	});

	it('refuses a candidate who is not a participant, in the page and in the API', async () => {
		const id = await bookInRoomWindow(app, DEMO_ACCOUNTS.candidates[2].email, [INES], 0);
		const page = await (await newPerson(browser)).newPage();
		await signIn(page, app.url, LENA);
		await page.waitForURL('**/me');
		const res = await page.goto(`${app.url}/interviews/${id}/room`);
		expect(res?.status()).toBe(404);
		expect(await page.getByTestId('error-message').textContent()).toContain('not one of its participants');
		const api = await page.evaluate(async (url) => {
			const r = await fetch(url, { method: 'POST' });
			return { status: r.status, body: await r.json() };
		}, `${app.url}/api/v1/interviews/${id}/join`);
		expect(api.status).toBe(404);
		expect(api.body.error.code).toBe('not_found');
		await screenshot(page, 'room-not-participant');
		await page.context().close();
	});

	it('tells a candidate who comes early when the room opens, in their own zone', async () => {
		const [row] = await app.runtime.db.sql<{ id: string; start_at: Date }[]>`
			select i.id, i.start_at from interviews i join users u on u.id = i.candidate_id where u.email = ${OLIVER}`;
		const page = await (await newPerson(browser, { timezoneId: 'Asia/Tokyo' })).newPage();
		await signIn(page, app.url, OLIVER);
		await page.waitForURL('**/me');
		await page.goto(`${app.url}/interviews/${row!.id}/room`);
		const closed = page.getByTestId('room-closed');
		await closed.getByText('(Asia/Tokyo)').waitFor();
		const opens = new Date(row!.start_at.getTime() - 15 * 60_000);
		const hhmm = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Asia/Tokyo',
			hour: '2-digit',
			minute: '2-digit'
		}).format(opens);
		expect(await closed.locator('h2').textContent()).toContain(`The room opens at`);
		expect(await closed.locator('h2').textContent()).toContain(hhmm);
		expect(await page.getByRole('button', { name: 'Join the interview' }).count()).toBe(0);
		await screenshot(page, 'room-not-open-yet');
		await page.context().close();
	});
});
