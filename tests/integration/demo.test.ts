/**
 * The full demo that `npm start` seeds (issue 11, finding 14), read back through the API on both
 * databases: about forty-five applicants over every status, six interviewers in three zones, about
 * sixty interviews over the past week and the next three, every future one bookable by the rules
 * except the two double bookings the product reports as conflicts (and that an admin can resolve),
 * scorecards only where an interview took place; and seeding again changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeDemo, DEMO_ACCOUNTS, ORG_TZ, seedDemo } from '../../db/seed';
import { EXTRA_APPLICANTS } from '../../db/demo/applicants';
import { businessDay } from '../../db/demo/schedule';
import { isWithinWorkingHours } from '../../src/lib/domain/availability';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import { isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '../../src/lib/domain/time';
import { APPLICATION_STATUSES } from '../../src/lib/domain/types';
import { CANDIDATE_HOURS, effectiveWorkingHours } from '../../src/lib/domain/working-hours';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';

interface Iv {
	id: string;
	start: string;
	end: string;
	status: string;
	duration_min: number;
	candidate: { id: string; name: string };
	panel: { id: string; name: string }[];
	conflicts: { interview_id: string; person_id: string }[];
	problems: unknown[];
}

const DAY_MS = 86_400_000;
const extraInterviews = EXTRA_APPLICANTS.flatMap((a) => a.interviews);

describe.each(await databaseKinds())('the full demo on the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let interviews: Iv[] = [];
	const now = new Date();

	beforeAll(async () => {
		app = await startTestApp(kind, {}, { demo: 'full' });
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		interviews = (await app.api('GET', '/api/v1/interviews?page_size=200', admin)).body.data;
	}, 120_000);
	afterAll(async () => {
		await app?.close();
	});

	it('has about forty-five applicants over every status of the pipeline, as seeded', async () => {
		const res = await app.api('GET', '/api/v1/applications?page_size=200', admin);
		const apps = res.body.data as { status: string; candidate: { email: string } }[];
		expect(apps).toHaveLength(DEMO_ACCOUNTS.candidates.length + EXTRA_APPLICANTS.length);
		expect(apps.length).toBeGreaterThanOrEqual(40);
		for (const status of APPLICATION_STATUSES)
			expect(apps.filter((a) => a.status === status).length, status).toBeGreaterThanOrEqual(3);
		// The projection's pipeline step moved none of them: their interviews agree with their status.
		const seeded = new Map<string, string>([
			...DEMO_ACCOUNTS.candidates.map((c) => [c.email, c.status] as const),
			...EXTRA_APPLICANTS.map((a) => [a.email, a.status] as const)
		]);
		for (const a of apps) expect(a.status, a.candidate.email).toBe(seeded.get(a.candidate.email));
	});

	it('has six interviewers, two in each of three time zones', async () => {
		const members = (await app.api('GET', '/api/v1/members?role=interviewer', admin)).body.data as {
			timezone: string;
		}[];
		expect(members).toHaveLength(6);
		const zones = members.map((m) => m.timezone).sort();
		expect(zones).toEqual([
			'America/Los_Angeles',
			'America/Los_Angeles',
			'America/New_York',
			'America/New_York',
			'Europe/Rome',
			'Europe/Rome'
		]);
	});

	it('has about sixty interviews over the past week and the next three, none on a weekend', () => {
		const weekAgo = zonedWallTimeToUtc(businessDay(now, -5, ORG_TZ), '00:00', ORG_TZ).getTime();
		const past = interviews.filter((i) => Date.parse(i.start) >= weekAgo && Date.parse(i.start) < now.getTime());
		// The next three weeks: fifteen business days, at most 22 days from now whatever today is.
		const ahead = interviews.filter(
			(i) => Date.parse(i.start) > now.getTime() && Date.parse(i.start) < now.getTime() + 22 * DAY_MS
		);
		expect(past).toHaveLength(extraInterviews.filter((i) => i.day < 0).length);
		expect(ahead).toHaveLength(extraInterviews.filter((i) => i.day > 0).length + 3);
		expect(past.length + ahead.length).toBeGreaterThanOrEqual(55);
		expect(past.length).toBeGreaterThanOrEqual(15);
		expect(past.filter((i) => i.status === 'cancelled').length).toBeGreaterThanOrEqual(1);
		for (const i of past) expect(['completed', 'cancelled', 'no_show']).toContain(i.status);
		for (const i of ahead) expect(i.status).toBe('scheduled');
		for (const i of interviews) expect(isoWeekdayOfYmd(zonedDate(i.start, ORG_TZ)), i.start).toBeLessThanOrEqual(5);
	});

	it('books every future interview by the rules, inside everyone’s hours, except the two conflicts it reports', async () => {
		const people = await app.runtime.db.sql<{ id: string; timezone: string | null; working_hours: unknown }[]>`
			select id, timezone, working_hours from users`;
		const byId = new Map(people.map((p) => [p.id, p]));
		const ahead = interviews.filter((i) => Date.parse(i.start) > now.getTime());
		for (const i of ahead) {
			expect(i.problems, i.candidate.name).toEqual([]);
			for (const p of i.panel) {
				const who = byId.get(p.id)!;
				const hours = effectiveWorkingHours(who.working_hours, DEFAULT_POLICY.workingHours);
				const person = { timezone: who.timezone ?? ORG_TZ, workingHours: hours };
				expect(isWithinWorkingHours(person, i.start, i.duration_min), `${p.name} for ${i.candidate.name}`).toBe(true);
			}
			const candidate = { timezone: byId.get(i.candidate.id)!.timezone ?? ORG_TZ, workingHours: CANDIDATE_HOURS };
			expect(isWithinWorkingHours(candidate, i.start, i.duration_min), i.candidate.name).toBe(true);
		}
		const flagged = interviews.filter((i) => i.conflicts.length > 0);
		expect(flagged).toHaveLength(4);
		// Two pairs, each booking one interviewer twice.
		const pairs = new Set(flagged.map((i) => [i.id, i.conflicts[0]!.interview_id].sort().join()));
		expect(pairs.size).toBe(2);
		for (const i of flagged) {
			expect(i.conflicts).toHaveLength(1);
			expect(i.panel.map((p) => p.id)).toContain(i.conflicts[0]!.person_id);
			expect(Date.parse(i.start)).toBeGreaterThan(now.getTime());
		}
	});

	it('keeps scorecards to interviews that took place, one per panel member but the one still owed', async () => {
		let owed = 0;
		for (const i of interviews.filter((x) => x.status === 'completed')) {
			const res = await app.api('GET', `/api/v1/interviews/${i.id}/scorecards`, admin);
			expect(res.status).toBe(200);
			const count = res.body.summary.count as number;
			expect(count, i.candidate.name).toBeGreaterThanOrEqual(i.panel.length - 1);
			owed += i.panel.length - count;
		}
		expect(owed).toBe(1);
		const [elsewhere] = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from scorecards s join interviews i on i.id = s.interview_id
			where i.status <> 'completed' or i.start_at > now()`;
		expect(elsewhere!.n).toBe(0);
		// Nothing waits to be mailed: the demo's invitations went out when its interviews were booked.
		const [queued] = await app.runtime.db.sql<
			{ n: number }[]
		>`select count(*)::int as n from outbox where status = 'queued'`;
		expect(queued!.n).toBe(0);
	});

	it('changes nothing when seeded again', async () => {
		const sql = app.runtime.db.sql;
		const snapshot = async () =>
			sql`select
				(select count(*)::int from users) as users,
				(select count(*)::int from applications) as applications,
				(select count(*)::int from interviews) as interviews,
				(select count(*)::int from scorecards) as scorecards,
				(select count(*)::int from interviews_finalized) as finalized,
				(select count(*)::int from interview_logs) as logs,
				(select count(*)::int from outbox) as outbox,
				(select max(created_at) from interview_logs) as newest_log,
				(select md5(string_agg(encode(state, 'hex'), '' order by name)) from yjs_documents) as documents`;
		const before = await snapshot();
		expect(await seedDemo(sql, { demo: 'full' })).toBeNull();
		await completeDemo(sql, app.orgId);
		expect(await snapshot()).toEqual(before);
	});

	it('lets an admin resolve both conflicts by moving one interview of each to a free time', async () => {
		const clashing = interviews.filter((i) => i.conflicts.length > 0).sort((a, b) => a.start.localeCompare(b.start));
		// The later-listed interview of each pair moves; its pair partner stays.
		const movers = [...new Map(clashing.map((i) => [[i.id, i.conflicts[0]!.interview_id].sort().join(), i])).values()];
		for (const i of movers) {
			const from = new Date(Date.parse(i.start) + 60 * 60_000).toISOString();
			const to = new Date(Date.parse(i.start) + 2 * DAY_MS).toISOString();
			const query = `interviewer_ids=${i.panel.map((p) => p.id).join(',')}&candidate_id=${i.candidate.id}&from=${from}&to=${to}&duration_min=${i.duration_min}`;
			const slots = await app.api('GET', `/api/v1/availability?${query}`, admin);
			expect(slots.status).toBe(200);
			const start = slots.body.data[0].start as string;
			const moved = await app.api('PATCH', `/api/v1/interviews/${i.id}`, admin, {
				start,
				reason: 'Double booking resolved'
			});
			expect(moved.status, JSON.stringify(moved.body)).toBe(200);
		}
		const after = (await app.api('GET', '/api/v1/interviews?page_size=200', admin)).body.data as Iv[];
		expect(after.filter((i) => i.conflicts.length > 0)).toEqual([]);
	});
});
