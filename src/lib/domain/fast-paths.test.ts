/**
 * The slot finder's fast paths give the answers of the code they replaced: working windows and load
 * tallies walked by day numbers (and windows remembered per person and range) against the
 * `YYYY-MM-DD` walks they replaced, kept here as the reference; the pool's finder and explanation
 * handed each member's starts against searching them again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainDays } from './explain';
import { loadTally, weekOf, type LoadInterview } from './load';
import { resolvePolicy } from './policy';
import type { SlotFacts } from './offer';
import { explainPoolDays } from './pool-explain';
import { offerPoolSlots, poolMemberStarts, type PoolSpec } from './pools';
import { workingWindows, type SlotPerson } from './slots';
import {
	addDaysToYmd,
	DAY_MS,
	dayNumberOfYmd,
	isoWeekdayOfDayNumber,
	isoWeekdayOfYmd,
	MINUTE_MS,
	offsetAt,
	ymdOfDayNumber,
	zonedDate,
	zonedDayNumber,
	zonedWallTimeToUtc
} from './time';

const ZONES = [
	'Europe/Berlin',
	'America/New_York',
	'Asia/Kolkata',
	'Australia/Sydney',
	'UTC',
	'Asia/Kathmandu',
	'Pacific/Chatham',
	'Australia/Lord_Howe'
];
const FROM_MS = Date.UTC(1990, 0, 1);
const TO_MS = Date.UTC(2060, 0, 1);
const instant = fc.integer({ min: 0, max: (TO_MS - FROM_MS) / MINUTE_MS }).map((m) => FROM_MS + m * MINUTE_MS);
const hm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** `workingWindows` as it was: one `YYYY-MM-DD` string per day, nothing remembered. */
function windowsByYmd(person: Pick<SlotPerson, 'timezone' | 'workingHours'>, fromMs: number, toMs: number) {
	const { startTime, endTime, weekdays } = person.workingHours;
	const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
	if (toMin(startTime) === toMin(endTime) || weekdays.length === 0) return [];
	const overnight = toMin(endTime) < toMin(startTime);
	const days = new Set(weekdays);
	const lastYmd = zonedDate(toMs + DAY_MS, person.timezone);
	const windows: [number, number][] = [];
	for (let ymd = zonedDate(fromMs - DAY_MS, person.timezone); ymd <= lastYmd; ymd = addDaysToYmd(ymd, 1)) {
		if (!days.has(isoWeekdayOfYmd(ymd))) continue;
		const s = zonedWallTimeToUtc(ymd, startTime, person.timezone).getTime();
		const e = zonedWallTimeToUtc(overnight ? addDaysToYmd(ymd, 1) : ymd, endTime, person.timezone).getTime();
		if (e <= s || e <= fromMs || s >= toMs) continue;
		const last = windows[windows.length - 1];
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else windows.push([s, e]);
	}
	return windows;
}

/** `loadTally` as it was: a date string per start, its week from the string. */
function tallyByYmd(personId: string, tz: string, interviews: readonly LoadInterview[], ignoreId?: string) {
	const days = new Map<string, number>();
	const weeks = new Map<string, number>();
	for (const iv of interviews) {
		if (iv.id === ignoreId || iv.status === 'cancelled' || !iv.panel.includes(personId)) continue;
		const ms = Date.parse(iv.start);
		if (Number.isNaN(ms)) continue;
		const offset = offsetAt(Math.floor(ms / (15 * MINUTE_MS)) * 15 * MINUTE_MS, tz);
		const day = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 10);
		days.set(day, (days.get(day) ?? 0) + 1);
		weeks.set(weekOf(day), (weeks.get(weekOf(day)) ?? 0) + 1);
	}
	return { days, weeks };
}

describe('day numbers', () => {
	it('name the same dates and weekdays as the date strings', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ZONES), instant, (tz, ms) => {
				const ymd = zonedDate(ms, tz);
				const day = zonedDayNumber(ms, tz);
				expect(ymdOfDayNumber(day)).toBe(ymd);
				expect(dayNumberOfYmd(ymd)).toBe(day);
				expect(isoWeekdayOfDayNumber(day)).toBe(isoWeekdayOfYmd(ymd));
				expect(ymdOfDayNumber(day + 1)).toBe(addDaysToYmd(ymd, 1));
			}),
			{ numRuns: 2_000 }
		);
		expect(ymdOfDayNumber(0)).toBe('1970-01-01');
		expect(isoWeekdayOfDayNumber(-1)).toBe(3);
	});
});

describe('workingWindows by day numbers', () => {
	it('gives the windows of the date-string walk, and each caller its own copy', () => {
		const boundary = fc.integer({ min: 0, max: 96 }).map((q) => hm(q * 15));
		fc.assert(
			fc.property(
				fc.constantFrom(...ZONES),
				boundary,
				boundary,
				fc.subarray([1, 2, 3, 4, 5, 6, 7]),
				instant,
				fc.integer({ min: 0, max: 70 * 24 * 4 }),
				(timezone, startTime, endTime, weekdays, fromMs, quarters) => {
					const person = { timezone, workingHours: { startTime, endTime, weekdays } };
					const toMs = fromMs + quarters * 15 * MINUTE_MS;
					const want = windowsByYmd(person, fromMs, toMs);
					const first = workingWindows(person, fromMs, toMs);
					expect(first).toEqual(want);
					// A caller that changes its answer changes nobody else's (the second call is remembered).
					for (const w of first) w[0] = -1;
					expect(workingWindows(person, fromMs, toMs)).toEqual(want);
				}
			),
			{ numRuns: 500 }
		);
	});
});

describe('loadTally by day numbers', () => {
	it('counts the days and weeks of the date-string tally, with the same keys in the same order', () => {
		const interviews = fc.array(
			fc.record({
				id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
				start: instant.map((ms) => new Date(ms).toISOString()),
				panel: fc.subarray(['p', 'q', 'r'], { minLength: 1 }),
				status: fc.constantFrom('scheduled', 'completed', 'cancelled', 'no_show', 'in_progress' as const)
			}),
			{ maxLength: 40 }
		);
		fc.assert(
			fc.property(
				fc.constantFrom(...ZONES),
				interviews,
				fc.constantFrom(undefined, 'a'),
				fc.boolean(),
				(tz, ivs, ignoreId, sameWeek) => {
					// Half the cases put every start in one week, so days and weeks count more than one.
					const list = sameWeek
						? ivs.map((iv, i) => ({ ...iv, start: new Date(Date.UTC(2026, 2, 23) + i * 4 * 3_600_000).toISOString() }))
						: ivs;
					const got = loadTally('p', tz, list, ignoreId);
					const want = tallyByYmd('p', tz, list, ignoreId);
					expect([...got.days]).toEqual([...want.days]);
					expect([...got.weeks]).toEqual([...want.weeks]);
				}
			),
			{ numRuns: 500 }
		);
	});
});

const NOW = new Date('2026-03-02T06:00:00Z'); // a Monday; the US changes to summer time on 8 March
const PEOPLE = ['lead', 'p1', 'p2', 'p3'];
const PEOPLE_ZONES = ['America/New_York', 'Europe/London', 'America/Chicago', 'America/New_York'];
const OFFICE = { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] };

function poolFacts(raw: { who: string[]; day: number; hour: number }[], perDay: number | null): SlotFacts {
	const interviews = raw.map((r, i) => ({
		id: `i${i}`,
		start: new Date(Date.parse('2026-03-02T00:00:00Z') + r.day * DAY_MS + r.hour * 3_600_000).toISOString(),
		panel: r.who,
		status: 'scheduled' as const
	}));
	const busy = new Map<string, { start: string; end: string; interviewId: string }[]>();
	for (const iv of interviews)
		for (const p of iv.panel) {
			const end = new Date(Date.parse(iv.start) + 3_600_000).toISOString();
			busy.set(p, [...(busy.get(p) ?? []), { start: iv.start, end, interviewId: iv.id }]);
		}
	return {
		now: NOW,
		policy: resolvePolicy({ slotStepMin: 30 }),
		hours: {
			interviewers: new Map(PEOPLE.map((id, i) => [id, { timezone: PEOPLE_ZONES[i]!, workingHours: OFFICE }])),
			candidateZone: 'America/New_York'
		},
		busy,
		closures: { timezone: 'America/New_York', list: [] },
		load: new Map(PEOPLE.map((id, i) => [id, { timezone: PEOPLE_ZONES[i]!, limit: { perDay, perWeek: null } }])),
		interviews
	};
}

describe('the pool handed its members’ starts', () => {
	it('offers and explains as when it searches them itself', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						who: fc.subarray(PEOPLE, { minLength: 1, maxLength: 2 }),
						day: fc.integer({ min: 0, max: 9 }),
						hour: fc.integer({ min: 8, max: 20 })
					}),
					{ maxLength: 30 }
				),
				fc.constantFrom(null, 1),
				fc.integer({ min: 1, max: 3 }),
				fc.constantFrom(['lead'], [] as string[]),
				fc.constantFrom('least_loaded', 'soonest' as const),
				fc.integer({ min: 1, max: 8 }),
				(raw, perDay, count, panel, prefer, days) => {
					const facts = poolFacts(raw, perDay);
					const pool: PoolSpec = { members: ['p1', 'p2', 'p3', 'p1'], count, prefer };
					const search = {
						panel,
						candidateId: 'cand',
						durationMin: 60,
						from: '2026-03-03T05:00:00Z',
						to: new Date(Date.parse('2026-03-03T05:00:00Z') + days * DAY_MS).toISOString()
					};
					const each = poolMemberStarts({ ...search, limit: 3 }, pool, facts);
					const slots = offerPoolSlots(search, pool, facts);
					expect(offerPoolSlots(search, pool, facts, each)).toEqual(slots);
					expect(offerPoolSlots({ ...search, limit: 2 }, pool, facts, each)).toEqual(slots.slice(0, 2));
					const zone = 'America/New_York';
					const why = explainPoolDays(search, pool, facts, zone);
					const starts = slots.map((s) => s.start);
					expect(explainPoolDays(search, pool, facts, zone, starts, each)).toEqual(why);
					expect(explainPoolDays(search, pool, facts, zone, undefined, each)).toEqual(why);
					// A member's own explanation, handed the member's starts, is the one that searches.
					for (const [m, own] of each)
						expect(explainDays({ ...search, panel: [...panel, m] }, facts, zone, own, new Set([m]))).toEqual(
							explainDays({ ...search, panel: [...panel, m] }, facts, zone, undefined, new Set([m]))
						);
				}
			),
			{ numRuns: 60 }
		);
	}, 60_000);
});
