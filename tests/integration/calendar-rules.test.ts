/**
 * The organization's calendar rules through the API, on each database: a holiday refuses bookings
 * and empties the slot finder on its day; load limits (the organization's default, an
 * interviewer's own) refuse the booking past them and close the day to the finder; the load report
 * counts what was booked. Each write checks who asks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { zonedDate } from '../../src/lib/domain/time';
import {
	ClosureList,
	ClosureResponse,
	LoadReportResponse,
	OwnLoadLimitResponse,
	SlotList
} from '../../src/lib/contract/api';
import { startTestApp, type TestApp } from '../helpers/app';
import { panelCopyDrift, seatCount } from '../helpers/panel-copy';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const [INES, MARCO] = DEMO_ACCOUNTS.interviewers;

/** The first Tuesday at least `days` ahead, at 15:00 UTC (10:00 or 11:00 in New York). */
function tuesdayAhead(days: number): Date {
	const d = new Date(Date.now() + days * 86400_000);
	while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
	d.setUTCHours(15, 0, 0, 0);
	return d;
}

describe.each(kinds)('holidays, blackout dates and load limits against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let orgZone: string;
	const ids: Record<string, string> = {};
	let apps: Record<string, string>;

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
		const list = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { name: string };
		}[];
		apps = Object.fromEntries(list.map((a) => [a.candidate.name.split(' ')[0]!.toLowerCase(), a.id]));
		const [org] = await app.runtime.db.sql<
			{ timezone: string }[]
		>`select timezone from organizations where id = ${app.orgId}`;
		orgZone = org!.timezone;
	});
	afterAll(async () => {
		await app?.close();
	});

	const book = (candidate: string, start: Date, panel: string[]) =>
		app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[candidate],
			start: start.toISOString(),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: panel.map((e) => ids[e])
		});
	let lastWhy: { date: string; blockers: { reason: string; person: { name: string } | null; message: string }[] }[] =
		[];
	const slots = async (panel: string[], from: Date, to: Date, zone?: string) => {
		const q = `interviewer_ids=${panel.map((e) => ids[e]).join(',')}&from=${from.toISOString()}&to=${to.toISOString()}&duration_min=45${zone ? `&timezone=${zone}` : ''}`;
		const res = await app.api('GET', `/api/v1/availability?${q}`, admin);
		expect(res.status).toBe(200);
		expect(SlotList.parse(res.body)).toBeTruthy();
		lastWhy = res.body.details.days;
		return (res.body.data as { start: string }[]).map((s) => s.start);
	};

	it('refuses a booking on a holiday with its name, offers no slot that day, and books again once it is removed', async () => {
		const start = tuesdayAhead(8);
		const day = zonedDate(start, orgZone);
		const bad = await app.api('POST', '/api/v1/closures', admin, { kind: 'party', name: '', start_date: '2026-02-30' });
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['kind', 'name', 'start_date']);
		const ines = await app.login(INES!.email);
		expect(
			(await app.api('POST', '/api/v1/closures', ines, { kind: 'holiday', name: 'X', start_date: day })).status
		).toBe(403);

		const created = await app.api('POST', '/api/v1/closures', admin, {
			kind: 'holiday',
			name: 'Founders’ Day',
			start_date: day
		});
		expect(created.status).toBe(201);
		expect(ClosureResponse.parse(created.body)).toEqual({ ...created.body, start_date: day, end_date: day });
		const listed = await app.api('GET', '/api/v1/closures', ines);
		expect(ClosureList.parse(listed.body).data.map((c) => c.name)).toContain('Founders’ Day');

		const refused = await book('sam', start, [INES!.email]);
		expect(refused.status).toBe(422);
		expect(refused.body.error.details.rule).toBe('holiday');
		expect(refused.body.error.message).toMatch(
			/^Founders’ Day \(\d+ \w+ \d{4}\) is a holiday: no interviews are booked then\.$/
		);

		const dayStart = new Date(start.getTime() - 15 * 3600_000);
		const around = await slots([INES!.email], dayStart, new Date(start.getTime() + 33 * 3600_000));
		expect(around.length).toBeGreaterThan(0);
		expect(around.filter((s) => zonedDate(s, orgZone) === day)).toEqual([]);
		// The finder says why that day is empty.
		expect(lastWhy.find((d) => d.date === day)?.blockers).toEqual([
			{ reason: 'holiday', person: null, message: 'Founders’ Day is a holiday: no interviews are booked then.' }
		]);

		expect((await app.api('DELETE', `/api/v1/closures/${created.body.id}`, admin)).status).toBe(200);
		expect((await app.api('DELETE', `/api/v1/closures/${created.body.id}`, admin)).status).toBe(404);
		const booked = await book('sam', start, [INES!.email]);
		expect(booked.status).toBe(201);
		await app.api('POST', `/api/v1/interviews/${booked.body.id}/cancel`, admin, { reason: 'Test over' });
	});

	it('holds the daily limit: the organization’s default, then the interviewer’s own, and the finder closes a full day', async () => {
		const start = tuesdayAhead(15);
		const later = new Date(start.getTime() + 2 * 3600_000);
		const set = await app.api('PUT', '/api/v1/load/default', admin, { per_day: 1, per_week: null });
		expect(set.status).toBe(200);
		expect(set.body).toEqual({ per_day: 1, per_week: null });

		const first = await book('lena', start, [INES!.email]);
		expect(first.status).toBe(201);
		const second = await book('sam', later, [INES!.email]);
		expect(second.status).toBe(422);
		expect(second.body.error.details.rule).toBe('over_load_limit');
		expect(second.body.error.details.fields.panel).toMatch(
			/already has 1 interview on \d{4}-\d\d-\d\d, their daily limit/
		);
		const ny = 'America/New_York';
		const free = await slots(
			[INES!.email],
			new Date(start.getTime() - 10 * 3600_000),
			new Date(start.getTime() + 40 * 3600_000)
		);
		expect(free.filter((s) => zonedDate(s, ny) === zonedDate(start, ny))).toEqual([]);
		expect(free.length).toBeGreaterThan(0);
		const why = await slots(
			[INES!.email],
			new Date(start.getTime() - 10 * 3600_000),
			new Date(start.getTime() + 40 * 3600_000),
			ny
		);
		expect(why.length).toBeGreaterThan(0);
		expect(lastWhy.find((d) => d.date === zonedDate(start, ny))?.blockers).toEqual([
			{
				reason: 'over_load_limit',
				person: { id: ids[INES!.email], name: INES!.name, role: 'interviewer' },
				message: 'At their daily limit of interviews.'
			}
		]);
		expect(second.body.error.details.problems[0].person_ids).toEqual([ids[INES!.email]]);

		// Ines raises her own limit; she may not change Marco's.
		const ines = await app.login(INES!.email);
		const mine = await app.api('PUT', `/api/v1/load/interviewers/${ids[INES!.email]}`, ines, { per_day: 3 });
		expect(mine.status).toBe(200);
		expect(OwnLoadLimitResponse.parse(mine.body)).toEqual({
			user_id: ids[INES!.email],
			own: { per_day: 3 },
			limit: { per_day: 3, per_week: null }
		});
		expect((await app.api('PUT', `/api/v1/load/interviewers/${ids[MARCO!.email]}`, ines, { per_day: 3 })).status).toBe(
			403
		);
		expect((await app.api('PUT', `/api/v1/load/interviewers/${ids[INES!.email]}`, admin, { per_day: 0 })).status).toBe(
			422
		);
		const now = await book('sam', later, [INES!.email]);
		expect(now.status).toBe(201);

		const report = await app.api('GET', '/api/v1/load?weeks_back=0&weeks_ahead=4', admin);
		expect(report.status).toBe(200);
		const parsed = LoadReportResponse.parse(report.body);
		const row = parsed.data.find((r) => r.id === ids[INES!.email])!;
		expect(row.limit).toEqual({ per_day: 3, per_week: null });
		expect(row.weeks.reduce((n, w) => n + w.count, 0)).toBeGreaterThanOrEqual(2);
		expect(row.weeks.some((w) => w.busiest_day_count >= 2)).toBe(true);
		expect((await app.api('GET', '/api/v1/load', ines)).status).toBe(403);
		// Back to no limits for the other tests of this app.
		await app.api('PUT', '/api/v1/load/default', admin, { per_day: null, per_week: null });
	});

	it('fills a pool seat with whoever is free, names whom and why, and the pick books', async () => {
		const from = new Date(tuesdayAhead(22).getTime() - 15 * 3600_000);
		const to = new Date(from.getTime() + 3 * 86400_000);
		const pool = [ids[MARCO!.email], ids[DEMO_ACCOUNTS.interviewers[2]!.email]].join(',');
		const res = await app.api(
			'GET',
			`/api/v1/availability?interviewer_ids=${ids[INES!.email]}&pool_ids=${pool}&pool_count=1&from=${from.toISOString()}&to=${to.toISOString()}&duration_min=45`,
			admin
		);
		expect(res.status).toBe(200);
		const slots = SlotList.parse(res.body).data;
		expect(slots.length).toBeGreaterThan(0);
		for (const s of slots) {
			expect(s.picked).toHaveLength(1);
			expect(s.why).toMatch(/^Least loaded of those free: \d+ interviews? that week\.$/);
		}
		const first = slots[0]!;
		const booked = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps.lena,
			start: first.start,
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			round: 2,
			panel: [ids[INES!.email], first.picked![0]!.id]
		});
		expect(booked.status, JSON.stringify(booked.body)).toBe(201);
	});

	it('picks from pools as the organization prefers, and explains pool members on days without a slot', async () => {
		const ines = await app.login(INES!.email);
		expect((await app.api('GET', '/api/v1/pools/preference', admin)).body).toEqual({ pool_preference: 'least_loaded' });
		const bad = await app.api('PUT', '/api/v1/pools/preference', admin, { pool_preference: 'round_robin' });
		expect(bad.status).toBe(422);
		expect((await app.api('PUT', '/api/v1/pools/preference', ines, { pool_preference: 'soonest' })).status).toBe(403);
		const set = await app.api('PUT', '/api/v1/pools/preference', admin, { pool_preference: 'soonest' });
		expect(set.body).toEqual({ pool_preference: 'soonest' });

		const from = new Date(tuesdayAhead(29).getTime() - 15 * 3600_000);
		const to = new Date(from.getTime() + 2 * 86400_000);
		const ask = (pool: string[], count: number) =>
			app.api(
				'GET',
				`/api/v1/availability?interviewer_ids=${ids[INES!.email]}&pool_ids=${pool.join(',')}&pool_count=${count}&from=${from.toISOString()}&to=${to.toISOString()}&duration_min=45`,
				admin
			);
		const pool = [ids[MARCO!.email]!, ids[DEMO_ACCOUNTS.interviewers[2]!.email]!];
		const soonest = SlotList.parse((await ask(pool, 1)).body).data;
		expect(soonest.length).toBeGreaterThan(0);
		for (const s of soonest) expect(s.why).toBe('Free at this time (first in the pool’s order).');

		// Two seats from a pool of one: nothing offered, and each day names the shortfall.
		const short = await ask([ids[MARCO!.email]!], 2);
		expect(short.status).toBe(200);
		expect(short.body.data).toEqual([]);
		const days = short.body.details.days as { blockers: { reason: string; message: string }[] }[];
		expect(days.length).toBeGreaterThan(0);
		expect(days.flatMap((d) => d.blockers.map((b) => b.message))).toContain(
			'Only 1 of the pool can join the panel this day; 2 are needed.'
		);
		await app.api('PUT', '/api/v1/pools/preference', admin, { pool_preference: 'least_loaded' });
	});
	it("keeps every seat's copy of its interview's time and status equal after these flows (migration 037)", async () => {
		expect(await seatCount(app.runtime.db.sql)).toBeGreaterThan(0);
		expect(await panelCopyDrift(app.runtime.db.sql)).toEqual([]);
	});
});
