/**
 * Cancelling rolls the pipeline back (issue 11, finding 4): when the last live interview of an
 * application is cancelled, the application returns to `selected`, whichever way the cancel came —
 * the API, a live edit of the calendar document, a candidate's change request — and the API, the
 * Applicants page and the candidate's page agree. A second live interview keeps it scheduled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, setStatus } from '../../src/lib/collab/calendar';
import { startTestApp, type TestApp } from '../helpers/app';
import { futureStart } from '../helpers/calendar';
import { connectDoc, eventually, type CollabClient } from '../helpers/collab';

const [SAM, LENA, TOMAS] = DEMO_ACCOUNTS.candidates;
const [INES, MARCO] = DEMO_ACCOUNTS.interviewers;

describe('the application follows its interviews', () => {
	let app: TestApp;
	let admin: string;
	let live: CollabClient;
	const ids: Record<string, string> = {};
	const apps: Record<string, string> = {};

	beforeAll(async () => {
		app = await startTestApp('embedded');
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
		for (const a of (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { email: string };
		}[])
			apps[a.candidate.email] = a.id;
		live = connectDoc(app, calendarDocName(app.orgId), { cookie: admin });
		await live.ready;
	});
	afterAll(async () => {
		live?.close();
		await app?.close();
	});

	const statusOf = async (email: string) =>
		(await app.api('GET', `/api/v1/applications?q=${encodeURIComponent(email)}`, admin)).body.data[0].status as string;
	const book = async (
		email: string,
		days: number,
		round = 1,
		panel: string = INES!.email,
		mode: 'online' | 'offline' = 'online'
	) => {
		const res = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[email],
			start: futureStart(days),
			duration_min: 45,
			timezone: 'Europe/Berlin',
			type: mode === 'online' ? 'video' : 'in_person',
			mode,
			location: mode === 'online' ? '' : 'Hall B',
			round,
			panel: [ids[panel]]
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		return res.body.id as string;
	};
	const pipelineLogs = (email: string) =>
		app.runtime.db.sql<{ from_status: string; to_status: string; actor_id: string | null }[]>`
			select from_status, to_status, actor_id from application_logs
			where application_id = ${apps[email]!} and action = 'pipeline' order by id`;

	it('goes back to selected when its only interview is cancelled through the API, and the pages agree', async () => {
		expect(await statusOf(SAM!.email)).toBe('selected');
		const id = await book(SAM!.email, 5);
		expect(await statusOf(SAM!.email)).toBe('interview_scheduled');
		const cancel = await app.api('POST', `/api/v1/interviews/${id}/cancel`, admin, { reason: 'Panel unavailable' });
		expect(cancel.status).toBe(200);
		expect(await statusOf(SAM!.email)).toBe('selected');
		expect(await pipelineLogs(SAM!.email)).toEqual([
			{ from_status: 'selected', to_status: 'interview_scheduled', actor_id: ids[DEMO_ACCOUNTS.admin.email] },
			{ from_status: 'interview_scheduled', to_status: 'selected', actor_id: ids[DEMO_ACCOUNTS.admin.email] }
		]);

		// The Applicants page offers to schedule again, not to approve.
		const applicants = await (await app.request('/admin/applicants', { cookie: admin })).text();
		expect(applicants).toContain(`href="/admin/calendar?schedule=${apps[SAM!.email]}"`);
		expect(applicants).not.toContain('Approve… Sam Carter');
		expect(applicants).not.toContain('Approve Sam Carter');

		// The candidate's page: no "Interview scheduled" beside "No interview scheduled yet".
		const sam = await app.login(SAM!.email);
		const me = await (await app.request('/me', { cookie: sam })).text();
		expect(me).toContain('No interview scheduled yet');
		expect(me).not.toMatch(/>\s*Interview scheduled\s*</);
		expect(me).toContain('Selected for an interview');
	});

	it('stays scheduled while another interview is live, and goes back once the last one is cancelled', async () => {
		// Tomás has no online interviews: in person.
		const first = await book(TOMAS!.email, 6, 1, INES!.email, 'offline');
		const second = await book(TOMAS!.email, 8, 2, MARCO!.email, 'offline');
		await app.api('POST', `/api/v1/interviews/${first}/cancel`, admin, { reason: 'Moved to round 2' });
		expect(await statusOf(TOMAS!.email)).toBe('interview_scheduled');
		await app.api('POST', `/api/v1/interviews/${second}/cancel`, admin, { reason: 'Candidate withdrew' });
		expect(await statusOf(TOMAS!.email)).toBe('selected');
	});

	it('goes back when the cancel is a live edit of the calendar document', async () => {
		const id = await book(LENA!.email, 7);
		expect(await statusOf(LENA!.email)).toBe('interview_scheduled');
		await eventually(() => live.doc.getMap('interviews').has(id), 5_000);
		const result = setStatus(live.doc as unknown as Y.Doc, id, 'cancelled', {
			actor: ids[DEMO_ACCOUNTS.admin.email]!,
			now: new Date(),
			reason: 'Cancelled on the calendar'
		});
		expect(result.ok).toBe(true);
		await eventually(async () => (await statusOf(LENA!.email)) === 'selected', 10_000, 100);
		const logs = await pipelineLogs(LENA!.email);
		expect(logs.at(-1)).toEqual({
			from_status: 'interview_scheduled',
			to_status: 'selected',
			actor_id: ids[DEMO_ACCOUNTS.admin.email]
		});
	});

	it('goes back when a candidate’s request to cancel is approved', async () => {
		const id = await book(SAM!.email, 9);
		expect(await statusOf(SAM!.email)).toBe('interview_scheduled');
		const sam = await app.login(SAM!.email);
		const asked = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'cancel',
			reason: 'I accepted another offer'
		});
		expect(asked.status, JSON.stringify(asked.body)).toBe(201);
		const decided = await app.api('POST', `/api/v1/change-requests/${asked.body.id}/decide`, admin, { approve: true });
		expect(decided.body.status).toBe('applied');
		expect((await app.api('GET', `/api/v1/interviews/${id}`, admin)).body.status).toBe('cancelled');
		expect(await statusOf(SAM!.email)).toBe('selected');
	});
});
