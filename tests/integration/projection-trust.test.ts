/**
 * The calendar document is untrusted input: what an admin's client (or a modified one) writes
 * straight into `org:<id>:calendar` is projected only within the rules the API holds. Times are the
 * server's within bounds it knows, the status machine holds, only interviewers sit on a panel, an
 * unknown zone is stored as the organization's, a broken entry is flagged for repair, and a reload
 * from an older document never rolls a row back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import {
	calendarDocName,
	createInterview,
	getInterview,
	interviewsMap,
	listInterviews,
	updateInterview
} from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { futureStart } from '../helpers/calendar';
import { connectDoc, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const [INES, MARCO] = DEMO_ACCOUNTS.interviewers;
const HOUR_MS = 3600_000;

describe.each(kinds)('the projection takes from the document only what it can check (%s)', (kind) => {
	let app: TestApp;
	let admin: string;
	let live: CollabClient;
	const ids: Record<string, string> = {};
	let apps: Record<string, { id: string; candidate: { id: string }; cycle_id: string }>;
	let round = 20;

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
		const list = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			cycle_id: string;
			candidate: { id: string; name: string };
		}[];
		apps = Object.fromEntries(list.map((a) => [a.candidate.name.split(' ')[0]!.toLowerCase(), a]));
		live = connectDoc(app, calendarDocName(app.orgId), { cookie: admin });
		await live.ready;
	});
	afterAll(async () => {
		live?.close();
		await app?.close();
	});

	/** An interview as a (possibly modified) admin client writes it. */
	function liveInterview(start: string, extra: Partial<Interview> = {}): Interview {
		const a = apps.sam!;
		return {
			id: crypto.randomUUID(),
			applicationId: a.id,
			candidateId: a.candidate.id,
			cycleId: a.cycle_id,
			start,
			durationMin: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			location: '',
			round: round++,
			panel: [ids[MARCO!.email]!],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: ids[DEMO_ACCOUNTS.admin.email]!,
			updatedAt: new Date().toISOString(),
			...extra
		};
	}

	const row = async (id: string) => (await app.api('GET', `/api/v1/interviews/${id}`, admin)).body;
	const stored = async (id: string) => {
		await eventually(async () => (await row(id)).id === id, 5_000, 50);
		return row(id);
	};
	const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

	it('judges a booking that dates itself in 1971 by the server clock: a start in 1971 is in the past', async () => {
		const iv = liveInterview('1971-01-02T10:00:00.000Z', { updatedAt: '1971-01-01T10:00:00.000Z' });
		createInterview(live.doc, iv);
		expect(codes(await stored(iv.id))).toContain('start_in_past');
	});

	it('judges a start one hour away as too soon, however early the client says it booked it', async () => {
		const iv = liveInterview(new Date(Date.now() + HOUR_MS).toISOString(), {
			updatedAt: new Date(Date.now() - 2 * HOUR_MS).toISOString()
		});
		createInterview(live.doc, iv);
		expect(codes(await stored(iv.id))).toContain('min_notice');
	});

	it('never stores a change time ahead of the server clock', async () => {
		const iv = liveInterview(futureStart(5), { updatedAt: new Date(Date.now() + HOUR_MS).toISOString() });
		createInterview(live.doc, iv);
		await stored(iv.id);
		const [r] = await app.runtime.db.sql<{ updated_at: Date }[]>`select updated_at from interviews where id = ${iv.id}`;
		expect(r!.updated_at.getTime()).toBeLessThanOrEqual(Date.now());
	});

	it('puts a completed interview moved back to scheduled back in the document, and audits nothing', async () => {
		const done = listInterviews(live.doc).find((i) => i.status === 'completed')!;
		const logsBefore = (await app.api('GET', `/api/v1/interviews/${done.id}/logs`, admin)).body.data.length;
		live.doc.transact(() => (interviewsMap(live.doc).get(done.id) as Y.Map<unknown>).set('status', 'scheduled'));
		await eventually(() => getInterview(live.doc, done.id)?.status === 'completed', 5_000, 50);
		await app.runtime.collab.projection.flush(app.orgId);
		expect((await row(done.id)).status).toBe('completed');
		expect((await app.api('GET', `/api/v1/interviews/${done.id}/logs`, admin)).body.data).toHaveLength(logsBefore);
	});

	it('keeps a candidate put on a panel out of the panel, and flags it', async () => {
		const candidate = apps.lena!.candidate.id;
		const iv = liveInterview(futureStart(6), { panel: [ids[INES!.email]!, candidate] });
		createInterview(live.doc, iv);
		const r = await stored(iv.id);
		expect(r.panel.map((p: { id: string }) => p.id)).toEqual([ids[INES!.email]]);
		expect(codes(r)).toContain('panel_not_interviewer');
		const rows = await app.runtime.db
			.sql`select 1 from interview_panel where interview_id = ${iv.id} and user_id = ${candidate}`;
		expect(rows).toHaveLength(0);
	});

	it("stores an unknown time zone as the organization's, and flags it", async () => {
		const iv = liveInterview(futureStart(7), { timezone: 'Mars/Olympus_Mons' });
		createInterview(live.doc, iv);
		const r = await stored(iv.id);
		const [org] = await app.runtime.db.sql<
			{ timezone: string }[]
		>`select timezone from organizations where id = ${app.orgId}`;
		expect(r.timezone).toBe(org!.timezone);
		expect(codes(r)).toContain('invalid_timezone');
	});

	it('flags an interview whose entry became unreadable as malformed, naming the field, and keeps its last good row', async () => {
		const iv = liveInterview(futureStart(8));
		createInterview(live.doc, iv);
		await stored(iv.id);
		live.doc.transact(() => (interviewsMap(live.doc).get(iv.id) as Y.Map<unknown>).set('durationMin', 1.5));
		await eventually(async () => codes(await row(iv.id)).includes('malformed'), 5_000, 50);
		const r = await row(iv.id);
		expect(r.duration_min).toBe(45);
		expect(r.problems.find((p: { code: string }) => p.code === 'malformed')).toMatchObject({
			field: null,
			fields: ['duration_min']
		});
		// Repaired, it is projected again and the flag goes.
		live.doc.transact(() => (interviewsMap(live.doc).get(iv.id) as Y.Map<unknown>).set('durationMin', 60));
		await eventually(async () => (await row(iv.id)).duration_min === 60, 5_000, 50);
		expect(codes(await row(iv.id))).not.toContain('malformed');
	});

	it('never rolls a row back when the document reloads older than the table, and audits no change', async () => {
		const booked = await app.api('POST', '/api/v1/interviews', admin, {
			// Tomás has no other interview: Sam's live ones above hold rounds 20 on, and rounds follow their dates.
			application_id: apps['tomás']!.id,
			start: futureStart(9),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'in_person',
			mode: 'offline',
			location: 'Hall A',
			round: 19,
			panel: [ids[MARCO!.email]]
		});
		expect(booked.body.error ?? null).toBeNull();
		const id = booked.body.id as string;
		const name = calendarDocName(app.orgId);
		await eventually(async () => {
			const [d] = await app.runtime.db.sql<
				{ state: Uint8Array }[]
			>`select state from yjs_documents where name = ${name}`;
			const doc = new Y.Doc();
			Y.applyUpdate(doc, new Uint8Array(d!.state));
			return getInterview(doc, id) !== null;
		}, 5_000);
		const [old] = await app.runtime.db.sql<
			{ state: Uint8Array }[]
		>`select state from yjs_documents where name = ${name}`;
		await eventually(() => getInterview(live.doc, id) !== null, 5_000);
		updateInterview(live.doc, id, { location: 'Hall B' }, { actor: null, now: new Date() });
		await eventually(async () => (await row(id)).location === 'Hall B', 5_000, 50);
		const logsBefore = (await app.api('GET', `/api/v1/interviews/${id}/logs`, admin)).body.data.length;

		// The acknowledged edit is lost from the stored document (as a crash before the store did).
		live.close();
		await app.restart();
		await app.runtime.db.sql`update yjs_documents set state = ${old!.state} where name = ${name}`;
		live = connectDoc(app, name, { cookie: admin });
		await live.ready;
		expect(getInterview(live.doc, id)?.location).toBe('Hall A');
		await app.runtime.collab.projection.flush(app.orgId);
		expect((await row(id)).location).toBe('Hall B');
		expect((await app.api('GET', `/api/v1/interviews/${id}/logs`, admin)).body.data).toHaveLength(logsBefore);
	});
});
