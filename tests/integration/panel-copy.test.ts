/**
 * Migration 037: a seat of a panel carries its interview's organization, start, end and status, so the
 * slot finder reads a panel's interviews without joining them. Triggers keep the copy whoever writes
 * `interviews` (the projection, the jobs, the room, a removal, a direct update) or a seat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { migrate } from '../../db/migrate';
import { seedDemo } from '../../db/seed';
import { ANALYZE_EVERY_MS, refreshStatistics } from '../../db/statistics';
import { createTestDatabase, databaseKinds } from '../helpers/db';
import { panelCopyDrift, seatCount } from '../helpers/panel-copy';

const kinds = await databaseKinds();

describe.each(kinds)('the seats’ copy of their interview against the %s database', (kind) => {
	let db: Database;
	let id: string;
	let spare: string;
	beforeAll(async () => {
		db = await createTestDatabase(kind);
		await migrate(db.sql);
		await seedDemo(db.sql);
		// One interview of a seeded application, with two interviewers on its panel, written directly.
		const [app] = await db.sql<{ org_id: string; cycle_id: string; candidate_id: string; id: string }[]>`
			select id, org_id, cycle_id, candidate_id from applications limit 1`;
		const people = await db.sql<{ id: string }[]>`select user_id as id from memberships
			where org_id = ${app!.org_id} and role = 'interviewer' order by user_id limit 3`;
		id = crypto.randomUUID();
		await db.sql`insert into interviews (id, org_id, application_id, cycle_id, candidate_id, start_at, end_at,
				duration_min, timezone, type, mode, status)
			values (${id}, ${app!.org_id}, ${app!.id}, ${app!.cycle_id}, ${app!.candidate_id}, '2031-03-03T15:00:00Z',
				'2031-03-03T15:45:00Z', 45, 'UTC', 'video', 'online', 'scheduled')`;
		for (const p of people.slice(0, 2))
			await db.sql`insert into interview_panel (interview_id, user_id) values (${id}, ${p.id})`;
		spare = people[2]!.id;
	});
	afterAll(async () => {
		await db?.close();
	});

	const seats = () =>
		db.sql<{ start_at: Date; end_at: Date; status: string }[]>`select start_at, end_at, status from interview_panel
			where interview_id = ${id}`;

	it('copies an interview onto a seat when the seat is written', async () => {
		expect(await seatCount(db.sql)).toBeGreaterThan(0);
		expect(await panelCopyDrift(db.sql)).toEqual([]);
	});

	it('follows a direct change of time, status and removal', async () => {
		const start = new Date('2031-03-04T15:00:00Z');
		const end = new Date('2031-03-04T16:00:00Z');
		await db.sql`update interviews set start_at = ${start}, end_at = ${end} where id = ${id}`;
		for (const s of await seats()) expect([s.start_at.getTime(), s.end_at.getTime()]).toEqual([+start, +end]);
		await db.sql`update interviews set status = 'in_progress' where id = ${id}`;
		expect((await seats()).map((s) => s.status)).toEqual((await seats()).map(() => 'in_progress'));
		await db.sql`update interviews set status = 'cancelled', removed_at = now() where id = ${id}`;
		expect(new Set((await seats()).map((s) => s.status))).toEqual(new Set(['cancelled']));
		expect(await panelCopyDrift(db.sql)).toEqual([]);
	});

	it('overrides what a writer of a seat says with its interview’s facts', async () => {
		await db.sql`insert into interview_panel (interview_id, user_id, org_id, start_at, end_at, status)
			values (${id}, ${spare}, gen_random_uuid(), now(), now(), 'scheduled')`;
		expect(await seats()).toHaveLength(3);
		expect(await panelCopyDrift(db.sql)).toEqual([]);
		await db.sql`update interview_panel set start_at = now(), status = 'scheduled' where interview_id = ${id}`;
		expect(await panelCopyDrift(db.sql)).toEqual([]);
	});

	it('refuses a seat of no interview as the foreign key does', async () => {
		const err =
			await db.sql`insert into interview_panel (interview_id, user_id) values (${crypto.randomUUID()}, ${spare})`.then(
				() => null,
				(e: { code?: string }) => e
			);
		expect(err?.code).toBe('23503');
	});

	it('analyzes the embedded database (it has no autovacuum) at most hourly, and leaves Postgres to its own', async () => {
		const stats = async () => {
			const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_stats
				where tablename in ('interviews', 'interview_panel')`;
			return row!.n;
		};
		const t = Date.now();
		expect(await refreshStatistics(db, t)).toBe(kind === 'embedded');
		if (kind === 'embedded') {
			expect(await stats()).toBeGreaterThan(0);
			expect(await refreshStatistics(db, t + ANALYZE_EVERY_MS - 1)).toBe(false);
			expect(await refreshStatistics(db, t + ANALYZE_EVERY_MS)).toBe(true);
		}
	});

	it('leaves with its interview', async () => {
		await db.sql`delete from interviews where id = ${id}`;
		expect(await db.sql`select 1 from interview_panel where interview_id = ${id}`).toHaveLength(0);
	});
});
