/**
 * What clients send that must never hurt: NUL characters and impossible instants answer 422, broken
 * forms 400 (a NUL in a form 422 too), parallel password guesses hit the limit, and a bad entry written live into the calendar
 * document neither stops the projection nor loses data. Deleting an interview from the document keeps
 * its row, cancels it and audits the removal. Live bookings are judged by the same timing rules as
 * the API. A personal link's sessions end with the link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, createInterview, getInterview, interviewsMap } from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import { databaseKinds } from '../helpers/db';
import { futureStart, startedAgo } from '../helpers/calendar';
import { startTestApp, type TestApp } from '../helpers/app';
import { connectDoc, eventually, type CollabClient } from '../helpers/collab';

const kinds = await databaseKinds();
const [INES, MARCO] = DEMO_ACCOUNTS.interviewers;

describe.each(kinds)('robustness against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let adminId: string;
	let live: CollabClient;
	const ids: Record<string, string> = {};
	let apps: Record<string, { id: string; candidate: { id: string }; cycle_id: string }>;

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
		adminId = ids[DEMO_ACCOUNTS.admin.email]!;
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

	/** An interview as an admin's browser would write it. */
	function liveInterview(candidate: string, start: string, panel: string[], extra: Partial<Interview> = {}): Interview {
		const a = apps[candidate]!;
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
			round: 1,
			panel: panel.map((e) => ids[e]!),
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: adminId,
			updatedAt: new Date().toISOString(),
			...extra
		};
	}

	const row = async (id: string) => (await app.api('GET', `/api/v1/interviews/${id}`, admin)).body;

	it('answers 422 naming the field for a NUL character in JSON or a query, and stores nothing', async () => {
		const before = (await app.api('GET', '/api/v1/interviews?page_size=1', admin)).body.total;
		const bad = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps.sam!.id,
			start: futureStart(4),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'in_person',
			mode: 'offline',
			location: 'Hall\u0000B',
			panel: [ids[INES!.email]]
		});
		expect(bad.status).toBe(422);
		expect(bad.body.error.details.fields.location).toMatch(/NUL/);
		expect((await app.api('GET', '/api/v1/interviews?page_size=1', admin)).body.total).toBe(before);

		const query = await app.api('GET', `/api/v1/interviews?q=${encodeURIComponent('a\u0000b')}`, admin);
		expect(query.status).toBe(422);
		expect(query.body.error.details.fields.q).toMatch(/NUL/);
		const login = await app.api('POST', '/api/v1/auth/login', undefined, { email: 'x\u0000@y.z', password: 'p' });
		expect(login.status).toBe(422);
		const token = await app.api('POST', '/api/v1/tokens', admin, { name: 'ci\u0000' });
		expect(token.status).toBe(422);
	});

	it('refuses instants outside 1970–9999 and accepts an offset, stored as UTC', async () => {
		const old = await app.api('GET', '/api/v1/interviews?from=0000-01-01T00:00:00Z', admin);
		expect(old.status).toBe(422);
		expect(old.body.error.details.fields.from).toMatch(/1970/);
		const local = futureStart(6, 14)
			.replace('Z', '')
			.replace(/\.\d+$/, '');
		const res = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps.lena!.id,
			start: `${local}+02:00`,
			duration_min: 30,
			timezone: 'Europe/Berlin',
			type: 'video',
			mode: 'online',
			panel: [ids[MARCO!.email]]
		});
		expect(res.status).toBe(201);
		expect(res.body.start).toBe(new Date(`${local}+02:00`).toISOString());
	});

	it('answers 400 to a form body it cannot read, 422 to a NUL and to an oversized email, without a 500', async () => {
		const broken = await app.request('/login', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=nope' },
			body: 'not multipart at all'
		});
		expect(broken.status).toBe(400);
		const nul = await app.request('/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'email=a%00b&password=x'
		});
		expect(nul.status).toBe(422);
		const long = await app.request('/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: `email=${'a'.repeat(8000)}%40x.test&password=x`
		});
		expect(long.status).toBeLessThan(500);
		const body = await long.text();
		expect(body).toContain('254');
	});

	it('lets at most 10 of 40 parallel wrong passwords reach the check, then answers 429', async () => {
		const email = DEMO_ACCOUNTS.candidates[5]!.email;
		const results = await Promise.all(
			Array.from({ length: 40 }, () =>
				app.api('POST', '/api/v1/auth/login', undefined, { email, password: 'wrong-password' })
			)
		);
		const statuses = results.map((r) => r.status);
		const failures = statuses.filter((s) => s === 401).length;
		expect(failures).toBeLessThanOrEqual(10);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
		expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
		// Refused attempts are not failures: the budget of 10 is what is left after the flood.
		for (let i = failures; i < 10; i++) {
			const wrong = await app.api('POST', '/api/v1/auth/login', undefined, { email, password: 'still-wrong' });
			expect(wrong.status).toBe(401);
		}
		const right = await app.api('POST', '/api/v1/auth/login', undefined, { email, password: 'parley-demo' });
		expect(right.status).toBe(429);
	});

	it('keeps projecting the organization when a live client writes an entry it cannot read', async () => {
		// A hostile or buggy admin client writes fields no column can hold.
		const broken = liveInterview('lena', futureStart(8), [INES!.email], { round: 5 });
		live.doc.transact(() => {
			const m = new Y.Map<unknown>();
			interviewsMap(live.doc).set(broken.id, m);
			for (const [k, v] of Object.entries(broken)) {
				if (k === 'panel') m.set(k, Y.Array.from(v as string[]));
				else m.set(k, v);
			}
			m.set('location', 'Room\u00001');
			m.set('durationMin', 1.5);
		});
		const good = liveInterview('lena', futureStart(9), [MARCO!.email], {
			mode: 'offline',
			type: 'in_person',
			location: 'Room 2',
			round: 6
		});
		createInterview(live.doc, good);
		await eventually(async () => (await row(good.id)).id === good.id, 5_000, 50);
		expect((await row(broken.id)).error.code).toBe('not_found');
		// The API keeps working on the same calendar.
		const patch = await app.api('PATCH', `/api/v1/interviews/${good.id}`, admin, { location: 'Room 3' });
		expect(patch.status).toBe(200);
		expect(patch.body.location).toBe('Room 3');
	});

	it('flags a live booking with a start in the past, as the API would refuse it', async () => {
		const past = liveInterview('sam', new Date(Date.now() - 3 * 3600_000).toISOString(), [MARCO!.email], {
			round: 3
		});
		createInterview(live.doc, past);
		await eventually(async () => (await row(past.id)).id === past.id, 5_000, 50);
		const stored = await row(past.id);
		expect(stored.problems.map((p: { code: string }) => p.code)).toContain('start_in_past');
		// A later edit of something else keeps the finding; it was true when the start was set.
		const res = await app.api('PATCH', `/api/v1/interviews/${past.id}`, admin, { location: 'Hall' });
		expect([200, 422]).toContain(res.status);
		expect((await row(past.id)).problems.map((p: { code: string }) => p.code)).toContain('start_in_past');
	});

	it('keeps a deleted interview as cancelled, with its scorecard and an audit row naming the admin', async () => {
		const booked = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps.sam!.id,
			start: futureStart(12),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			round: 4,
			panel: [ids[INES!.email]]
		});
		expect(booked.status).toBe(201);
		const id = booked.body.id as string;
		await startedAgo(app, id);
		const ines = await app.login(INES!.email);
		const card = await app.api('PUT', `/api/v1/interviews/${id}/scorecards/mine`, ines, {
			rating: 4,
			recommendation: 'proceed',
			feedback: 'Prepared and clear.'
		});
		expect(card.status).toBe(201);
		await eventually(() => getInterview(live.doc, id) !== null, 5_000);
		live.doc.transact(() => interviewsMap(live.doc).delete(id));
		await eventually(async () => (await row(id)).status === 'cancelled', 5_000, 50);
		const logs = (await app.api('GET', `/api/v1/interviews/${id}/logs`, admin)).body.data;
		expect(logs.at(-1)).toMatchObject({
			action: 'removed',
			actor: { name: DEMO_ACCOUNTS.admin.name },
			new_values: { status: 'cancelled' }
		});
		const cards = (await app.api('GET', `/api/v1/interviews/${id}/scorecards`, admin)).body.data;
		expect(cards).toHaveLength(1);

		// A removal whose projection was lost (a crash between storing the document and the table) is
		// caught up when the document is next loaded.
		await app.runtime.db.sql`update interviews set status = 'scheduled', removed_at = null where id = ${id}`;
		live.close();
		await app.restart();
		live = connectDoc(app, calendarDocName(app.orgId), { cookie: admin });
		await live.ready;
		await eventually(async () => (await row(id)).status === 'cancelled', 5_000, 50);
	});

	it('keeps made-up ids out of uuid columns: the rest of the interview is stored', async () => {
		const odd = '-'.repeat(36);
		const iv = liveInterview('lena', futureStart(14), [MARCO!.email], { round: 7, rescheduledFrom: odd });
		iv.panel = [...iv.panel, odd];
		createInterview(live.doc, iv);
		await eventually(async () => (await row(iv.id)).id === iv.id, 5_000, 50);
		const stored = await row(iv.id);
		expect(stored.panel.map((p: { id: string }) => p.id)).toEqual([ids[MARCO!.email]]);
		expect(stored.rescheduled_from).toBeNull();
	});

	it("ends a personal link's sessions as soon as the link is replaced", async () => {
		const candidate = apps.lena!.candidate.id;
		const first = await app.api('POST', `/api/v1/candidates/${candidate}/link`, admin);
		expect(first.status).toBe(201);
		const token = String(first.body.url).split('/l/')[1]!;
		const open = await app.request(`/l/${token}`);
		expect(open.status).toBe(303);
		const cookie = (open.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect((await app.api('GET', '/api/v1/me', cookie)).status).toBe(200);
		const second = await app.api('POST', `/api/v1/candidates/${candidate}/link`, admin);
		expect(second.status).toBe(201);
		expect((await app.api('GET', '/api/v1/me', cookie)).status).toBe(401);
	});
});
