/**
 * A candidate asks to move or cancel their interview, under the organization's policy, on each
 * database: a reason is required, the time must be one offered, one request waits at a time, an
 * admin approves or declines (the candidate hears), auto-approval moves at once, the number of moves
 * per application and the cut-off hold, and every step is in the interview's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { ChangeOptionsResponse, ChangeRequestList } from '../../src/lib/contract/api';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const SAM = DEMO_ACCOUNTS.candidates[0]!;
const LENA = DEMO_ACCOUNTS.candidates[1]!;
const INES = DEMO_ACCOUNTS.interviewers[0]!;

describe.each(kinds)('candidates’ change requests against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let sam: string;
	const ids: Record<string, string> = {};
	const apps: Record<string, string> = {};

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		sam = await app.login(SAM.email);
		Object.assign(ids, await app.memberIds(admin));
		for (const a of (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { email: string };
		}[])
			apps[a.candidate.email] = a.id;
	});
	afterAll(async () => {
		await app?.close();
	});

	const policy = (p: Record<string, unknown>) =>
		app.runtime.db
			.sql`update organizations set policy = policy || ${app.runtime.db.sql.json(p as never)} where id = ${app.orgId}`;
	const book = async (email: string, startMs: number) => {
		const start = new Date(Math.ceil(startMs / 900_000) * 900_000).toISOString();
		const res = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[email],
			start,
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [ids[INES.email]]
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		return res.body.id as string;
	};
	const history = async (id: string) =>
		(
			(await app.api('GET', `/api/v1/interviews/${id}/logs`, admin)).body.data as {
				action: string;
				reason: string | null;
			}[]
		).map((l) => l.action);

	it('takes a request with a reason and an offered time, one at a time, and lets an admin decline or approve it', async () => {
		const id = await book(SAM.email, Date.now() + 6 * 86400_000);
		const options = await app.api('GET', `/api/v1/me/interviews/${id}/change`, sam);
		expect(options.status).toBe(200);
		const o = ChangeOptionsResponse.parse(options.body);
		// Times well past the cut-off, so the moved interview can be changed again.
		const times = o.times.filter((t) => Date.parse(t) > Date.now() + 2 * 86400_000);
		expect(o).toMatchObject({
			moves_left: 2,
			auto_approve: false,
			reschedule: { allowed: true },
			cancel: { allowed: true }
		});
		expect(o.times.length).toBeGreaterThan(2);

		const noReason = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'reschedule',
			reason: ' ',
			new_start: times[0]
		});
		expect(noReason.body.error.details.rule).toBe('reason_required');
		const odd = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'reschedule',
			reason: 'Exam',
			new_start: new Date(Date.now() + 9 * 86400_000 + 7 * 60_000).toISOString()
		});
		expect([odd.status, odd.body.error.details.rule]).toEqual([409, 'slot_taken']);

		const asked = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'reschedule',
			reason: 'I have an exam',
			new_start: times[0]
		});
		expect(asked.status).toBe(201);
		expect(asked.body.status).toBe('pending');
		const twice = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'cancel',
			reason: 'Changed my mind'
		});
		expect(twice.body.error.details.rule).toBe('already_requested');
		// The admins hear of it in their inbox, and see it waiting.
		const waiting = ChangeRequestList.parse((await app.api('GET', '/api/v1/change-requests', admin)).body).data;
		expect(waiting.map((w) => [w.id, w.kind, w.reason])).toEqual([[asked.body.id, 'reschedule', 'I have an exam']]);
		const inbox = (await app.api('GET', '/api/v1/me/notifications', admin)).body.data as {
			kind: string;
			title: string;
		}[];
		expect(inbox.find((n) => n.kind === 'change_request')?.title).toBe('Sam Carter asks to move their interview');

		const declined = await app.api('POST', `/api/v1/change-requests/${asked.body.id}/decide`, admin, {
			approve: false,
			note: 'The panel cannot move'
		});
		expect(declined.body.status).toBe('declined');
		const [mail] = await app.runtime.db.sql<{ to_address: string }[]>`select to_address from outbox
			where dedupe_key = ${`change_declined:${asked.body.id}`}`;
		expect(mail?.to_address).toBe(SAM.email);
		expect((await app.api('GET', `/api/v1/interviews/${id}`, admin)).body.start).not.toBe(times[0]);

		const again = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'reschedule',
			reason: 'Still the exam',
			new_start: times[1]
		});
		const approved = await app.api('POST', `/api/v1/change-requests/${again.body.id}/decide`, admin, { approve: true });
		expect(approved.body.status).toBe('applied');
		const moved = (await app.api('GET', `/api/v1/interviews/${id}`, admin)).body;
		expect(moved.start).toBe(times[1]);
		expect(await history(id)).toEqual([
			'scheduled',
			'change_requested',
			'change_declined',
			'change_requested',
			'rescheduled'
		]);
		const logs = (await app.api('GET', `/api/v1/interviews/${id}/logs`, admin)).body.data as {
			action: string;
			reason: string | null;
		}[];
		expect(logs.at(-1)!.reason).toBe('Asked by the candidate: Still the exam');
	});

	it('moves at once with auto-approval, up to the most moves per application, and never within the cut-off', async () => {
		await policy({ candidateChangesAutoApprove: true, candidateMaxReschedules: 2 });
		const id = (
			await app.runtime.db.sql<{ id: string }[]>`select i.id from interviews i join users u on u.id = i.candidate_id
			where u.email = ${SAM.email} and i.status = 'scheduled'`
		)[0]!.id;
		const o = ChangeOptionsResponse.parse((await app.api('GET', `/api/v1/me/interviews/${id}/change`, sam)).body);
		expect(o.moves_left).toBe(1);
		const times = o.times.filter((t) => Date.parse(t) > Date.now() + 2 * 86400_000);
		const moved = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'reschedule',
			reason: 'Train strike',
			new_start: times[2]
		});
		expect(moved.status, JSON.stringify(moved.body)).toBe(201);
		expect(moved.body.status).toBe('applied');
		expect((await app.api('GET', `/api/v1/interviews/${id}`, admin)).body.start).toBe(times[2]);
		const limit = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'reschedule',
			reason: 'Again',
			new_start: times[3]
		});
		expect([limit.status, limit.body.error.details.rule]).toEqual([422, 'reschedule_limit']);
		// Cancelling stays possible.
		const cancelled = await app.api('POST', `/api/v1/me/interviews/${id}/change`, sam, {
			kind: 'cancel',
			reason: 'Withdrawing'
		});
		expect(cancelled.body.status).toBe('applied');
		expect((await app.api('GET', `/api/v1/interviews/${id}`, admin)).body.status).toBe('cancelled');

		// Within the cut-off nothing is asked.
		const soon = await book(LENA.email, Date.now() + 5 * 3600_000);
		const lena = await app.login(LENA.email);
		const late = (await app.api('GET', `/api/v1/me/interviews/${soon}/change`, lena)).body;
		expect(late.cancel).toMatchObject({ allowed: false, rule: 'change_cutoff' });
		const refused = await app.api('POST', `/api/v1/me/interviews/${soon}/change`, lena, {
			kind: 'cancel',
			reason: 'Ill'
		});
		expect([refused.status, refused.body.error.message]).toEqual([
			422,
			'Changes can be asked for until 24 hours before the interview. Please contact the organization directly.'
		]);
		// Somebody else's interview is not found.
		expect((await app.api('GET', `/api/v1/me/interviews/${soon}/change`, sam)).status).toBe(404);
	});
});
