/** The scheduling API: every endpoint's happy path, each error, and the role and organization matrix. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { hashPassword } from '../../src/lib/server/auth';
import { databaseKinds } from '../helpers/db';
import { bookDirect, futureStart } from '../helpers/calendar';
import { startTestApp, type TestApp } from '../helpers/app';
import { panelCopyDrift, seatCount } from '../helpers/panel-copy';

const kinds = await databaseKinds();
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;
const HOUR = 3600_000;

describe.each(kinds)('scheduling API against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	const ids: Record<string, string> = {};
	let apps: Record<string, { id: string; candidate: { id: string } }>;

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
		const list = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { id: string; name: string };
		}[];
		apps = Object.fromEntries(
			list.map((a) => [a.candidate.name.split(' ')[0]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(), a])
		);
	});
	afterAll(async () => {
		await app?.close();
	});

	const book = (candidate: string, start: string, panel: string[], extra: Record<string, unknown> = {}) =>
		app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[candidate]!.id,
			start,
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: panel.map((e) => ids[e]),
			...extra
		});

	it('schedules an interview, answers 201 with the interview and moves the application on', async () => {
		const start = futureStart(5);
		const res = await book('sam', start, [INES!.email]);
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			application_id: apps.sam!.id,
			candidate: { id: apps.sam!.candidate.id, name: 'Sam Carter' },
			start,
			end: new Date(Date.parse(start) + 45 * 60_000).toISOString(),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			round: 1,
			panel: [{ id: ids[INES!.email], name: INES!.name }],
			status: 'scheduled',
			rescheduled_from: null,
			conflicts: [],
			problems: []
		});
		const appAfter = (await app.api('GET', '/api/v1/applications?q=Sam', admin)).body.data[0];
		expect(appAfter.status).toBe('interview_scheduled');
		const logs = (await app.api('GET', `/api/v1/interviews/${res.body.id}/logs`, admin)).body.data;
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ action: 'scheduled', actor: { name: DEMO_ACCOUNTS.admin.name } });
	});

	it('answers a double booking with 409 naming the clashing interview, and stores nothing', async () => {
		const start = futureStart(6);
		const first = await book('lena', start, [MARCO!.email]);
		expect(first.status).toBe(201);
		const before = (await app.api('GET', '/api/v1/interviews?page_size=200', admin)).body.total;
		const clash = await book('tomas', new Date(Date.parse(start) + 15 * 60_000).toISOString(), [MARCO!.email], {
			mode: 'offline',
			type: 'in_person',
			location: 'Room 1'
		});
		expect(clash.status).toBe(409);
		expect(clash.body.error.code).toBe('conflict');
		expect(clash.body.error.details.conflicts).toEqual([
			expect.objectContaining({ interview_id: first.body.id, person_id: ids[MARCO!.email], role: 'interviewer' })
		]);
		expect((await app.api('GET', '/api/v1/interviews?page_size=200', admin)).body.total).toBe(before);
	});

	it('answers a broken rule with 422 naming the rule and the field', async () => {
		const soon = new Date(Date.now() + 30 * 60_000).toISOString();
		const res = await book('tomas', soon, [PRIYA!.email], { mode: 'offline', type: 'in_person', location: 'Room 1' });
		expect(res.status).toBe(422);
		expect(res.body.error.details.rule).toBe('min_notice');
		expect(res.body.error.details.fields).toHaveProperty('start');
		const online = await book('tomas', futureStart(7), [PRIYA!.email]);
		expect(online.status).toBe(422);
		expect(online.body.error.details.rule).toBe('online_disabled');
		const pending = await book('noah', futureStart(7), [PRIYA!.email]);
		expect(pending.status).toBe(422);
		expect(pending.body.error.details.fields).toHaveProperty('application_id');
		const notInterviewer = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps.tomas!.id,
			start: futureStart(8),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'in_person',
			mode: 'offline',
			location: 'Room 1',
			panel: [apps.sam!.candidate.id]
		});
		expect(notInterviewer.status).toBe(422);
		expect(notInterviewer.body.error.details.rule).toBe('panel_not_interviewer');
	});

	it('answers missing and malformed fields with 422 naming each, malformed JSON with 400', async () => {
		const res = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: 'nope',
			start: 'tomorrow',
			duration_min: 'long',
			panel: 'x'
		});
		expect(res.status).toBe(422);
		expect(Object.keys(res.body.error.details.fields).sort()).toEqual(
			['application_id', 'duration_min', 'mode', 'panel', 'start', 'timezone', 'type'].sort()
		);
		expect((await app.api('POST', '/api/v1/interviews', admin, '{"start":')).status).toBe(400);
		expect((await app.api('POST', '/api/v1/interviews', admin, 'x'.repeat(1024 * 1024 + 1))).status).toBe(413);
	});

	it('lists with filters, search, sort and paging', async () => {
		const all = await app.api('GET', '/api/v1/interviews?page_size=2&sort=-start', admin);
		expect(all.status).toBe(200);
		expect(all.body.page_size).toBe(2);
		expect(all.body.data).toHaveLength(2);
		expect(all.body.total).toBeGreaterThanOrEqual(7);
		expect(Date.parse(all.body.data[0].start)).toBeGreaterThanOrEqual(Date.parse(all.body.data[1].start));
		const page2 = await app.api('GET', '/api/v1/interviews?page_size=2&page=2&sort=-start', admin);
		expect(page2.body.data[0].id).not.toBe(all.body.data[0].id);
		const sam = await app.api('GET', '/api/v1/interviews?q=sam', admin);
		expect(sam.body.data.map((i: { candidate: { name: string } }) => i.candidate.name)).toEqual(['Sam Carter']);
		const completed = await app.api('GET', '/api/v1/interviews?status=completed', admin);
		expect(completed.body.data.length).toBeGreaterThanOrEqual(2);
		expect(completed.body.data.every((i: { status: string }) => i.status === 'completed')).toBe(true);
		const ines = await app.api('GET', `/api/v1/interviews?interviewer_id=${ids[INES!.email]}`, admin);
		expect(
			ines.body.data.every((i: { panel: { id: string }[] }) => i.panel.some((p) => p.id === ids[INES!.email]))
		).toBe(true);
		const window = await app.api(
			'GET',
			`/api/v1/interviews?from=${new Date().toISOString()}&to=${new Date(Date.now() + 4 * 86400_000).toISOString()}`,
			admin
		);
		expect(window.body.data.every((i: { start: string }) => Date.parse(i.start) < Date.now() + 4 * 86400_000)).toBe(
			true
		);
		const bad = await app.api('GET', '/api/v1/interviews?page=0&sort=sideways&status=lost', admin);
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['page', 'sort', 'status.0'].sort());
		const upcoming = await app.api('GET', '/api/v1/interviews/upcoming?days_ahead=30', admin);
		expect(upcoming.body.data.length).toBeGreaterThanOrEqual(3);
		expect(
			upcoming.body.data.every((i: { status: string }) => i.status === 'scheduled' || i.status === 'in_progress')
		).toBe(true);
	});

	it('reschedules with PATCH: new time, audit row with old and new start and the reason', async () => {
		const created = await book('aiko', futureStart(9), [PRIYA!.email]);
		// Aiko's application has interviews disabled: enable it first through the API.
		expect(created.status).toBe(422);
		expect(
			(
				await app.api('PATCH', `/api/v1/applications/${apps.aiko!.id}`, admin, {
					interview_enabled: true,
					online_interview_enabled: true
				})
			).status
		).toBe(200);
		const booked = await book('aiko', futureStart(9), [PRIYA!.email]);
		expect(booked.status).toBe(201);
		const newStart = new Date(Date.parse(booked.body.start) + 2 * HOUR).toISOString();
		// A new time without a reason is refused, as the calendar refuses it.
		const silent = await app.api('PATCH', `/api/v1/interviews/${booked.body.id}`, admin, { start: newStart });
		expect(silent.status).toBe(422);
		expect(silent.body.error.details.fields.reason).toBe('Give a reason for the new time.');
		const res = await app.api('PATCH', `/api/v1/interviews/${booked.body.id}`, admin, {
			start: newStart,
			reason: 'Panel member travelling'
		});
		expect(res.status).toBe(200);
		expect(res.body.start).toBe(newStart);
		const logs = (await app.api('GET', `/api/v1/interviews/${booked.body.id}/logs`, admin)).body.data;
		expect(logs.at(-1)).toMatchObject({
			action: 'rescheduled',
			reason: 'Panel member travelling',
			old_values: { start: booked.body.start },
			new_values: { start: newStart }
		});
		const [row] = await app.runtime.db.sql`select sequence from interviews where id = ${booked.body.id}`;
		expect(row!.sequence).toBe(1);
		expect((await app.api('PATCH', `/api/v1/interviews/${booked.body.id}`, admin, { reason: 'nothing' })).status).toBe(
			422
		);
		expect((await app.api('PATCH', `/api/v1/interviews/${booked.body.id}`, admin, { colour: 'red' })).status).toBe(422);
		// Moving onto a time when the panel member is already booked is a 409, and nothing moves.
		const other = await book('aiko', futureStart(11), [PRIYA!.email], { round: 2 });
		expect(other.status).toBe(201);
		const clash = await app.api('PATCH', `/api/v1/interviews/${other.body.id}`, admin, {
			start: newStart,
			reason: 'Try the same slot'
		});
		expect(clash.status).toBe(409);
		expect(clash.body.error.details.conflicts[0].interview_id).toBe(booked.body.id);
		expect((await app.api('GET', `/api/v1/interviews/${other.body.id}`, admin)).body.start).toBe(other.body.start);
	});

	it('cancels only with a reason, and a cancelled interview cannot be completed', async () => {
		const booked = await book('grace', futureStart(10), [INES!.email]);
		// Grace is approved: not eligible for a new interview.
		expect(booked.status).toBe(422);
		const list = (await app.api('GET', '/api/v1/interviews?q=Oliver', admin)).body.data;
		const oliver = list[0];
		const noReason = await app.api('POST', `/api/v1/interviews/${oliver.id}/cancel`, admin, {});
		expect(noReason.status).toBe(422);
		expect(noReason.body.error.details.fields).toHaveProperty('reason');
		const ok = await app.api('POST', `/api/v1/interviews/${oliver.id}/cancel`, admin, {
			reason: 'Candidate asked to withdraw'
		});
		expect(ok.status).toBe(200);
		expect(ok.body.status).toBe('cancelled');
		const logs = (await app.api('GET', `/api/v1/interviews/${oliver.id}/logs`, admin)).body.data;
		expect(logs.at(-1)).toMatchObject({
			action: 'cancelled',
			reason: 'Candidate asked to withdraw',
			new_values: { status: 'cancelled' }
		});
		const complete = await app.api('POST', `/api/v1/interviews/${oliver.id}/complete`, admin);
		expect(complete.status).toBe(422);
		expect(complete.body.error.details.rule).toBe('invalid_transition');
	});

	it('lets a panel interviewer read and complete their interview, and nobody else on the panel side', async () => {
		const jonas = (await app.api('GET', '/api/v1/interviews?q=Jonas', admin)).body.data[0];
		const panelIds = jonas.panel.map((p: { id: string }) => p.id);
		const onPanel = DEMO_ACCOUNTS.interviewers.find((i) => panelIds.includes(ids[i.email]))!;
		const offPanel = DEMO_ACCOUNTS.interviewers.find((i) => !panelIds.includes(ids[i.email]))!;
		const on = await app.login(onPanel.email);
		const off = await app.login(offPanel.email);
		expect((await app.api('GET', `/api/v1/interviews/${jonas.id}`, on)).status).toBe(200);
		expect((await app.api('GET', `/api/v1/interviews/${jonas.id}`, off)).status).toBe(404);
		expect((await app.api('GET', `/api/v1/interviews/${jonas.id}/logs`, off)).status).toBe(404);
		expect((await app.api('POST', `/api/v1/interviews/${jonas.id}/complete`, off)).status).toBe(404);
		expect((await app.api('PATCH', `/api/v1/interviews/${jonas.id}`, on, { location: 'Elsewhere' })).status).toBe(403);
		expect((await app.api('POST', `/api/v1/interviews/${jonas.id}/cancel`, on, { reason: 'x' })).status).toBe(403);
		const mine = (await app.api('GET', '/api/v1/interviews?page_size=200', off)).body.data;
		expect(mine.every((i: { panel: { id: string }[] }) => i.panel.some((p) => p.id === ids[offPanel.email]))).toBe(
			true
		);
		// Jonas's interview is still ahead: its outcome cannot be recorded yet.
		const early = await app.api('POST', `/api/v1/interviews/${jonas.id}/complete`, on);
		expect(early.status).toBe(422);
		expect(early.body.error.details.rule).toBe('not_started');
		expect((await app.api('POST', `/api/v1/interviews/${jonas.id}/no-show`, admin)).body.error.details.rule).toBe(
			'not_started'
		);
		const [begun] = await bookDirect(app, [
			{ candidate: 'jonas@student.test', startInMin: -10, mode: 'offline', panel: [onPanel.email], round: 7 }
		]);
		const done = await app.api('POST', `/api/v1/interviews/${begun}/complete`, on);
		expect(done.status).toBe(200);
		expect(done.body.status).toBe('completed');
		const logs = (await app.api('GET', `/api/v1/interviews/${begun}/logs`, admin)).body.data;
		expect(logs.at(-1)).toMatchObject({ action: 'completed', actor: { id: ids[onPanel.email] } });
		// No-show is for admins, once the interview has begun.
		const [missed] = await bookDirect(app, [
			{ candidate: 'jonas@student.test', startInMin: -20, mode: 'online', panel: [onPanel.email], round: 8 }
		]);
		expect((await app.api('POST', `/api/v1/interviews/${missed}/no-show`, on)).status).toBe(403);
		const noShow = await app.api('POST', `/api/v1/interviews/${missed}/no-show`, admin);
		expect(noShow.status).toBe(200);
		expect(noShow.body.status).toBe('no_show');
		expect((await app.api('GET', '/api/v1/members?role=interviewer', on)).status).toBe(200);
		expect((await app.api('GET', '/api/v1/members?role=candidate', on)).status).toBe(403);
	});

	it('gives a candidate their own interviews through /me only', async () => {
		const mei = DEMO_ACCOUNTS.candidates.find((c) => c.name === 'Mei Chen')!;
		const cookie = await app.login(mei.email);
		const mine = await app.api('GET', '/api/v1/me/interviews', cookie);
		expect(mine.status).toBe(200);
		expect(mine.body.data).toHaveLength(1);
		expect(mine.body.data[0].candidate.name).toBe('Mei Chen');
		expect(mine.body.data[0]).not.toHaveProperty('conflicts');
		const someoneElse = (await app.api('GET', '/api/v1/interviews?q=Jonas', admin)).body.data[0];
		expect((await app.api('GET', `/api/v1/interviews/${someoneElse.id}`, cookie)).status).toBe(403);
		expect((await app.api('GET', '/api/v1/interviews', cookie)).status).toBe(403);
		expect((await app.api('GET', `/api/v1/candidates/${apps.jonas!.candidate.id}/interviews`, cookie)).status).toBe(
			403
		);
		expect((await app.api('GET', '/api/v1/applications', cookie)).status).toBe(403);
		const byAdmin = await app.api('GET', `/api/v1/candidates/${apps.mei!.candidate.id}/interviews`, admin);
		expect(byAdmin.body.data.map((i: { candidate: { name: string } }) => i.candidate.name)).toEqual(['Mei Chen']);
	});

	it('hides another organization behind 404', async () => {
		const sql = app.runtime.db.sql;
		const [org] = await sql<
			{ id: string }[]
		>`insert into organizations (slug, name, timezone) values ('other-college', 'Other College', 'Europe/Paris') returning id`;
		const [u] = await sql<
			{ id: string }[]
		>`insert into users (email, name, password_hash) values ('boss@other.test', 'Other Admin', ${await hashPassword('other-password')}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${org!.id}, 'admin')`;
		const other = await app.login('boss@other.test', 'other-password');
		const mei = (await app.api('GET', '/api/v1/interviews?q=Mei', admin)).body.data[0];
		expect((await app.api('GET', `/api/v1/interviews/${mei.id}`, other)).status).toBe(404);
		expect((await app.api('PATCH', `/api/v1/interviews/${mei.id}`, other, { location: 'x' })).status).toBe(404);
		expect((await app.api('POST', `/api/v1/interviews/${mei.id}/cancel`, other, { reason: 'x' })).status).toBe(404);
		expect((await app.api('GET', `/api/v1/interviews/${mei.id}/logs`, other)).status).toBe(404);
		expect(
			(await app.api('PATCH', `/api/v1/applications/${apps.mei!.id}`, other, { interview_enabled: false })).status
		).toBe(404);
		expect((await app.api('GET', '/api/v1/interviews', other)).body.total).toBe(0);
		const steal = await app.api('POST', '/api/v1/interviews', other, {
			application_id: apps.lena!.id,
			start: futureStart(12),
			duration_min: 30,
			timezone: 'Europe/Paris',
			type: 'phone',
			mode: 'online',
			panel: []
		});
		expect(steal.status).toBe(404);
		expect((await app.api('GET', `/api/v1/interviews/${mei.id}`, admin)).body.status).toBe('scheduled');
	});

	it('validates application moves', async () => {
		const noah = apps.noah!;
		const bad = await app.api('PATCH', `/api/v1/applications/${noah.id}`, admin, { status: 'approved' });
		expect(bad.status).toBe(422);
		expect(bad.body.error.details.rule).toBe('invalid_status_move');
		const ok = await app.api('PATCH', `/api/v1/applications/${noah.id}`, admin, {
			status: 'selected',
			interview_enabled: true
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ status: 'selected', interview_enabled: true, online_interview_enabled: false });
		const interviewer = await app.login(INES!.email);
		expect(
			(await app.api('PATCH', `/api/v1/applications/${noah.id}`, interviewer, { status: 'rejected' })).status
		).toBe(403);
		expect((await app.api('GET', '/api/v1/cycles', admin)).body.data).toHaveLength(1);
	});

	it('finds free slots for a panel and a candidate, and none inside a booking', async () => {
		const from = futureStart(14, 0);
		const to = new Date(Date.parse(from) + 3 * 86400_000).toISOString();
		const q = `interviewer_ids=${ids[INES!.email]},${ids[MARCO!.email]}&candidate_id=${apps.lena!.candidate.id}&from=${from}&to=${to}&duration_min=60`;
		const res = await app.api('GET', `/api/v1/availability?${q}`, admin);
		expect(res.status).toBe(200);
		expect(res.body.data.length).toBeGreaterThan(0);
		const booked = await book('lena', res.body.data[0].start, [INES!.email]);
		expect(booked.status).toBe(422); // Lena already has an active round-1 interview
		expect(booked.body.error.details.rule).toBe('round_taken');
		const round2 = await book('lena', res.body.data[0].start, [INES!.email], { round: 2 });
		expect(round2.status).toBe(201);
		const again = await app.api('GET', `/api/v1/availability?${q}`, admin);
		const taken = Date.parse(round2.body.start);
		for (const slot of again.body.data as { start: string; end: string }[]) {
			expect(Date.parse(slot.end) <= taken || Date.parse(slot.start) >= Date.parse(round2.body.end)).toBe(true);
		}
		expect(
			(await app.api('GET', `/api/v1/availability?interviewer_ids=&from=${from}&to=${to}&duration_min=60`, admin))
				.status
		).toBe(422);
	});

	it('offers no slot past the 90-day limit, and the last one offered can be booked', async () => {
		// Issue 11 item 7: the finder offered 240 slots past "at most 90 days from now".
		const DAY = 86400_000;
		const from = new Date(Date.now() + 85 * DAY).toISOString();
		const to = new Date(Date.now() + 95 * DAY).toISOString();
		const q = `interviewer_ids=${ids[INES!.email]}&from=${from}&to=${to}&duration_min=45`;
		const res = await app.api('GET', `/api/v1/availability?${q}`, admin);
		expect(res.status).toBe(200);
		const starts = (res.body.data as { start: string }[]).map((s) => Date.parse(s.start));
		expect(starts.length).toBeGreaterThan(0);
		const limit = Date.now() + 90 * DAY;
		expect(starts.filter((s) => s > limit)).toEqual([]);
		const last = new Date(Math.max(...starts)).toISOString();
		const booked = await book('sam', last, [INES!.email], { round: 7 });
		expect(booked.status).toBe(201);
	});

	it('asks the application again when an edit turns an interview online, and lets a longer one keep its start', async () => {
		// Tomás's application allows in-person interviews only. The copies disagreed: the API let an
		// edit turn his interview online, the projection flagged it; the judge refuses it.
		const inPerson = await book('tomas', futureStart(12), [PRIYA!.email], {
			mode: 'offline',
			type: 'in_person',
			location: 'Room 2',
			round: 4
		});
		expect(inPerson.status).toBe(201);
		const online = await app.api('PATCH', `/api/v1/interviews/${inPerson.body.id}`, admin, {
			mode: 'online',
			type: 'video',
			location: ''
		});
		expect(online.status).toBe(422);
		expect(online.body.error.details.rule).toBe('online_disabled');
		expect((await app.api('GET', `/api/v1/interviews/${inPerson.body.id}`, admin)).body.mode).toBe('offline');
		// A longer interview at the same start needs no reason (a new start does).
		const longer = await app.api('PATCH', `/api/v1/interviews/${inPerson.body.id}`, admin, { duration_min: 60 });
		expect(longer.status).toBe(200);
		expect(longer.body.duration_min).toBe(60);
	});

	it('authenticates personal API tokens, and a revoked token stops working', async () => {
		const created = await app.api('POST', '/api/v1/tokens', admin, { name: 'Reporting script' });
		expect(created.status).toBe(201);
		const token = created.body.token as string;
		const headers = { authorization: `Bearer ${token}` };
		const list = await app.request('/api/v1/interviews', { headers });
		expect(list.status).toBe(200);
		const [stored] = await app.runtime.db.sql`select token_hash from api_tokens where id = ${created.body.id}`;
		expect(stored!.token_hash).not.toContain(token);
		const collab = await app.request('/api/v1/collab/token', { headers });
		expect(collab.status).toBe(200);
		// A token acts on the API only: a page (and its form actions) sees a signed-out visitor.
		const page = await app.request('/settings', { headers });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/login/);
		const mint = await app.request('/settings?/createToken', {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=escape'
		});
		// SvelteKit answers a non-browser form post with its JSON result: a redirect to sign in.
		expect(await mint.text()).toMatch(/"type":"redirect".*\/login/);
		const [minted] = await app.runtime.db.sql<
			{ n: number }[]
		>`select count(*)::int as n from api_tokens where name = 'escape'`;
		expect(minted!.n).toBe(0);
		expect((await app.api('DELETE', `/api/v1/tokens/${created.body.id}`, admin)).status).toBe(200);
		const after = await app.request('/api/v1/interviews', { headers });
		expect(after.status).toBe(401);
		expect((await app.request('/api/v1/interviews', { headers: { authorization: 'Bearer nonsense' } })).status).toBe(
			401
		);
	});

	it('refuses a page number past 100000 with 422, not a database error', async () => {
		const res = await app.api('GET', '/api/v1/interviews?page=1000000000000000000', admin);
		expect(res.status).toBe(422);
		expect(res.body.error.details.fields.page).toMatch(/at most|whole number/);
		const big = await app.api('GET', '/api/v1/interviews?page=100001', admin);
		expect(big.body.error.details.fields.page).toBe('must be at most 100000');
	});

	it('answers 401 without a session and 404 for unknown ids', async () => {
		expect((await app.api('GET', '/api/v1/interviews')).status).toBe(401);
		expect((await app.api('POST', '/api/v1/interviews', undefined, {})).status).toBe(401);
		expect((await app.api('GET', `/api/v1/interviews/${crypto.randomUUID()}`, admin)).status).toBe(404);
		expect((await app.api('GET', '/api/v1/interviews/not-a-uuid', admin)).status).toBe(404);
	});
	it("keeps every seat's copy of its interview's time and status equal after these flows (migration 037)", async () => {
		expect(await seatCount(app.runtime.db.sql)).toBeGreaterThan(0);
		expect(await panelCopyDrift(app.runtime.db.sql)).toEqual([]);
	});
});
