/**
 * The full demo's calendar for any "today": every interview on a business day, inside everyone's
 * hours in their own zone (across daylight-saving changes too), past ones over, future ones bookable,
 * rounds in date order, and exactly the two planned double bookings, judged by the product's own judge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_INTERVIEWERS, coreFixed, DEMO_ACCOUNTS, ORG_TZ } from '../seed';
import { isWithinWorkingHours } from '../../src/lib/domain/availability';
import { ConflictIndex } from '../../src/lib/domain/conflicts';
import { judgeBooking } from '../../src/lib/domain/judge';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import { isoWeekdayOfYmd, zonedDate } from '../../src/lib/domain/time';
import type { Interview } from '../../src/lib/domain/types';
import { EXTRA_APPLICANTS } from './applicants';
import { allInterviewers, demoPeople, modeOf, planFullDemo, roomOf, roundsOf, wishKey } from './plan';
import { businessDay } from './schedule';

const MIN = 60_000;
const DAY = 86_400_000;

/** The whole demo calendar for `now` as interviews of the domain (ids are plan keys, people emails). */
function calendarFor(now: Date) {
	const input = { now, orgZone: ORG_TZ, coreInterviewers: CORE_INTERVIEWERS, fixed: coreFixed(now) };
	const starts = planFullDemo(input);
	const emailOf = new Map(allInterviewers(CORE_INTERVIEWERS).map((i) => [i.key, i.email]));
	const interviews: (Interview & { day: number; clashesWith?: string })[] = [];
	for (const a of EXTRA_APPLICANTS) {
		const times = a.interviews.map((_, n) => starts.get(wishKey(a.email, n))!);
		const rounds = roundsOf(a.interviews, times);
		a.interviews.forEach((i, n) => {
			const mode = modeOf(i, a);
			interviews.push({
				id: wishKey(a.email, n),
				applicationId: a.email,
				candidateId: a.email,
				cycleId: 'cycle',
				start: times[n]!,
				durationMin: i.durationMin,
				timezone: ORG_TZ,
				type: i.type,
				mode,
				location: mode === 'online' ? '' : roomOf(i.type),
				round: rounds[n]!,
				panel: i.panel.map((k) => emailOf.get(k)!),
				status: i.status,
				rescheduledFrom: null,
				updatedBy: null,
				updatedAt: now.toISOString(),
				day: i.day,
				...(i.clashesWith ? { clashesWith: i.clashesWith } : {})
			});
		});
	}
	coreFixed(now).forEach((f, n) => {
		const candidate = f.people.at(-1)!;
		const online = DEMO_ACCOUNTS.candidates.find((c) => c.email === candidate)!.online;
		const ahead = Date.parse(f.start) > now.getTime();
		interviews.push({
			...interviews[0]!,
			id: `core#${n}`,
			applicationId: candidate,
			candidateId: candidate,
			start: f.start,
			durationMin: f.durationMin,
			type: online ? 'video' : 'in_person',
			mode: online ? 'online' : 'offline',
			location: online ? '' : 'Admissions Office, Hall B, room 204',
			panel: f.people.slice(0, -1),
			round: 1,
			status: ahead ? 'scheduled' : 'completed',
			day: ahead ? 1 : -1
		});
	});
	return { interviews, people: demoPeople(input) };
}

/** Every demo rule that must hold for `now`; returns the planned conflict pairs found. */
function checkDemo(now: Date) {
	const { interviews, people } = calendarFor(now);
	const extra = interviews.filter((i) => !i.id.startsWith('core#'));
	for (const i of extra) {
		const ymd = zonedDate(i.start, ORG_TZ);
		expect(isoWeekdayOfYmd(ymd), `${i.id} on ${ymd}`).toBeLessThanOrEqual(5);
		expect(ymd, i.id).toBe(businessDay(now, i.day, ORG_TZ));
		for (const p of [...i.panel, i.candidateId])
			expect(isWithinWorkingHours(people.get(p)!, i.start, i.durationMin), `${i.id}: hours of ${p}`).toBe(true);
		const startMs = Date.parse(i.start);
		if (i.day < 0) expect(startMs + i.durationMin * MIN).toBeLessThanOrEqual(now.getTime());
		else {
			expect(startMs).toBeGreaterThanOrEqual(now.getTime() + DEFAULT_POLICY.minNoticeMin * MIN);
			expect(startMs).toBeLessThan(now.getTime() + 22 * DAY);
		}
	}
	// Rounds follow the dates, per application.
	for (const a of EXTRA_APPLICANTS) {
		const held = extra
			.filter((i) => i.applicationId === a.email && (i.status === 'scheduled' || i.status === 'completed'))
			.sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
		expect(held.map((i) => i.round)).toEqual(held.map((_, n) => n + 1));
	}
	// Nobody is in two interviews at once, past ones included, except in the two planned conflicts.
	const busy = interviews.filter((i) => i.status !== 'cancelled').map((i) => ({ ...i, status: 'scheduled' as const }));
	const clashes = new ConflictIndex(busy).allConflicts();
	const planned = extra.filter((i) => i.clashesWith).map((i) => [i.id, i.clashesWith!].sort().join(' & '));
	const found = new Set([...clashes].flatMap(([id, cs]) => cs.map((c) => [id, c.interviewId].sort().join(' & '))));
	expect([...found].sort()).toEqual(planned.sort());
	return { interviews, people, planned };
}

describe('the full demo calendar', () => {
	it('holds every rule for any day of the year, across daylight-saving changes', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true }),
				(now) => {
					checkDemo(now);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('holds on the days around each daylight-saving change in New York, Rome and Los Angeles', () => {
		// US changes on 8 Mar and 1 Nov 2026, the EU on 29 Mar and 25 Oct: the weeks between shift Rome by an hour.
		for (const day of [
			'2026-03-06',
			'2026-03-09',
			'2026-03-27',
			'2026-03-30',
			'2026-10-23',
			'2026-10-26',
			'2026-10-30',
			'2026-11-02'
		])
			for (const hour of ['T04:00:00Z', 'T15:30:00Z', 'T23:59:00Z']) checkDemo(new Date(day + hour));
	});

	it('is the same calendar for the same day', () => {
		const now = new Date('2026-11-26T11:00:00Z');
		expect(planFullDemo({ now, orgZone: ORG_TZ, coreInterviewers: CORE_INTERVIEWERS, fixed: coreFixed(now) })).toEqual(
			planFullDemo({ now, orgZone: ORG_TZ, coreInterviewers: CORE_INTERVIEWERS, fixed: coreFixed(now) })
		);
	});

	it('passes the booking judge for every future interview, except the two planned conflicts', () => {
		const now = new Date('2026-11-26T11:00:00Z');
		const { interviews, people, planned } = checkDemo(now);
		const interviewers = new Map(allInterviewers(CORE_INTERVIEWERS).map((i) => [i.email, people.get(i.email)!]));
		const flagged = new Set<string>();
		for (const i of interviews.filter((x) => x.status === 'scheduled')) {
			const a = EXTRA_APPLICANTS.find((x) => x.email === i.applicationId);
			const core = DEMO_ACCOUNTS.candidates.find((c) => c.email === i.applicationId);
			const verdict = judgeBooking(
				{ proposal: i },
				{
					now,
					policy: DEFAULT_POLICY,
					application: {
						id: i.applicationId,
						candidateId: i.candidateId,
						cycleId: 'cycle',
						status: a?.status ?? core!.status,
						interviewEnabled: a?.interview ?? core!.interview,
						onlineInterviewEnabled: a?.online ?? core!.online
					},
					interviewerIds: new Set(interviewers.keys()),
					calendar: { interviews },
					hours: { interviewers, candidateZone: people.get(i.candidateId)!.timezone }
				}
			);
			expect(verdict.problems, i.id).toEqual([]);
			expect(verdict.warnings, i.id).toEqual([]);
			if (verdict.conflicts.length) flagged.add(i.id);
		}
		expect([...flagged].sort()).toEqual(planned.flatMap((p) => p.split(' & ')).sort());
		expect(planned).toHaveLength(2);
	});
});
