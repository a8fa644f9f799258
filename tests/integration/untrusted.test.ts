/**
 * The calendar document is untrusted input, on the readers' side: what an admin's client (or a
 * modified one) writes into `org:<id>:calendar` never grants access, never breaks a page, and never
 * leaves an entry the API cannot reach. Each case is written through the document as such a client
 * would, then read through every surface a person uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, getInterview, interviewsMap, notesDocName } from '../../src/lib/collab/calendar';
import { formatFor } from '../../src/lib/format/dates';
import { startTestApp, type TestApp } from '../helpers/app';
import { bookDirect, futureStart } from '../helpers/calendar';
import { collabTokenFor, connectDoc, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const ADMIN = DEMO_ACCOUNTS.admin.email;
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const LENA = DEMO_ACCOUNTS.candidates[1].email;
const TOMAS = DEMO_ACCOUNTS.candidates[2].email;
const INES = DEMO_ACCOUNTS.interviewers[0].email;
const MARCO = DEMO_ACCOUNTS.interviewers[1].email;
/** The demo organization's zone (db/seed.ts). */
const ORG_TZ = 'America/New_York';

describe.each(kinds)('the document as untrusted input, read against the %s database', (kind) => {
	let app: TestApp;
	let live: CollabClient;
	const cookies: Record<string, string> = {};
	const ids: Record<string, string> = {};
	let apps: Record<string, { id: string }>;

	beforeAll(async () => {
		app = await startTestApp(kind);
		for (const email of [ADMIN, SAM, LENA, TOMAS, INES]) cookies[email] = await app.login(email);
		const members = (await app.api('GET', '/api/v1/members', cookies[ADMIN])).body.data as {
			id: string;
			email: string;
		}[];
		for (const m of members) ids[m.email] = m.id;
		const list = (await app.api('GET', '/api/v1/applications?page_size=100', cookies[ADMIN])).body.data as {
			id: string;
			candidate: { email: string };
		}[];
		apps = Object.fromEntries(list.map((a) => [a.candidate.email, { id: a.id }]));
		// An admin's live client: what a modified one writes goes through here.
		live = connectDoc(app, calendarDocName(app.orgId), { cookie: cookies[ADMIN] });
		await live.ready;
	});
	afterAll(async () => {
		live?.close();
		await app?.close();
	});

	const asAdmin = (id: string) => app.api('GET', `/api/v1/interviews/${id}`, cookies[ADMIN]);

	it('refuses a candidate written onto another candidate’s panel: the interview, its .ics, notes and room', async () => {
		const [id] = await bookDirect(app, [
			{ candidate: SAM, panel: [INES, LENA], startInMin: 5, mode: 'online', timezone: ORG_TZ }
		]);
		const lena = cookies[LENA];
		expect((await app.api('GET', `/api/v1/interviews/${id}/ics`, lena)).status).toBe(404);
		expect((await app.api('POST', `/api/v1/interviews/${id}/join`, lena)).status).toBe(404);
		expect((await app.api('GET', `/api/v1/interviews/${id}/join`, lena)).status).toBe(404);
		expect((await app.api('GET', `/api/v1/interviews/${id}`, lena)).status).toBe(403);
		expect((await app.request(`/interviews/${id}`, { cookie: lena })).status).toBe(403);
		expect((await app.request(`/interviews/${id}/room`, { cookie: lena })).status).toBe(404);
		const mine = (await app.api('GET', '/api/v1/me/interviews', lena)).body.data as { id: string }[];
		expect(mine.map((i) => i.id)).not.toContain(id);
		// Even holding a collab token of the organization, the notes stay the panel's.
		const { token } = await collabTokenFor(app.runtime.db.sql, ids[LENA]!, app.orgId);
		const notes = connectDoc(app, notesDocName(id!), { token });
		await expect(notes.ready).rejects.toThrow(/refused/);
		notes.close();

		// The admin sees who really sits on the panel, and why Lena does not.
		const stored = (await asAdmin(id!)).body;
		expect(stored.panel.map((p: { name: string }) => p.name)).toEqual(['Ines Okafor']);
		expect(stored.problems.map((p: { code: string }) => p.code)).toContain('panel_not_interviewer');
		// Sam's room holds Sam and his interviewer; Lena is not one of its people.
		const joined = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		expect(joined.status).toBe(200);
		const people = joined.body.participants.map((p: { name: string }) => p.name).sort();
		expect(people).toEqual(['Ines Okafor', 'Sam Carter']);
		expect(joined.body.interview.panel.map((p: { name: string }) => p.name)).toEqual(['Ines Okafor']);
		// Ines, who is on it, still gets in; and Sam's .ics names only her.
		expect((await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES])).status).toBe(200);
		const ics = await app.request(`/api/v1/interviews/${id}/ics`, { cookie: cookies[SAM] });
		expect(ics.status).toBe(200);
		const text = (await ics.text()).replace(/\r\n[ \t]/g, '');
		expect(text).toContain('Interviewers: Ines Okafor.');
		expect(text).not.toContain('Lena');
	});

	it('shows an interview whose zone is unknown in the organization’s zone, flagged for admins, on every page', async () => {
		const [id] = await bookDirect(app, [
			{ candidate: TOMAS, panel: [INES], startInMin: 3 * 24 * 60, mode: 'online', timezone: 'Mars/Olympus_Mons' }
		]);
		const tomas = cookies[TOMAS];
		/** Every surface the candidate and the admin open answers, with times in the organization's zone. */
		const expectPagesInOrgZone = async () => {
			const stored = (await asAdmin(id!)).body;
			expect(stored.timezone).toBe(ORG_TZ);
			const home = await app.request('/me', { cookie: tomas });
			expect(home.status).toBe(200);
			expect(await home.text()).toContain(formatFor('en-GB', ORG_TZ).dateTimeZoned(stored.start));
			expect((await app.request(`/interviews/${id}`, { cookie: cookies[ADMIN] })).status).toBe(200);
			expect((await app.request(`/interviews/${id}/room`, { cookie: tomas })).status).toBe(200);
			const ics = await app.request(`/api/v1/interviews/${id}/ics`, { cookie: tomas });
			expect(ics.status).toBe(200);
			expect(await ics.text()).toContain(`DTSTART;TZID=${ORG_TZ}:`);
			// The candidate reads the zone the times are shown in, without the admins' problems.
			const mine = (await app.api('GET', '/api/v1/me/interviews', tomas)).body.data as Record<string, unknown>[];
			const own = mine.find((i) => i.id === id)!;
			expect(own.timezone).toBe(ORG_TZ);
			expect(own).not.toHaveProperty('problems');
			return stored as { problems: { code: string; field: string | null; message: string }[] };
		};
		const projected = await expectPagesInOrgZone();
		expect(projected.problems.some((p) => p.field === 'timezone')).toBe(true);

		// The readers hold on their own, whatever the projection stored: a row that names an unknown
		// zone (projected by an older version, or a zone this runtime's ICU lacks) reads the same way,
		// and the admin is told which zone it named.
		await app.runtime.db.sql`update interviews set timezone = 'Mars/Olympus_Mons' where id = ${id!}`;
		const stored = await expectPagesInOrgZone();
		const flag = stored.problems.find((p) => p.code === 'unknown_timezone');
		expect(flag?.message).toContain('"Mars/Olympus_Mons" is unknown');
	});

	it('stores a string with a lone surrogate sent to the API with U+FFFD in its place', async () => {
		const booked = await app.api('POST', '/api/v1/interviews', cookies[ADMIN], {
			application_id: apps[SAM]!.id,
			start: futureStart(5),
			duration_min: 45,
			timezone: ORG_TZ,
			type: 'in_person',
			mode: 'offline',
			location: 'Room \ud800',
			round: 3,
			panel: [ids[MARCO]]
		});
		expect(booked.status).toBe(201);
		expect(booked.body.location).toBe('Room \ufffd');
		const id = booked.body.id as string;
		const [row] = await app.runtime.db.sql<{ location: string }[]>`select location from interviews where id = ${id}`;
		expect(row!.location).toBe('Room \ufffd');
		await eventually(() => getInterview(live.doc, id)?.location === 'Room \ufffd', 10_000);

		const patched = await app.api('PATCH', `/api/v1/interviews/${id}`, cookies[ADMIN], { location: 'Hall \udfff' });
		expect(patched.status).toBe(200);
		expect(patched.body.location).toBe('Hall \ufffd');
		const cancelled = await app.api('POST', `/api/v1/interviews/${id}/cancel`, cookies[ADMIN], {
			reason: 'Clash \ud83d'
		});
		expect(cancelled.status).toBe(200);
		const logs = (await app.api('GET', `/api/v1/interviews/${id}/logs`, cookies[ADMIN])).body.data;
		expect(logs.at(-1)).toMatchObject({ action: 'cancelled', reason: 'Clash \ufffd' });
		// A NUL is refused, with the field named.
		const nul = await app.api('PATCH', `/api/v1/interviews/${id}`, cookies[ADMIN], { location: 'a\u0000b' });
		expect(nul.status).toBe(422);
		expect(nul.body.error.details.fields.location).toMatch(/NUL/);
	});

	it('repairs with PATCH, and cancels, interviews whose calendar entries a client broke', async () => {
		const book = async (days: number, round: number) => {
			const res = await app.api('POST', '/api/v1/interviews', cookies[ADMIN], {
				application_id: apps[LENA]!.id,
				start: futureStart(days),
				duration_min: 30,
				timezone: ORG_TZ,
				type: 'video',
				mode: 'online',
				round,
				panel: [ids[MARCO]]
			});
			expect(res.status).toBe(201);
			return res.body as { id: string; start: string };
		};
		const first = await book(6, 2);
		const second = await book(7, 3);
		await eventually(() => getInterview(live.doc, second.id) !== null, 10_000);
		live.doc.transact(() => {
			const a = interviewsMap(live.doc).get(first.id) as Y.Map<unknown>;
			a.set('durationMin', 'half an hour');
			const b = interviewsMap(live.doc).get(second.id) as Y.Map<unknown>;
			b.delete('start');
			b.set('panel', 'everyone');
		});
		await eventually(() => getInterview(live.doc, second.id) === null, 10_000);

		const repaired = await app.api('PATCH', `/api/v1/interviews/${first.id}`, cookies[ADMIN], { duration_min: 45 });
		expect(repaired.status).toBe(200);
		expect(repaired.body).toMatchObject({ duration_min: 45, start: first.start, status: 'scheduled' });
		await eventually(() => getInterview(live.doc, first.id)?.durationMin === 45, 10_000);

		const cancelled = await app.api('POST', `/api/v1/interviews/${second.id}/cancel`, cookies[ADMIN], {
			reason: 'Entry broken by an old app'
		});
		expect(cancelled.status).toBe(200);
		expect(cancelled.body).toMatchObject({ status: 'cancelled', start: second.start });
		await eventually(() => getInterview(live.doc, second.id)?.status === 'cancelled', 10_000);
		expect(getInterview(live.doc, second.id)!.panel).toEqual([ids[MARCO]]);
		const logs = (await app.api('GET', `/api/v1/interviews/${second.id}/logs`, cookies[ADMIN])).body.data;
		expect(logs.at(-1)).toMatchObject({
			action: 'cancelled',
			reason: 'Entry broken by an old app',
			actor: { name: DEMO_ACCOUNTS.admin.name }
		});
	});

	it('says what a broken entry that never reached the database lacks, and removes it on cancel', async () => {
		const id = crypto.randomUUID();
		live.doc.transact(() => {
			const m = new Y.Map<unknown>();
			interviewsMap(live.doc).set(id, m);
			m.set('id', id);
			m.set('applicationId', apps[LENA]!.id);
			m.set('status', 'scheduled');
			m.set('round', 'first');
		});
		const patch = await app.api('PATCH', `/api/v1/interviews/${id}`, cookies[ADMIN], { location: 'Hall' });
		expect(patch.status).toBe(422);
		expect(patch.body.error.details.rule).toBe('needs_repair');
		expect(patch.body.error.message).toMatch(/cannot be repaired: .*round/);
		const cancel = await app.api('POST', `/api/v1/interviews/${id}/cancel`, cookies[ADMIN], { reason: 'Garbage' });
		expect(cancel.status, JSON.stringify(cancel.body)).toBe(204);
		await eventually(() => !interviewsMap(live.doc).has(id), 10_000);
		// Nobody else may: an interviewer's cancel, or a cancel of an id the calendar does not hold.
		const unknown = await app.api('POST', `/api/v1/interviews/${crypto.randomUUID()}/cancel`, cookies[ADMIN], {
			reason: 'x'
		});
		expect(unknown.status).toBe(404);
	});
});
