/**
 * A bounded live calendar (decision 69), on each database: archiving takes out of the document what
 * can no longer change (old finished interviews, rescheduled originals) and compacts the rest into
 * the next generation; the archived interviews still read through the API; the kept ones are still
 * written, projected and audited once; an admin who was offline with the old generation comes back
 * and their edits are forwarded (or refused, for an interview archived meanwhile) and never lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { randomUUID } from 'node:crypto';
import { getInterview, listInterviews, rescheduleInterview, updateInterview } from '../../src/lib/collab/calendar';
import { calendarDocName } from '../../src/lib/collab/doc-names';
import { ArchiveStatusResponse } from '../../src/lib/contract/api';
import { loadFirstView } from '../../src/lib/server/calendar-first-view';
import { parseCalendarMoved, type CalendarMoved } from '../../src/lib/contract/collab';
import { startTestApp, type TestApp } from '../helpers/app';
import { collabTokenFor, connectTo, eventually } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();

describe.each(kinds)('archiving the calendar against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let adminId: string;
	let collabUrl: string;
	const token = async () => (await collabTokenFor(app.runtime.db.sql, adminId, app.orgId)).token;

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		adminId = (await app.api('GET', '/api/v1/me', admin)).body.user.id;
		collabUrl = app.url.replace('http', 'ws') + '/collab';
	});
	afterAll(async () => {
		await app?.close();
	});

	const interviews = async () =>
		(await app.api('GET', '/api/v1/interviews?page_size=100', admin)).body.data as {
			id: string;
			status: string;
			location: string;
			rescheduled_from: string | null;
		}[];

	it('archives the finished and the replaced, compacts the rest, and forwards what an offline admin did', async () => {
		const before = await interviews();
		const completed = before.filter((i) => i.status === 'completed').map((i) => i.id);
		const scheduled = before.filter((i) => i.status === 'scheduled');
		expect(completed.length).toBeGreaterThan(0);
		expect(scheduled.length).toBeGreaterThan(1);
		const [moved, kept] = scheduled;

		// An admin syncs generation 0 and reschedules formally in the calendar (the original is
		// cancelled and replaced, so it leaves the live document), then goes offline and edits there.
		const gen0 = calendarDocName(app.orgId);
		const first = connectTo(collabUrl, gen0, token);
		await first.ready;
		const start = new Date(Date.now() + 20 * 86_400_000);
		start.setUTCHours(14, 0, 0, 0);
		const replacement = randomUUID();
		const formal = rescheduleInterview(
			first.doc,
			moved!.id,
			{ start: start.toISOString() },
			{ actor: adminId, now: new Date(), reason: 'The panel asked for a later day', newId: replacement }
		);
		expect(formal.ok).toBe(true);
		await eventually(async () => (await app.api('GET', `/api/v1/interviews/${replacement}`, admin)).status === 200);
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(first.doc));
		first.close();
		const now = new Date();
		expect(updateInterview(offline, kept!.id, { location: 'Salle 12' }, { actor: adminId, now }).ok).toBe(true);

		const outcome = await app.runtime.collab.archive(app.orgId, { afterDays: 1 });
		expect(outcome).not.toBeNull();
		expect(outcome!.generation).toBe(1);
		expect(outcome!.archived).toBe(completed.length + 1);
		expect(outcome!.bytesAfter).toBeLessThan(outcome!.bytesBefore);
		const archived = await app.runtime.db.sql<{ id: string }[]>`
			select id::text from interviews where org_id = ${app.orgId} and archived_at is not null order by id`;
		expect(archived.map((r) => r.id)).toEqual([...completed, moved!.id].sort());

		// Archived interviews still read through the API, as they were.
		const after = await interviews();
		expect(after.map((i) => i.id).sort()).toEqual([...before.map((i) => i.id), replacement].sort());
		expect(after.find((i) => i.id === moved!.id)?.status).toBe('cancelled');
		const one = await app.api('GET', `/api/v1/interviews/${completed[0]}`, admin);
		expect(one.status).toBe(200);
		expect(one.body.status).toBe('completed');

		// The live document holds only what can still change.
		const gen1 = calendarDocName(app.orgId, 1);
		const live = connectTo(collabUrl, gen1, token);
		await live.ready;
		const liveIds = listInterviews(live.doc).map((i) => i.id);
		expect(liveIds).toContain(replacement);
		expect(liveIds).toContain(kept!.id);
		for (const id of archived.map((r) => r.id)) expect(liveIds).not.toContain(id);

		// A kept interview is still written, projected and audited once.
		const edit = await app.api('PATCH', `/api/v1/interviews/${replacement}`, admin, { location: 'Aula B' });
		expect(edit.status).toBe(200);
		expect((await app.api('GET', `/api/v1/interviews/${replacement}`, admin)).body.location).toBe('Aula B');
		await eventually(() => getInterview(live.doc, replacement)?.location === 'Aula B');

		// The offline admin comes back to generation 0 and edits a finished interview meanwhile archived too.
		expect(
			updateInterview(offline, completed[0]!, { location: 'Too late' }, { actor: adminId, now: new Date() }).ok
		).toBe(false); // a completed interview cannot be edited through the helpers…
		const entry = offline.getMap('interviews').get(completed[0]!) as Y.Map<unknown>;
		offline.transact(() => entry.set('location', 'Too late')); // …but a modified client can write anyway.
		const back = connectTo(collabUrl, gen0, token);
		const messages: CalendarMoved[] = [];
		back.provider.on('stateless', ({ payload }: { payload: string }) => {
			const m = parseCalendarMoved(payload);
			if (m) messages.push(m);
		});
		Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(offline));
		await back.ready;
		await eventually(() => messages.some((m) => m.generation === 1));
		await eventually(() => getInterview(live.doc, kept!.id)?.location === 'Salle 12', 10_000);
		await eventually(
			async () => (await app.api('GET', `/api/v1/interviews/${kept!.id}`, admin)).body.location === 'Salle 12'
		);
		await eventually(() => messages.some((m) => m.refused.includes(completed[0]!)), 10_000);
		const [refusal] = await app.runtime.db.sql<{ fields: string[]; user_id: string }[]>`
			select fields, user_id::text from calendar_refused_edits where interview_id = ${completed[0]!}`;
		expect(refusal).toEqual({ fields: ['location'], user_id: adminId });
		expect(getInterview(live.doc, completed[0]!)).toBeNull();
		expect((await app.api('GET', `/api/v1/interviews/${completed[0]}`, admin)).body.location).not.toBe('Too late');
		const logs = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from interview_logs where interview_id = ${kept!.id} and new_values ->> 'location' = 'Salle 12'`;
		expect(logs[0]!.n).toBe(1);
		back.close();
		live.close();
	});

	it('reads and sets the archive window through the API, for admins only, and refuses a bad one changing nothing', async () => {
		const status = await app.api('GET', '/api/v1/calendar/archive', admin);
		expect(status.status).toBe(200);
		expect(ArchiveStatusResponse.parse(status.body)).toMatchObject({ archive_after_days: 30, generation: 1 });
		expect(status.body.archived_interviews).toBeGreaterThan(0);
		// What the summary still counts of the archived (the completed, and the rescheduled original,
		// cancelled), for the generation named: the calendar's first view says the same.
		const [finished] = await app.runtime.db.sql<{ completed: number; cancelled: number }[]>`
			select count(*) filter (where status = 'completed')::int as completed,
				count(*) filter (where status = 'cancelled')::int as cancelled
			from interviews where org_id = ${app.orgId} and archived_at is not null and removed_at is null`;
		expect(finished!.completed).toBeGreaterThan(0);
		expect(finished!.cancelled).toBe(1);
		expect(status.body).toMatchObject({ archived_completed: finished!.completed, archived_cancelled: 1 });
		expect(ArchiveStatusResponse.parse(status.body)).toEqual(status.body); // documented field by field
		const first = await loadFirstView(app.runtime.db.sql, app.orgId, 'UTC', { view: null, date: null });
		expect(first.archived).toEqual({ generation: 1, completed: finished!.completed, cancelled: 1 });
		// The cards count the live window and the archived apart (no scan of the history): the same totals.
		const [all] = await app.runtime.db.sql<{ completed: number; cancelled: number }[]>`
			select count(*) filter (where status = 'completed')::int as completed,
				count(*) filter (where status = 'cancelled')::int as cancelled
			from interviews where org_id = ${app.orgId} and removed_at is null`;
		expect(first.summary).toMatchObject({ completed: all!.completed, cancelled: all!.cancelled });
		// In conflict counts the live interviews, as the document's conflict index does once synced: an
		// archived row keeps the conflicts of its last day in the document, which no card shows.
		const sql = app.runtime.db.sql;
		const conflicted = async () => (await loadFirstView(sql, app.orgId, 'UTC', { view: null, date: null })).conflicts;
		const before = await conflicted();
		await sql`update interviews set conflicts = '[{"kind":"stale"}]' where id = (select id from interviews
			where org_id = ${app.orgId} and archived_at is not null and jsonb_array_length(conflicts) = 0 limit 1)`;
		expect(await conflicted()).toBe(before);
		await sql`update interviews set conflicts = '[]' where conflicts = '[{"kind":"stale"}]'`;
		for (const bad of [0, 3651, 2.5, '30', null]) {
			const res = await app.api('PUT', '/api/v1/calendar/archive', admin, { archive_after_days: bad });
			expect(res.status).toBe(422);
			expect(res.body.error.code).toBe('validation_failed');
		}
		expect((await app.api('GET', '/api/v1/calendar/archive', admin)).body.archive_after_days).toBe(30);
		const set = await app.api('PUT', '/api/v1/calendar/archive', admin, { archive_after_days: 90 });
		expect(set.status).toBe(200);
		expect(set.body.archive_after_days).toBe(90);
		const ran = await app.api('POST', '/api/v1/calendar/archive', admin);
		expect(ran.status).toBe(200);
		expect(ran.body).toEqual({ archived: 0, generation: 1, bytes_before: null, bytes_after: null });
		const interviewer = await app.login(DEMO_ACCOUNTS.interviewers[0]!.email);
		expect((await app.api('GET', '/api/v1/calendar/archive', interviewer)).status).toBe(403);
		expect((await app.api('POST', '/api/v1/calendar/archive', interviewer)).status).toBe(403);
		expect((await app.api('PUT', '/api/v1/calendar/archive', undefined, { archive_after_days: 5 })).status).toBe(401);
	});

	it('keeps every archived and kept row through a restart, and refuses a generation that does not exist', async () => {
		await app.restart();
		const rows = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from interviews where org_id = ${app.orgId} and removed_at is not null`;
		expect(rows[0]!.n).toBe(0);
		const future = connectTo(collabUrl, calendarDocName(app.orgId, 2), token);
		await expect(future.ready).rejects.toThrow(/refused/);
		future.close();
		// Nothing left to archive: the document stays as it is.
		expect(await app.runtime.collab.archive(app.orgId, { afterDays: 1 })).toBeNull();
	});

	it('refuses a write to an archived interview with 409 archived, in the reader’s language, and changes nothing', async () => {
		const rows = await app.runtime.db.sql<{ id: string; status: string }[]>`
			select id::text, status from interviews where org_id = ${app.orgId} and archived_at is not null order by id`;
		const done = rows.find((r) => r.status === 'completed')!;
		const replaced = rows.find((r) => r.status === 'cancelled')!;
		const read = async (id: string) => (await app.api('GET', `/api/v1/interviews/${id}`, admin)).body;
		const logs = async () =>
			(
				await app.runtime.db.sql<{ n: number }[]>`
					select count(*)::int as n from interview_logs where interview_id = any(${[done.id, replaced.id]}::uuid[])`
			)[0]!.n;
		const [doneBefore, replacedBefore, logsBefore] = [await read(done.id), await read(replaced.id), await logs()];
		const start = new Date(Date.now() + 21 * 86_400_000);
		start.setUTCHours(9, 0, 0, 0);
		const writes: [string, string, unknown][] = [
			['PATCH', `/api/v1/interviews/${done.id}`, { location: 'Aula C' }],
			['PATCH', `/api/v1/interviews/${replaced.id}`, { start: start.toISOString(), reason: 'Once more' }],
			['POST', `/api/v1/interviews/${done.id}/cancel`, { reason: 'No longer needed' }],
			['POST', `/api/v1/interviews/${replaced.id}/cancel`, { reason: 'No longer needed' }],
			['POST', `/api/v1/interviews/${done.id}/no-show`, undefined]
		];
		for (const [method, path, body] of writes) {
			const res = await app.api(method, path, admin, body);
			expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 409, 'archived']);
			expect(res.body.error.message).toMatch(/archived/);
			expect(res.body.error.details.interview_id).toBe(path.split('/')[4]);
		}
		// A loop whose sessions were archived (recorded by hand here: booking checks the minimum notice).
		const [loop] = await app.runtime.db.sql<{ id: string }[]>`
			insert into interview_loops (org_id, application_id, interview_ids, break_min, created_by)
			select org_id, application_id, ${[done.id, replaced.id]}::uuid[], 15, ${adminId} from interviews where id = ${done.id}
			returning id::text`;
		const loopCancel = await app.api('POST', `/api/v1/loops/${loop!.id}/cancel`, admin, { reason: 'No longer needed' });
		expect([loopCancel.status, loopCancel.body.error.code]).toEqual([409, 'archived']);
		expect(loopCancel.body.error.details).toMatchObject({ interview_id: done.id, session: 0 });
		const fr = await app.request(`/api/v1/interviews/${done.id}`, {
			method: 'PATCH',
			cookie: admin,
			headers: { 'content-type': 'application/json', 'accept-language': 'fr' },
			body: JSON.stringify({ location: 'Aula C' })
		});
		expect(fr.status).toBe(409);
		const frBody = (await fr.json()) as { error: { code: string; message: string } };
		expect(frBody.error.code).toBe('archived');
		expect(frBody.error.message).toMatch(/archivé/);
		expect(await read(done.id)).toEqual(doneBefore);
		expect(await read(replaced.id)).toEqual(replacedBefore);
		expect(await logs()).toBe(logsBefore);
		// An interview that does not exist is still not found.
		const none = await app.api('PATCH', `/api/v1/interviews/${randomUUID()}`, admin, { location: 'Aula C' });
		expect([none.status, none.body.error.code]).toEqual([404, 'not_found']);
	});
});
