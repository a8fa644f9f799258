/**
 * Decision 74: the slot finder and the judge read a panel's interviews from its seats alone (the
 * copies of migration 037) rather than joining `interviews`. After bookings, a reschedule and a
 * cancellation through the API, on each database, the covered reads give the busy time, load and
 * stored interviews the join gave, and the endpoint offers what the finder offers on the join's
 * facts, with and without a load limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { offerSlots } from '../../src/lib/domain/offer';
import type { BusyLike } from '../../src/lib/domain/slots';
import type { Interview } from '../../src/lib/domain/types';
import { panelInterviews, storedInterviews, storedSearch } from '../../src/lib/server/availability';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';
import { panelCopyDrift } from '../helpers/panel-copy';

const kinds = await databaseKinds();
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;
const HOUR = 3600_000;
const DAY = 86400_000;

/** The first Tuesday at least `days` ahead, at 15:00 UTC. */
function tuesdayAhead(days: number): Date {
	const d = new Date(Date.now() + days * DAY);
	while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
	d.setUTCHours(15, 0, 0, 0);
	return d;
}

interface Seat {
	person: string;
	id: string;
	start_at: Date;
	end_at: Date;
	status: Interview['status'];
}
const key = (r: Seat) => `${r.id} ${r.person} ${r.start_at.toISOString()} ${r.end_at.toISOString()} ${r.status}`;
const keys = (rows: readonly Seat[]) => rows.map(key).sort();

describe.each(kinds)('the covered reads of the seats against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	const ids: Record<string, string> = {};
	let sam: { id: string; candidate: { id: string } };
	const booked: Record<'moved' | 'cancelled' | 'kept', string> = { moved: '', cancelled: '', kept: '' };
	const tuesday = tuesdayAhead(10);

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
		const list = (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { id: string; name: string };
		}[];
		sam = list.find((a) => a.candidate.name.startsWith('Sam'))!;
		const book = async (start: Date, panel: string[], round: number) => {
			const res = await app.api('POST', '/api/v1/interviews', admin, {
				application_id: sam.id,
				start: start.toISOString(),
				duration_min: 45,
				timezone: 'America/New_York',
				type: 'video',
				mode: 'online',
				round,
				panel: panel.map((e) => ids[e])
			});
			expect(res.status).toBe(201);
			return res.body.id as string;
		};
		booked.moved = await book(tuesday, [INES!.email, MARCO!.email], 5);
		booked.cancelled = await book(new Date(tuesday.getTime() + 2 * HOUR), [INES!.email], 6);
		booked.kept = await book(new Date(tuesday.getTime() + 3 * DAY), [MARCO!.email, PRIYA!.email], 7);
		// Rounds follow their dates: the cancelled round 6 first, then round 5 moves past where it was.
		const cancelled = await app.api('POST', `/api/v1/interviews/${booked.cancelled}/cancel`, admin, {
			reason: 'Candidate asked to withdraw'
		});
		expect(cancelled.status).toBe(200);
		const moved = await app.api('PATCH', `/api/v1/interviews/${booked.moved}`, admin, {
			start: new Date(tuesday.getTime() + 2 * DAY).toISOString(),
			reason: 'Panel member travelling'
		});
		expect(moved.status, JSON.stringify(moved.body)).toBe(200);
	});
	afterAll(async () => {
		await app?.close();
	});

	const panel = () => [ids[INES!.email]!, ids[MARCO!.email]!, ids[PRIYA!.email]!];
	const from = () => new Date(tuesday.getTime() - 15 * HOUR - 2 * DAY);
	const to = () => new Date(from().getTime() + 7 * DAY);
	const window = () => ({
		busyFrom: from(),
		busyTo: to(),
		loadFrom: new Date(from().getTime() - 8 * DAY),
		loadTo: new Date(to().getTime() + 8 * DAY)
	});

	/** The panel's interviews as the finder read them before: the seats joined to their interviews. */
	const joined = (people = panel()) => app.runtime.db.sql<Seat[]>`
		select s.user_id as person, i.id, i.start_at, i.end_at, i.status
		from interview_panel s join interviews i on i.id = s.interview_id
		where s.user_id = any(${people}::uuid[]) and i.org_id = ${app.orgId}
			and i.start_at >= ${window().loadFrom} and i.start_at < ${window().loadTo} and i.status <> 'cancelled'`;

	it('reads the join’s seats from the copies: the moved interview at its new time, the cancelled one gone', async () => {
		const sql = app.runtime.db.sql;
		expect(await panelCopyDrift(sql)).toEqual([]);
		const join = await joined();
		const load = await panelInterviews(sql, app.orgId, panel(), window(), true);
		expect(keys(load)).toEqual(keys(join));
		const busy = await panelInterviews(sql, app.orgId, panel(), window(), false);
		const blocking = join.filter(
			(r) =>
				['scheduled', 'in_progress'].includes(r.status) && r.end_at > window().busyFrom && r.start_at < window().busyTo
		);
		expect(keys(busy)).toEqual(keys(blocking));
		const moved = busy.filter((r) => r.id === booked.moved);
		expect(moved.map((r) => r.start_at.getTime())).toEqual([tuesday.getTime() + 2 * DAY, tuesday.getTime() + 2 * DAY]);
		expect(busy.some((r) => r.id === booked.cancelled)).toBe(false);
		expect(busy.filter((r) => r.id === booked.kept)).toHaveLength(2);
	});

	it('gives the judge the join’s stored interviews, less the cancelled ones of other applications', async () => {
		const sql = app.runtime.db.sql;
		const ask = { applicationId: sam.id, candidateId: sam.candidate.id, people: panel(), from: from(), to: to() };
		// As storedInterviews read them before: the people's seats first, then every interview that matches.
		const before = await sql<{ id: string; application_id: string; status: string; start_at: Date }[]>`
			with seats as materialized (select interview_id from interview_panel where user_id = any(${ask.people}::uuid[]))
			select i.id, i.application_id, i.status, i.start_at from interviews i
			where i.org_id = ${app.orgId} and i.removed_at is null and (
				i.application_id = ${ask.applicationId}
				or (i.start_at >= ${ask.from} and i.start_at < ${ask.to}
					and (i.candidate_id = ${ask.candidateId} or i.id in (select interview_id from seats))))`;
		const expected = before
			.filter((i) => i.application_id === sam.id || i.status !== 'cancelled')
			.map((i) => `${i.id} ${i.status} ${i.start_at.toISOString()}`)
			.sort();
		const now = await storedInterviews(sql, app.orgId, ask);
		expect(now.map((i) => `${i.id} ${i.status} ${i.start}`).sort()).toEqual(expected);
		// Sam's application keeps every round, the cancelled one too (the round rule reads them).
		expect(now.find((i) => i.id === booked.cancelled)?.status).toBe('cancelled');
		expect(now.find((i) => i.id === booked.moved)?.panel.sort()).toEqual([ids[INES!.email], ids[MARCO!.email]].sort());
	});

	it('offers over HTTP what the finder offers on the join’s facts, with and without a load limit', async () => {
		const sql = app.runtime.db.sql;
		// Ines and Marco, whose hours meet (all three never do).
		const pair = () => [ids[INES!.email]!, ids[MARCO!.email]!];
		const q = `interviewer_ids=${pair().join(',')}&candidate_id=${sam.candidate.id}&from=${from().toISOString()}&to=${to().toISOString()}&duration_min=45`;
		for (const limit of [null, { per_day: 1, per_week: null }]) {
			if (limit) expect((await app.api('PUT', '/api/v1/load/default', admin, limit)).status).toBe(200);
			const res = await app.request(`/api/v1/availability?${q}`, { cookie: admin });
			expect(res.status).toBe(200);
			const offered = ((await res.json()) as { data: { start: string }[] }).data.map((s) => s.start);
			const found = await storedSearch(sql, app.orgId, {
				panel: pair(),
				candidateId: sam.candidate.id,
				durationMin: 45,
				from: from(),
				to: to()
			});
			// The same facts with the panel's busy time and load taken from the join.
			const join = await joined(pair());
			const busy = new Map<string, BusyLike[]>(
				pair().map((p) => [
					p,
					join
						.filter((r) => r.person === p && ['scheduled', 'in_progress'].includes(r.status))
						.map((r) => ({ start: r.start_at, end: r.end_at }))
				])
			);
			for (const [p, list] of found.facts.busy) if (!pair().includes(p)) busy.set(p, [...list]);
			const interviews = [...new Set(join.map((r) => r.id))].map((id) => {
				const seats = join.filter((r) => r.id === id);
				return {
					id,
					start: seats[0]!.start_at.toISOString(),
					status: seats[0]!.status,
					panel: seats.map((r) => r.person)
				};
			});
			const viaJoin = offerSlots(
				{ ...found.search, limit: 500 },
				{
					...found.facts,
					busy,
					interviews
				}
			);
			expect(offered).toEqual(viaJoin);
			expect(offered.length).toBeGreaterThan(0);
			// No offered slot meets the moved interview at its new time.
			const at = tuesday.getTime() + 2 * DAY;
			expect(offered.filter((s) => Date.parse(s) > at - 45 * 60_000 && Date.parse(s) < at + 45 * 60_000)).toEqual([]);
			// The database's rows per request, in Server-Timing: the panel's (only the blocking ones without a
			// limit) and the candidate's.
			const rows = /facts;dur=[\d.]+;desc="(\d+) rows"/.exec(res.headers.get('server-timing') ?? '')?.[1];
			expect(Number(rows)).toBe(found.rows);
			const seats = await panelInterviews(sql, app.orgId, pair(), window(), limit !== null);
			expect(found.rows).toBeGreaterThanOrEqual(seats.length);
		}
		expect((await app.api('PUT', '/api/v1/load/default', admin, { per_day: null, per_week: null })).status).toBe(200);
	});
});
