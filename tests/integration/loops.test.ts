/**
 * A loop books in one step, on each database: every session or none, each the next round. Its start
 * is found whole, and it moves and is cancelled as a unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { LoopDetail, LoopLogList, LoopResponse, LoopStartList } from '../../src/lib/contract/api';
import { startTestApp, type TestApp } from '../helpers/app';
import { panelCopyDrift, seatCount } from '../helpers/panel-copy';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;

describe.each(kinds)('loops against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	const ids: Record<string, string> = {};
	const apps: Record<string, string> = {};

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
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

	const start = () => {
		const d = new Date(Date.now() + 10 * 86400_000);
		while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
		d.setUTCHours(15, 0, 0, 0);
		return d;
	};
	const loop = (first: Date) =>
		app.api('POST', '/api/v1/loops', admin, {
			application_id: apps[DEMO_ACCOUNTS.candidates[1]!.email],
			start: first.toISOString(),
			timezone: 'America/New_York',
			break_min: 15,
			mode: 'online',
			sessions: [INES, MARCO, PRIYA].map((p) => ({ panel: [ids[p!.email]], duration_min: 45, type: 'video' }))
		});
	const lenaInterviews = () =>
		app.runtime.db.sql<{ round: number; start_at: Date }[]>`select i.round, i.start_at from interviews i
			join users u on u.id = i.candidate_id where u.email = ${DEMO_ACCOUNTS.candidates[1]!.email} order by i.start_at`;

	it('books none of a loop when one session would double-book someone, and names that session', async () => {
		const first = start();
		// Marco is busy when the second session would start (first + 45 + 15 minutes).
		const clash = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[DEMO_ACCOUNTS.candidates[0]!.email],
			start: new Date(first.getTime() + 60 * 60_000).toISOString(),
			duration_min: 30,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [ids[MARCO!.email]]
		});
		expect(clash.status).toBe(201);
		const refused = await loop(first);
		expect(refused.status).toBe(409);
		expect(refused.body.error.details.session).toBe(1);
		expect(refused.body.error.message).toMatch(/^Session 2: This would double-book a person/);
		expect(await lenaInterviews()).toEqual([]);
		await app.api('POST', `/api/v1/interviews/${clash.body.id}/cancel`, admin, { reason: 'Test over' });
	});

	it('books every session back to back with the breaks, as the application’s next rounds', async () => {
		const first = start();
		const res = await loop(first);
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(LoopResponse.parse(res.body).interview_ids).toHaveLength(3);
		const rows = await lenaInterviews();
		expect(rows.map((r) => [r.round, r.start_at.toISOString()])).toEqual(
			[0, 1, 2].map((i) => [i + 1, new Date(first.getTime() + i * 60 * 60_000).toISOString()])
		);
		const [stored] = await app.runtime.db.sql<
			{ interview_ids: string[] }[]
		>`select interview_ids::text[] from interview_loops`;
		expect(stored!.interview_ids).toEqual(res.body.interview_ids);
	});
	// Tomás: in person only; his loop is found, booked, moved and cancelled as a unit on a Wednesday.
	// Marco's, Ines's and Priya's hours (three zones) meet a loop in that order with hour-long breaks.
	const wednesday = () => {
		const d = new Date(Date.now() + 10 * 86400_000);
		while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
		d.setUTCHours(0, 0, 0, 0);
		return d;
	};
	const tomasLoop = (extra: Record<string, unknown>) => ({
		application_id: apps[DEMO_ACCOUNTS.candidates[2]!.email],
		timezone: 'America/New_York',
		break_min: 60,
		mode: 'offline',
		location: 'Room 4',
		sessions: [MARCO, INES, PRIYA].map((p) => ({ panel: [ids[p!.email]], duration_min: 45, type: 'in_person' })),
		...extra
	});
	const day = (d: Date, n: number) => new Date(d.getTime() + n * 86400_000).toISOString();
	const tomasRows = () =>
		app.runtime.db.sql<{ id: string; start_at: Date; status: string }[]>`select i.id, i.start_at, i.status
			from interviews i join users u on u.id = i.candidate_id
			where u.email = ${DEMO_ACCOUNTS.candidates[2]!.email} order by i.start_at`;
	let tomas = '';

	it('offers only loop starts at which every session is free, and an offered start books', async () => {
		const wed = wednesday();
		const search = () =>
			app.api('POST', '/api/v1/loops/availability', admin, tomasLoop({ from: day(wed, 0), to: day(wed, 1) }));
		const before = await search();
		expect(before.status, JSON.stringify(before.body)).toBe(200);
		const starts = LoopStartList.parse(before.body).data;
		expect(starts.length).toBeGreaterThan(0);
		for (const s of starts) {
			expect(s.sessions.map((x) => Date.parse(x.start) - Date.parse(s.start))).toEqual(
				[0, 105, 210].map((m) => m * 60_000)
			);
		}
		// Ines (the second session) gets busy when it would start after the first offered start: that start goes.
		const first = starts[0]!.start;
		const clash = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[DEMO_ACCOUNTS.candidates[0]!.email],
			start: new Date(Date.parse(first) + 105 * 60_000).toISOString(),
			duration_min: 30,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [ids[INES!.email]]
		});
		expect(clash.status).toBe(201);
		const after = LoopStartList.parse((await search()).body).data.map((s) => s.start);
		expect(after).not.toContain(first);
		expect(after.length).toBeGreaterThan(0);
		await app.api('POST', `/api/v1/interviews/${clash.body.id}/cancel`, admin, { reason: 'Test over' });
		// Every offered start books: the finder and the booking ask the same judge.
		const booked = await app.api('POST', '/api/v1/loops', admin, tomasLoop({ start: after.at(-1) }));
		expect(booked.status, JSON.stringify(booked.body)).toBe(201);
		tomas = booked.body.id;
		expect((await tomasRows()).map((r) => r.start_at.toISOString())).toEqual(
			[0, 105, 210].map((m) => new Date(Date.parse(after.at(-1)!) + m * 60_000).toISOString())
		);
	});

	it('spreads a loop over two days: the rest start the next day at the same time', async () => {
		// Marco again on the second day, at the time his first session began.
		const twoDays = [MARCO, INES, MARCO].map((p) => ({ panel: [ids[p!.email]], duration_min: 45, type: 'in_person' }));
		const wed = wednesday();
		const res = await app.api(
			'POST',
			'/api/v1/loops/availability',
			admin,
			tomasLoop({ split_after: 2, sessions: twoDays, from: day(wed, 7), to: day(wed, 9) })
		);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const starts = LoopStartList.parse(res.body).data;
		expect(starts.length).toBeGreaterThan(0);
		for (const s of starts)
			expect(s.sessions.map((x) => (Date.parse(x.start) - Date.parse(s.start)) / 60_000)).toEqual([0, 105, 24 * 60]);
		const bad = await app.api(
			'POST',
			'/api/v1/loops/availability',
			admin,
			tomasLoop({ split_after: 3, from: day(wed, 7), to: day(wed, 8) })
		);
		expect(bad.status).toBe(422);
		expect(bad.body.error.details.fields.split_after).toBeDefined();
	});

	it('refuses a loop search whose panel names someone who is no interviewer here, and names them', async () => {
		// The search reads only its own people now; a candidate on a panel is still no interviewer.
		const outsider = ids[DEMO_ACCOUNTS.candidates[0]!.email]!;
		const sessions = [MARCO, INES].map((p) => ({ panel: [ids[p!.email]], duration_min: 45, type: 'in_person' }));
		const wed = wednesday();
		const res = await app.api(
			'POST',
			'/api/v1/loops/availability',
			admin,
			tomasLoop({
				sessions: [...sessions, { panel: [outsider], duration_min: 45, type: 'in_person' }],
				from: day(wed, 0),
				to: day(wed, 1)
			})
		);
		expect(res.status, JSON.stringify(res.body)).toBe(422);
		expect(res.body.error.details.fields.interviewer_ids).toContain(outsider);
	});

	it('moves a loop as a unit, all or none, and records each session’s move once', async () => {
		const before = await tomasRows();
		const target = new Date(before[0]!.start_at.getTime() + 86400_000);
		// Priya (the third session) is busy at the third session's new time: nothing moves.
		const clash = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[DEMO_ACCOUNTS.candidates[0]!.email],
			start: new Date(target.getTime() + 210 * 60_000).toISOString(),
			duration_min: 30,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [ids[PRIYA!.email]]
		});
		expect(clash.status).toBe(201);
		const options = await app.api(
			'GET',
			`/api/v1/loops/${tomas}/availability?from=${day(target, 0)}&to=${day(target, 0.5)}`,
			admin
		);
		expect(options.status).toBe(200);
		expect(LoopStartList.parse(options.body).data.map((s) => s.start)).not.toContain(target.toISOString());
		// Asked for that one time only, the answer says why the loop cannot move there.
		const only = await app.api(
			'GET',
			`/api/v1/loops/${tomas}/availability?from=${target.toISOString()}&to=${new Date(target.getTime() + 255 * 60_000).toISOString()}`,
			admin
		);
		const none = LoopStartList.parse(only.body);
		expect(none.data).toEqual([]);
		const blockers = none.details!.days.flatMap((d) => d.blockers);
		expect(blockers.map((b) => [b.session, b.reason, b.person?.name])).toContainEqual([3, 'busy', PRIYA!.name]);
		const refused = await app.api('POST', `/api/v1/loops/${tomas}/reschedule`, admin, {
			start: target.toISOString(),
			reason: 'Panel travel'
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error.details.session).toBe(2);
		expect(await tomasRows()).toEqual(before);
		await app.api('POST', `/api/v1/interviews/${clash.body.id}/cancel`, admin, { reason: 'Test over' });

		const moved = await app.api('POST', `/api/v1/loops/${tomas}/reschedule`, admin, {
			start: target.toISOString(),
			reason: 'Panel travel'
		});
		expect(moved.status, JSON.stringify(moved.body)).toBe(200);
		const detail = LoopDetail.parse(moved.body);
		expect(detail.sessions.map((s) => s.start)).toEqual(
			before.map((r) => new Date(r.start_at.getTime() + 86400_000).toISOString())
		);
		expect((await tomasRows()).map((r) => r.start_at.getTime())).toEqual(
			before.map((r) => r.start_at.getTime() + 86400_000)
		);
		const logs = await app.runtime.db.sql<{ interview_id: string }[]>`select interview_id from interview_logs
			where interview_id = any(${before.map((r) => r.id)}::uuid[]) and reason = 'Panel travel'`;
		expect(logs.map((l) => l.interview_id).sort()).toEqual(before.map((r) => r.id).sort());
	});

	it('cancels a loop as a unit with one reason, and then has nothing left to cancel', async () => {
		const res = await app.api('POST', `/api/v1/loops/${tomas}/cancel`, admin, { reason: 'Candidate withdrew' });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(LoopDetail.parse(res.body).sessions.map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
		expect((await tomasRows()).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
		const again = await app.api('POST', `/api/v1/loops/${tomas}/cancel`, admin, { reason: 'Again' });
		expect(again.status).toBe(422);
	});

	it('keeps one history entry for the loop per booking, move and cancel, with who, why and each session', async () => {
		const res = await app.api('GET', `/api/v1/loops/${tomas}/logs`, admin);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const logs = LoopLogList.parse(res.body).data;
		expect(logs.map((l) => [l.action, l.reason, l.actor?.name])).toEqual([
			['booked', null, DEMO_ACCOUNTS.admin.name],
			['rescheduled', 'Panel travel', DEMO_ACCOUNTS.admin.name],
			['cancelled', 'Candidate withdrew', DEMO_ACCOUNTS.admin.name]
		]);
		const rows = await tomasRows();
		expect(logs[0]!.sessions.map((s) => [s.position, s.before])).toEqual([
			[1, null],
			[2, null],
			[3, null]
		]);
		const moved = logs[1]!.sessions;
		expect(moved.map((s) => s.interview_id)).toEqual(rows.map((r) => r.id));
		for (const s of moved) expect(Date.parse(s.after.start) - Date.parse(s.before!.start)).toBe(86400_000);
		expect(logs[2]!.sessions.map((s) => [s.before!.status, s.after.status])).toEqual(
			rows.map(() => ['scheduled', 'cancelled'])
		);
		expect((await app.api('GET', '/api/v1/loops/00000000-0000-4000-8000-000000000000/logs', admin)).status).toBe(404);
		const ines = await app.login(INES!.email);
		expect((await app.api('GET', `/api/v1/loops/${tomas}/logs`, ines)).status).toBe(403);
	});

	it('says, when a loop fits nowhere, which session is blocked, by whom and on which day', async () => {
		const wed = wednesday();
		// Priya (the third session) is busy from 16:00 to midnight UTC on Wednesday.
		const clash = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[DEMO_ACCOUNTS.candidates[0]!.email],
			start: new Date(wed.getTime() + 16 * 3600_000).toISOString(),
			duration_min: 480,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [ids[PRIYA!.email]]
		});
		expect(clash.status, JSON.stringify(clash.body)).toBe(201);
		const res = await app.api(
			'POST',
			'/api/v1/loops/availability',
			admin,
			tomasLoop({ from: day(wed, 0), to: day(wed, 1) })
		);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const found = LoopStartList.parse(res.body);
		expect(found.data).toEqual([]);
		expect(found.details!.timezone).toBe('America/New_York');
		const wednesdayNy = found.details!.days.find((d) => d.date === day(wed, 0).slice(0, 10))!;
		expect(wednesdayNy.blockers.filter((b) => b.session === 3).map((b) => [b.reason, b.person?.name])).toContainEqual([
			'busy',
			PRIYA!.name
		]);
		const busy = wednesdayNy.blockers.find((b) => b.reason === 'busy' && b.session === 3)!;
		expect(busy.busy!.map((x) => x.interview_id)).toContain(clash.body.id);
		// The evening before (New York) is outside Marco's hours, so the first session cannot start.
		const tuesday = found.details!.days.find((d) => d.date < day(wed, 0).slice(0, 10))!;
		expect(tuesday.blockers.every((b) => b.session === 1)).toBe(true);
		await app.api('POST', `/api/v1/interviews/${clash.body.id}/cancel`, admin, { reason: 'Test over' });
	});
	it("keeps every seat's copy of its interview's time and status equal after these flows (migration 037)", async () => {
		expect(await seatCount(app.runtime.db.sql)).toBeGreaterThan(0);
		expect(await panelCopyDrift(app.runtime.db.sql)).toEqual([]);
	});
});
