/**
 * Approve and reject need an interview that took place (issue 11, finding 2): before it, the API
 * answers 409 `no_interview_held` and the Applicants page asks for a written reason; an override with
 * a reason goes through and is audited; a rejection at screening needs no interview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { bookDirect } from '../helpers/calendar';

describe('decisions on applications wait for an interview that took place', () => {
	let app: TestApp;
	let admin: string;
	let apps: Record<string, { id: string; status: string }>;

	const logsOf = (id: string) =>
		app.runtime.db.sql<{ action: string; from_status: string; to_status: string; reason: string | null }[]>`
			select action, from_status, to_status, reason from application_logs where application_id = ${id} order by id`;

	beforeAll(async () => {
		app = await startTestApp('embedded');
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const list = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			status: string;
			candidate: { name: string };
		}[];
		apps = Object.fromEntries(list.map((a) => [a.candidate.name.split(' ')[0]!, a]));
	});
	afterAll(async () => {
		await app?.close();
	});

	it('refuses to approve or reject before the interview with 409 no_interview_held, and changes nothing', async () => {
		// Oliver's only interview is tomorrow.
		const oliver = apps.Oliver!;
		expect(oliver.status).toBe('interview_scheduled');
		for (const status of ['approved', 'rejected']) {
			const res = await app.api('PATCH', `/api/v1/applications/${oliver.id}`, admin, { status });
			expect(res.status, status).toBe(409);
			expect(res.body.error).toMatchObject({ code: 'conflict', details: { rule: 'no_interview_held' } });
			expect(res.body.error.message).toContain('No interview of this application has taken place yet');
		}
		const after = await app.api('GET', `/api/v1/applications?q=Oliver`, admin);
		expect(after.body.data[0].status).toBe('interview_scheduled');
		expect(await logsOf(oliver.id)).toHaveLength(0);
	});

	it('takes an override with a written reason, and audits it', async () => {
		const jonas = apps.Jonas!;
		const short = await app.api('PATCH', `/api/v1/applications/${jonas.id}`, admin, {
			status: 'rejected',
			override_reason: 'no'
		});
		expect(short.status).toBe(422);
		expect(Object.keys(short.body.error.details.fields)).toEqual(['override_reason']);
		const reason = 'The candidate withdrew by email before the interview.';
		const [upcoming] = (await app.api('GET', '/api/v1/interviews?q=Jonas', admin)).body.data;
		expect(upcoming.status).toBe('scheduled');
		// Jonas's interview is in three days: the decision names it and waits for the admin's word.
		const unconfirmed = await app.api('PATCH', `/api/v1/applications/${jonas.id}`, admin, {
			status: 'rejected',
			override_reason: reason
		});
		expect(unconfirmed.status).toBe(409);
		expect(unconfirmed.body.error).toMatchObject({
			code: 'conflict',
			details: { rule: 'upcoming_interviews', interviews: [{ id: upcoming.id, start: upcoming.start }] }
		});
		expect(unconfirmed.body.error.message).toContain('Rejecting it cancels that interview');
		expect((await app.api('GET', '/api/v1/applications?q=Jonas', admin)).body.data[0].status).toBe(
			'interview_scheduled'
		);
		expect(await logsOf(jonas.id)).toHaveLength(0);

		const res = await app.api('PATCH', `/api/v1/applications/${jonas.id}`, admin, {
			status: 'rejected',
			override_reason: reason,
			cancel_upcoming: true
		});
		expect(res.status).toBe(200);
		expect(res.body.status).toBe('rejected');
		// The rejected candidate is not left invited: the interview is cancelled like any other, with its
		// reason in the interview's history and a notice queued for the candidate and the panel.
		const after = await app.api('GET', `/api/v1/interviews/${upcoming.id}`, admin);
		expect(after.body.status).toBe('cancelled');
		const history = await app.api('GET', `/api/v1/interviews/${upcoming.id}/logs`, admin);
		expect(JSON.stringify(history.body)).toContain('The application was turned down');
		const notices = await app.runtime.db.sql<{ kind: string }[]>`
			select kind from outbox where interview_id = ${upcoming.id} and kind = 'interview_cancelled'`;
		expect(notices.length).toBe(3); // Jonas, Ines and Priya
		// The pipeline leaves a decided application where the admin put it.
		expect((await app.api('GET', '/api/v1/applications?q=Jonas', admin)).body.data[0].status).toBe('rejected');
		expect(await logsOf(jonas.id)).toEqual([
			{ action: 'override', from_status: 'interview_scheduled', to_status: 'rejected', reason }
		]);
	});

	it('reads the pipeline history back: in the API for admins only, and on the candidate’s page', async () => {
		const jonas = apps.Jonas!;
		const res = await app.api('GET', `/api/v1/applications/${jonas.id}/logs`, admin);
		expect(res.status).toBe(200);
		expect(res.body.data).toEqual([
			{
				id: expect.any(Number),
				action: 'override',
				from_status: 'interview_scheduled',
				to_status: 'rejected',
				actor: { id: expect.any(String), name: DEMO_ACCOUNTS.admin.name },
				reason: 'The candidate withdrew by email before the interview.',
				created_at: expect.stringMatching(/Z$/)
			}
		]);
		const ines = await app.login(DEMO_ACCOUNTS.interviewers[0].email);
		expect((await app.api('GET', `/api/v1/applications/${jonas.id}/logs`, ines)).status).toBe(403);
		const missing = await app.api('GET', `/api/v1/applications/${crypto.randomUUID()}/logs`, admin);
		expect(missing.status).toBe(404);
		expect(missing.body.error.message).toBe('The application was not found.');

		const candidateId = (await app.api('GET', '/api/v1/applications?q=Jonas', admin)).body.data[0].candidate.id;
		const html = await (await app.request(`/admin/candidates/${candidateId}`, { cookie: admin })).text();
		expect(html).toContain('Decisions and status moves (1)');
		expect(html).toContain('decided with no interview held');
		expect(html).toContain('The candidate withdrew by email before the interview.');
	});

	it('approves once an interview took place, and rejects at screening without one', async () => {
		const sam = apps.Sam!;
		await bookDirect(app, [
			{ candidate: DEMO_ACCOUNTS.candidates[0].email, startInMin: -90, durationMin: 30, mode: 'online', round: 1 }
		]);
		// The finished interview is past its end and was not cancelled: it counts as held.
		const res = await app.api('PATCH', `/api/v1/applications/${sam.id}`, admin, { status: 'approved' });
		expect(res.status).toBe(200);
		expect(await logsOf(sam.id)).toEqual([
			{
				action: 'pipeline',
				from_status: 'selected',
				to_status: 'interview_scheduled',
				reason: 'An interview is booked.'
			},
			{ action: 'moved', from_status: 'interview_scheduled', to_status: 'approved', reason: null }
		]);
		const noah = apps.Noah!;
		expect(noah.status).toBe('pending');
		const screened = await app.api('PATCH', `/api/v1/applications/${noah.id}`, admin, { status: 'rejected' });
		expect(screened.status).toBe(200);
	});

	it('asks for a reason on the Applicants page before approving without an interview', async () => {
		const html = await (await app.request('/admin/applicants', { cookie: admin })).text();
		expect(html).toContain('Approve… Oliver Brown');
		expect(html).toContain('No interview of Oliver Brown has taken place yet');
		const form = new URLSearchParams({ id: apps.Oliver!.id, to: 'approved' });
		const res = await app.request('/admin/applicants?/move', {
			method: 'POST',
			cookie: admin,
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: form
		});
		const body = await res.json();
		expect(body.type).toBe('failure');
		expect(body.status).toBe(409);
		expect(body.data).toContain('No interview of this application has taken place yet');
	});
});
