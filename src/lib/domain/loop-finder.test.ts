import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrgClosures } from './closures';
import { judgeBooking, type JudgeFacts, type PeopleHours } from './judge';
import type { LoadLimits } from './load';
import { explainLoopDays } from './loop-explain';
import { offerLoopStarts, type LoopSearch } from './loop-finder';
import { loopLayout } from './loops';
import { resolvePolicy, type Policy } from './policy';
import { addDaysToYmd, DAY_MS, MINUTE_MS, zonedDate } from './time';
import type { ApplicationFacts, Interview, WorkingHours } from './types';

const APP = 'a0000000-0000-4000-8000-000000000001';
const CANDIDATE = 'c0000000-0000-4000-8000-000000000001';
const PEOPLE = ['u1', 'u2', 'u3'];
const application: ApplicationFacts = {
	id: APP,
	candidateId: CANDIDATE,
	cycleId: 'cy',
	status: 'selected',
	interviewEnabled: true,
	onlineInterviewEnabled: true
};
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];
/** Weeks with a change of daylight-saving time in them: US spring, EU spring, EU autumn, US autumn. */
const BASES = ['2026-03-05T00:00:00Z', '2026-03-26T00:00:00Z', '2026-10-22T00:00:00Z', '2026-10-29T00:00:00Z'].map(
	Date.parse
);

const hoursArb: fc.Arbitrary<WorkingHours> = fc
	.record({
		start: fc.integer({ min: 0, max: 23 }),
		length: fc.integer({ min: 4, max: 24 }),
		weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 7 })
	})
	.map(({ start, length, weekdays }) => {
		const hm = (h: number) => `${String(h).padStart(2, '0')}:00`;
		return { startTime: hm(start), endTime: length === 24 ? '24:00' : hm((start + length) % 24), weekdays };
	});

const ALL_DAY: WorkingHours = { startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] };

interface Case {
	policy: Policy;
	nowMs: number;
	hours: PeopleHours;
	interviews: Interview[];
	closures: OrgClosures;
	load: LoadLimits;
	search: LoopSearch;
}

const caseArb: fc.Arbitrary<Case> = fc
	.record({
		base: fc.constantFrom(...BASES),
		minNoticeMin: fc.constantFrom(0, 120),
		bufferMin: fc.constantFrom(0, 10, 30),
		slotStepMin: fc.constantFrom(15, 30),
		nowOffsetMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
		zones: fc.array(fc.constantFrom(...ZONES), { minLength: 4, maxLength: 4 }),
		// Half the people work round the clock, so that loops fit often enough to compare long lists.
		hours: fc.array(fc.oneof(fc.constant(ALL_DAY), hoursArb), { minLength: 3, maxLength: 3 }),
		busy: fc.array(
			fc.record({
				people: fc.subarray([...PEOPLE, CANDIDATE], { minLength: 1 }),
				offsetMin: fc.integer({ min: -600, max: 5 * 24 * 60 }),
				durationMin: fc.integer({ min: 15, max: 240 })
			}),
			{ maxLength: 10 }
		),
		closure: fc.option(fc.record({ dayOffset: fc.integer({ min: 0, max: 4 }), zone: fc.constantFrom(...ZONES) })),
		limits: fc.array(fc.record({ perDay: fc.constantFrom(null, 1, 2), perWeek: fc.constantFrom(null, 3) }), {
			minLength: 3,
			maxLength: 3
		}),
		sessions: fc.array(
			fc.record({ panel: fc.subarray(PEOPLE, { minLength: 1 }), durationMin: fc.constantFrom(30, 45, 60) }),
			{ minLength: 2, maxLength: 3 }
		),
		breakMin: fc.constantFrom(0, 10, 15, 30),
		split: fc.boolean(),
		loopZone: fc.constantFrom(...ZONES),
		fromOffsetMin: fc.integer({ min: -600, max: 2 * 24 * 60 }),
		spanDays: fc.integer({ min: 1, max: 4 })
	})
	.map((r): Case => {
		const policy = resolvePolicy({
			minNoticeMin: r.minNoticeMin,
			bufferMin: r.bufferMin,
			slotStepMin: r.slotStepMin,
			maxAheadDays: 30
		});
		const nowMs = r.base + r.nowOffsetMin * MINUTE_MS + 17_000;
		const interviews = r.busy.map((b, i): Interview => ({
			id: `i${i}`,
			applicationId: `app-${i}`,
			candidateId: b.people.includes(CANDIDATE) ? CANDIDATE : `other-${i}`,
			cycleId: 'cy',
			start: new Date(nowMs + b.offsetMin * MINUTE_MS).toISOString(),
			durationMin: b.durationMin,
			timezone: 'UTC',
			type: 'video',
			mode: 'online',
			location: '',
			round: 1,
			panel: b.people.filter((p) => p !== CANDIDATE),
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: null,
			updatedAt: new Date(nowMs).toISOString()
		}));
		const fromMs = nowMs + r.fromOffsetMin * MINUTE_MS;
		const closureDay = r.closure ? zonedDate(nowMs + r.closure.dayOffset * DAY_MS, r.closure.zone) : null;
		return {
			policy,
			nowMs,
			hours: {
				interviewers: new Map(PEOPLE.map((id, i) => [id, { timezone: r.zones[i]!, workingHours: r.hours[i]! }])),
				candidateZone: r.zones[3]!
			},
			interviews,
			closures: {
				timezone: r.closure?.zone ?? 'UTC',
				list: closureDay
					? [{ kind: 'holiday', name: 'Closed', startDate: closureDay, endDate: addDaysToYmd(closureDay, 0) }]
					: []
			},
			load: new Map(PEOPLE.map((id, i) => [id, { timezone: r.zones[i]!, limit: r.limits[i]! }])),
			search: {
				shape: {
					sessions: r.sessions.map((s) => ({ ...s, type: 'video' as const })),
					breakMin: r.breakMin,
					splitAfter: r.split ? 1 : null,
					timezone: r.loopZone
				},
				applicationId: APP,
				candidateId: CANDIDATE,
				mode: 'online',
				location: '',
				rounds: r.sessions.map((_, i) => i + 1),
				from: fromMs,
				to: fromMs + r.spanDays * DAY_MS
			}
		};
	});

function factsOf(c: Case, interviews: readonly Interview[]): JudgeFacts {
	return {
		now: new Date(c.nowMs),
		policy: c.policy,
		application,
		interviewerIds: new Set(PEOPLE),
		calendar: { interviews },
		hours: c.hours,
		closures: c.closures,
		load: c.load
	};
}

/** The reference: the judge asked about each session in turn, the calendar holding the ones before it. */
function wholeLoopPasses(c: Case, start: string): boolean {
	const { shape } = c.search;
	const starts = loopLayout(start, shape);
	const lastEnd = Math.max(...starts.map((s, i) => Date.parse(s) + shape.sessions[i]!.durationMin * MINUTE_MS));
	if (lastEnd > new Date(c.search.to).getTime()) return false;
	const calendar = [...c.interviews];
	for (const [i, s] of shape.sessions.entries()) {
		const session: Interview = {
			id: `ref-${i}`,
			applicationId: APP,
			candidateId: CANDIDATE,
			cycleId: 'cy',
			start: starts[i]!,
			durationMin: s.durationMin,
			timezone: shape.timezone,
			type: 'video',
			mode: 'online',
			location: '',
			round: i + 1,
			panel: [...s.panel],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: null,
			updatedAt: new Date(c.nowMs).toISOString()
		};
		const v = judgeBooking({ proposal: session }, factsOf(c, calendar));
		if (v.problems.length || v.conflicts.length || v.warnings.some((w) => w.code === 'outside_working_hours'))
			return false;
		calendar.push(session);
	}
	return true;
}

function offered(c: Case) {
	return offerLoopStarts(c.search, { ...factsOf(c, c.interviews), hours: c.hours });
}

describe('offerLoopStarts', () => {
	it('offers exactly the grid starts at which every session passes the judge (one day or two, load limits, DST weeks)', () => {
		fc.assert(
			fc.property(caseArb, (c) => {
				const found = offered(c);
				for (const f of found) {
					expect(wholeLoopPasses(c, f.start), `offered ${f.start}`).toBe(true);
					expect(f.sessions).toEqual(loopLayout(f.start, c.search.shape));
				}
				// No free start is missed: every grid start, asked of the judge session by session.
				const stepMs = c.policy.slotStepMin * MINUTE_MS;
				const fromMs = new Date(c.search.from).getTime();
				const toMs = new Date(c.search.to).getTime();
				const expected: string[] = [];
				for (let s = Math.ceil(fromMs / stepMs) * stepMs; s < toMs; s += stepMs) {
					const iso = new Date(s).toISOString();
					if (wholeLoopPasses(c, iso)) expected.push(iso);
				}
				expect(found.map((f) => f.start)).toEqual(expected);
			}),
			{ numRuns: 80 }
		);
	}, 120_000);

	it('finds starts in most generated cases, so the comparison above is not between two empty lists', () => {
		const samples = fc.sample(caseArb, { numRuns: 120, seed: 7 });
		const nonEmpty = samples.filter((c) => offered(c).length > 0).length;
		expect(nonEmpty).toBeGreaterThan(15);
	}, 60_000);

	it('puts the second day of a two-day loop at the same wall time across the autumn change', () => {
		// Europe/Berlin leaves summer time on Sunday 25 October 2026.
		const starts = loopLayout('2026-10-24T07:00:00.000Z', {
			sessions: [
				{ panel: ['a'], durationMin: 45 },
				{ panel: ['b'], durationMin: 45 },
				{ panel: ['c'], durationMin: 60 }
			],
			breakMin: 15,
			splitAfter: 2,
			timezone: 'Europe/Berlin'
		});
		// 09:00 CEST on Saturday, 09:00 CET on Sunday: 25 hours later.
		expect(starts).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-24T08:00:00.000Z', '2026-10-25T08:00:00.000Z']);
	});

	it('explains exactly the days on which no loop start is offered, each with what blocks which session', () => {
		fc.assert(
			fc.property(caseArb, fc.constantFrom(...ZONES), (c, zone) => {
				const facts = { ...factsOf(c, c.interviews), hours: c.hours };
				const days = explainLoopDays(c.search, facts, zone);
				const withStarts = new Set(offered(c).map((f) => zonedDate(f.start, zone)));
				const explained = new Set(days.map((d) => d.date));
				const first = zonedDate(c.search.from, zone);
				const last = zonedDate(new Date(c.search.to).getTime() - 1, zone);
				for (let ymd = first; ymd <= last; ymd = addDaysToYmd(ymd, 1))
					expect(withStarts.has(ymd) !== explained.has(ymd), ymd).toBe(true);
				for (const d of days) {
					expect(d.blockers.length, d.date).toBeGreaterThan(0);
					for (const b of d.blockers) {
						expect(b.session).toBeGreaterThanOrEqual(1);
						expect(b.session).toBeLessThanOrEqual(c.search.shape.sessions.length);
					}
				}
			}),
			{ numRuns: 60 }
		);
	}, 120_000);

	it('names the session and the person that a loop cannot get past', () => {
		const c = fc.sample(caseArb, { numRuns: 1, seed: 3 })[0]!;
		const everyone = new Map(PEOPLE.map((id) => [id, { timezone: 'UTC', workingHours: ALL_DAY }]));
		const day = new Date(c.nowMs + DAY_MS);
		day.setUTCHours(9, 0, 0, 0);
		const from = day.getTime();
		const search: LoopSearch = {
			...c.search,
			shape: {
				sessions: [
					{ panel: ['u1'], durationMin: 60, type: 'video' },
					{ panel: ['u2'], durationMin: 60, type: 'video' }
				],
				breakMin: 0,
				splitAfter: null,
				timezone: 'UTC'
			},
			from,
			to: from + 6 * 60 * MINUTE_MS
		};
		// u2 is busy for the whole search: the first session fits, the second never does.
		const busy: Interview = {
			id: 'busy',
			applicationId: 'other-app',
			candidateId: 'other',
			cycleId: 'cy',
			start: new Date(from).toISOString(),
			durationMin: 360,
			timezone: 'UTC',
			type: 'video',
			mode: 'online',
			location: '',
			round: 1,
			panel: ['u2'],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: null,
			updatedAt: new Date(c.nowMs).toISOString()
		};
		const facts: JudgeFacts & { hours: PeopleHours } = {
			...factsOf({ ...c, policy: resolvePolicy({ minNoticeMin: 0 }) }, [busy]),
			hours: { interviewers: everyone, candidateZone: 'UTC' },
			closures: { timezone: 'UTC', list: [] },
			load: new Map()
		};
		const days = explainLoopDays(search, facts, 'UTC');
		expect(days.length).toBeGreaterThan(0);
		for (const d of days)
			expect(d.blockers.filter((b) => b.session === 2).map((b) => [b.reason, b.personId])).toContainEqual([
				'busy',
				'u2'
			]);
	});
});
