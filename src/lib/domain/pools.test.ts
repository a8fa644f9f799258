import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeBooking } from './judge';
import type { SlotFacts } from './offer';
import { offerPoolSlots } from './pools';
import { resolvePolicy } from './policy';
import type { Interview } from './types';

const APP = 'a0000000-0000-4000-8000-000000000001';
const CAND = 'c0000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-03-02T06:00:00Z'); // a Monday; the US changes to summer time on 8 March
const OFFICE = { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] };
const PEOPLE = ['lead', 'p1', 'p2', 'p3', 'p4'];
const ZONES = ['America/New_York', 'Europe/London', 'America/Chicago', 'Europe/Berlin', 'America/New_York'];

function interview(i: number, panel: string[], start: string, status: Interview['status'] = 'scheduled'): Interview {
	return {
		id: `i${i}`,
		applicationId: `other-${i}`,
		candidateId: `cand-${i}`,
		cycleId: 'cy',
		start,
		durationMin: 60,
		timezone: 'UTC',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel,
		status,
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: NOW.toISOString()
	};
}

function factsOf(interviews: Interview[], perDay: number | null): SlotFacts {
	const busy = new Map<string, { start: string; end: string }[]>();
	for (const iv of interviews.filter((i) => i.status === 'scheduled'))
		for (const p of iv.panel)
			busy.set(p, [
				...(busy.get(p) ?? []),
				{ start: iv.start, end: new Date(Date.parse(iv.start) + 3_600_000).toISOString() }
			]);
	return {
		now: NOW,
		policy: resolvePolicy({ slotStepMin: 30 }),
		hours: {
			interviewers: new Map(PEOPLE.map((id, i) => [id, { timezone: ZONES[i]!, workingHours: OFFICE }])),
			candidateZone: 'America/New_York'
		},
		busy,
		load: new Map(PEOPLE.map((id, i) => [id, { timezone: ZONES[i]!, limit: { perDay, perWeek: null } }])),
		interviews
	};
}

const search = {
	panel: ['lead'],
	candidateId: CAND,
	durationMin: 60,
	from: '2026-03-03T00:00:00Z',
	to: '2026-03-13T00:00:00Z'
};

describe('pools', () => {
	it('picks the least loaded free member, or the first free in the pool’s order, and says why', () => {
		const ivs = [interview(1, ['p1'], '2026-03-02T15:00:00Z'), interview(2, ['p1'], '2026-03-02T16:00:00Z')];
		const facts = factsOf(ivs, null);
		const pool = { members: ['p1', 'p2', 'p4'], count: 1 };
		const [even] = offerPoolSlots({ ...search, limit: 1 }, { ...pool, prefer: 'least_loaded' }, facts);
		// p1 has two interviews this week; p2 and p4 none.
		expect(even!.why).toBe('Least loaded of those free: 0 interviews that week.');
		expect(['p2', 'p4']).toContain(even!.picked[0]);
		const [soon] = offerPoolSlots({ ...search, limit: 1 }, { ...pool, prefer: 'soonest' }, facts);
		expect(soon).toMatchObject({
			start: even!.start,
			picked: ['p1'],
			why: 'Free at this time (first in the pool’s order).'
		});
		// Two seats from a pool of two: only when both are free.
		const both = offerPoolSlots(search, { members: ['p1', 'p3'], count: 2, prefer: 'soonest' }, facts);
		for (const s of both) expect(s.picked.sort()).toEqual(['p1', 'p3']);
		expect(offerPoolSlots(search, { members: ['p1'], count: 2, prefer: 'soonest' }, facts)).toEqual([]);
	});

	it('offers only panels the judge accepts, and every start at which enough of the pool can join (DST week)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						who: fc.subarray(PEOPLE, { minLength: 1, maxLength: 2 }),
						day: fc.integer({ min: 0, max: 10 }),
						hour: fc.integer({ min: 12, max: 21 }),
						cancelled: fc.boolean()
					}),
					{ maxLength: 25 }
				),
				fc.constantFrom(null, 1, 2),
				fc.integer({ min: 1, max: 2 }),
				fc.constantFrom('least_loaded', 'soonest') as fc.Arbitrary<'least_loaded' | 'soonest'>,
				(raw, perDay, count, prefer) => {
					const ivs = raw.map((r, i) =>
						interview(
							i,
							r.who,
							new Date(Date.parse('2026-03-02T00:00:00Z') + r.day * 86_400_000 + r.hour * 3_600_000).toISOString(),
							r.cancelled ? 'cancelled' : 'scheduled'
						)
					);
					const facts = factsOf(ivs, perDay);
					const pool = { members: ['p1', 'p2', 'p3', 'p4'], count, prefer };
					const slots = offerPoolSlots(search, pool, facts);
					const judged = (start: string, panel: string[]) => {
						const v = judgeBooking(
							{
								proposal: {
									applicationId: APP,
									start,
									durationMin: 60,
									timezone: 'UTC',
									type: 'video',
									mode: 'online',
									location: '',
									round: 1,
									panel
								}
							},
							{
								now: NOW,
								policy: facts.policy,
								application: {
									id: APP,
									candidateId: CAND,
									cycleId: 'cy',
									status: 'selected',
									interviewEnabled: true,
									onlineInterviewEnabled: true
								},
								interviewerIds: new Set(PEOPLE),
								calendar: { interviews: ivs },
								hours: facts.hours,
								load: facts.load
							}
						);
						return (
							v.problems.length === 0 &&
							v.conflicts.length === 0 &&
							v.warnings.every((w) => w.code !== 'outside_working_hours')
						);
					};
					for (const s of slots) {
						expect(s.picked.length).toBe(count);
						expect(judged(s.start, ['lead', ...s.picked]), s.start).toBe(true);
					}
					// No start is missed: walk the grid and ask the judge of each member.
					const offered = new Set(slots.map((s) => s.start));
					for (let t = Date.parse(search.from); t + 3_600_000 <= Date.parse(search.to); t += 30 * 60_000) {
						const start = new Date(t).toISOString();
						const free = pool.members.filter((m) => judged(start, ['lead', m]));
						if (free.length >= count) expect(offered.has(start), start).toBe(true);
					}
				}
			),
			{ numRuns: 40 }
		);
	}, 60_000);
});
