import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainDays } from './explain';
import { explainPoolDays } from './pool-explain';
import { offerPoolSlots, type PoolSpec } from './pools';
import { resolvePolicy } from './policy';
import type { SlotFacts } from './offer';
import type { Interview } from './types';
import { zonedDate } from './time';

const NOW = new Date('2026-03-02T06:00:00Z'); // a Monday; the US changes to summer time on 8 March
const OFFICE = { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] };
const PEOPLE = ['lead', 'p1', 'p2', 'p3'];
const ZONES = ['America/New_York', 'Europe/London', 'America/Chicago', 'America/New_York'];
const ZONE = 'America/New_York';

function interview(i: number, panel: string[], start: string, durationMin = 60): Interview {
	return {
		id: `i${i}`,
		applicationId: `other-${i}`,
		candidateId: `cand-${i}`,
		cycleId: 'cy',
		start,
		durationMin,
		timezone: 'UTC',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel,
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: NOW.toISOString()
	};
}

/** `perDay`: everyone's daily limit, or each person's. */
function factsOf(interviews: Interview[], perDay: number | null | Record<string, number>, holiday?: string): SlotFacts {
	const dayLimit = (id: string) => (typeof perDay === 'object' && perDay !== null ? (perDay[id] ?? null) : perDay);
	const busy = new Map<string, { start: string; end: string; interviewId: string }[]>();
	for (const iv of interviews)
		for (const p of iv.panel)
			busy.set(p, [
				...(busy.get(p) ?? []),
				{
					start: iv.start,
					end: new Date(Date.parse(iv.start) + iv.durationMin * 60_000).toISOString(),
					interviewId: iv.id
				}
			]);
	return {
		now: NOW,
		policy: resolvePolicy({ slotStepMin: 30 }),
		hours: {
			interviewers: new Map(PEOPLE.map((id, i) => [id, { timezone: ZONES[i]!, workingHours: OFFICE }])),
			candidateZone: ZONE
		},
		busy,
		closures: {
			timezone: ZONE,
			list: holiday ? [{ kind: 'holiday', name: 'Founders’ Day', startDate: holiday, endDate: holiday }] : []
		},
		load: new Map(PEOPLE.map((id, i) => [id, { timezone: ZONES[i]!, limit: { perDay: dayLimit(id), perWeek: null } }])),
		interviews
	};
}

const search = (panel: string[]) => ({
	panel,
	candidateId: 'cand',
	durationMin: 60,
	from: '2026-03-03T05:00:00Z',
	to: '2026-03-11T04:00:00Z'
});

describe('why no slots, with a pool', () => {
	it('names each pool member who cannot join, and says when too few are free at once', () => {
		// p1 is busy all of Tuesday's office hours (London), p2 is at their daily limit on Tuesday.
		const ivs = [interview(1, ['p1'], '2026-03-03T09:00:00Z', 480), interview(3, ['p2'], '2026-03-03T20:00:00Z')];
		const facts = factsOf(ivs, { p2: 1 }, '2026-03-06');
		const pool: PoolSpec = { members: ['p1', 'p2'], count: 1, prefer: 'least_loaded' };
		const days = explainPoolDays(search(['lead']), pool, facts, ZONE);
		const tuesday = days.find((d) => d.date === '2026-03-03')!;
		expect(tuesday.blockers.map((b) => `${b.reason}:${b.personId ?? ''}`)).toEqual([
			'busy:p1',
			'over_load_limit:p2',
			'no_common_time:'
		]);
		expect(tuesday.blockers.at(-1)!.message).toBe('Only 0 of the pool can join the panel this day; 1 is needed.');
		// The holiday is the whole day's, named once; the weekend is the panel's own.
		expect(days.find((d) => d.date === '2026-03-06')!.blockers.map((b) => b.reason)).toEqual(['holiday']);
		expect(days.find((d) => d.date === '2026-03-07')!.blockers[0]).toMatchObject({
			reason: 'outside_working_hours',
			personId: 'lead'
		});
		// Two seats from a pool of two: on Wednesday p1 (London) is free with the candidate from 13:00 to
		// 15:00 UTC only, p3 (New York) from 15:00 only, so each can join but never both at once.
		const split = factsOf(
			[interview(4, ['p1'], '2026-03-04T15:00:00Z', 120), interview(5, ['p3'], '2026-03-04T14:00:00Z')],
			null
		);
		const two = explainPoolDays(
			{ ...search([]), from: '2026-03-04T05:00:00Z', to: '2026-03-05T05:00:00Z' },
			{ members: ['p1', 'p3'], count: 2, prefer: 'soonest' },
			split,
			ZONE
		);
		expect(two.map((d) => d.blockers.at(-1)!.message)).toEqual([
			'2 of the pool can join the panel this day, but never 2 at the same time.'
		]);
	});

	it('explains exactly the days on which the pool’s finder offers nothing (DST week)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						who: fc.subarray(PEOPLE, { minLength: 1, maxLength: 2 }),
						day: fc.integer({ min: 0, max: 9 }),
						hour: fc.integer({ min: 8, max: 20 })
					}),
					{ maxLength: 20 }
				),
				fc.constantFrom(null, 1),
				fc.integer({ min: 1, max: 3 }),
				fc.constantFrom(['lead'], [] as string[]),
				fc.constantFrom(undefined, '2026-03-05', '2026-03-09'),
				(raw, perDay, count, panel, holiday) => {
					const ivs = raw.map((r, i) =>
						interview(
							i,
							r.who,
							new Date(Date.parse('2026-03-02T00:00:00Z') + r.day * 86_400_000 + r.hour * 3_600_000).toISOString()
						)
					);
					const facts = factsOf(ivs, perDay, holiday);
					const pool: PoolSpec = { members: ['p1', 'p2', 'p3'], count, prefer: 'least_loaded' };
					const s = search(panel);
					const slotDays = new Set(offerPoolSlots(s, pool, facts).map((x) => zonedDate(x.start, ZONE)));
					const days = explainPoolDays(s, pool, facts, ZONE);
					for (const d of days) {
						expect(slotDays.has(d.date), d.date).toBe(false);
						expect(d.blockers.length, d.date).toBeGreaterThan(0);
					}
					// A member's blocks, explained for the member alone, are those of the whole panel plus the member.
					for (const m of pool.members) {
						const whole = explainDays({ ...s, panel: [...panel, m] }, facts, ZONE);
						const alone = explainDays({ ...s, panel: [...panel, m] }, facts, ZONE, undefined, new Set([m]));
						const about = (ds: typeof days) =>
							ds.map((d) => ({ ...d, blockers: d.blockers.filter((b) => b.personId === m) }));
						expect(about(alone)).toEqual(about(whole));
					}
					const explained = new Set(days.map((d) => d.date));
					for (let ymd = '2026-03-03'; ymd <= '2026-03-10'; ymd = next(ymd))
						expect(slotDays.has(ymd) || explained.has(ymd), ymd).toBe(true);
				}
			),
			{ numRuns: 40 }
		);
	}, 60_000);
});

function next(ymd: string): string {
	return new Date(Date.parse(`${ymd}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
