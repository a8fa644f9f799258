import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictIndex } from './conflicts';
import type { OrgClosures } from './closures';
import { judgeBooking, type JudgeFacts, type PeopleHours } from './judge';
import { loadTally, weekOf, type LoadLimits } from './load';
import { explainDays } from './explain';
import { busyFromIndex, offerSlots } from './offer';
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
/** A Wednesday; the generated now lies in the following weeks, spring DST changes included. */
const BASE_MS = Date.parse('2026-03-04T00:00:00Z');

const hoursArb: fc.Arbitrary<WorkingHours> = fc
	.record({
		start: fc.integer({ min: 0, max: 23 }),
		length: fc.integer({ min: 2, max: 24 }),
		weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 })
	})
	.map(({ start, length, weekdays }) => {
		const end = (start + length) % 24;
		const hm = (h: number) => `${String(h).padStart(2, '0')}:00`;
		return { startTime: hm(start), endTime: length === 24 ? '24:00' : hm(end), weekdays };
	});

interface Case {
	policy: Policy;
	nowMs: number;
	panel: string[];
	hours: PeopleHours;
	interviews: Interview[];
	durationMin: number;
	fromMs: number;
	toMs: number;
	closures: OrgClosures;
	load: LoadLimits;
}

const caseArb: fc.Arbitrary<Case> = fc
	.record({
		minNoticeMin: fc.constantFrom(0, 60, 120, 1440),
		maxAheadDays: fc.integer({ min: 1, max: 6 }),
		bufferMin: fc.constantFrom(0, 10, 30),
		slotStepMin: fc.constantFrom(15, 30, 60),
		nowOffsetMin: fc.integer({ min: 0, max: 40 * 24 * 60 }),
		panel: fc.subarray(PEOPLE, { minLength: 1 }),
		zones: fc.array(fc.constantFrom(...ZONES), { minLength: 4, maxLength: 4 }),
		hours: fc.array(hoursArb, { minLength: 3, maxLength: 3 }),
		busy: fc.array(
			fc.record({
				people: fc.subarray([...PEOPLE, CANDIDATE], { minLength: 1 }),
				offsetMin: fc.integer({ min: -600, max: 8 * 24 * 60 }),
				durationMin: fc.integer({ min: 15, max: 240 }),
				status: fc.constantFrom('scheduled', 'in_progress', 'completed', 'cancelled') as fc.Arbitrary<
					Interview['status']
				>
			}),
			{ maxLength: 16 }
		),
		closures: fc.array(
			fc.record({
				dayOffset: fc.integer({ min: -1, max: 8 }),
				days: fc.integer({ min: 1, max: 2 }),
				kind: fc.constantFrom('holiday', 'blackout') as fc.Arbitrary<'holiday' | 'blackout'>
			}),
			{ maxLength: 2 }
		),
		closureZone: fc.constantFrom(...ZONES),
		limits: fc.array(fc.record({ perDay: fc.constantFrom(null, 1, 2, 3), perWeek: fc.constantFrom(null, 2, 3, 5) }), {
			minLength: 3,
			maxLength: 3
		}),
		durationMin: fc.constantFrom(15, 30, 45, 60, 90),
		fromOffsetMin: fc.integer({ min: -600, max: 3 * 24 * 60 }),
		spanDays: fc.integer({ min: 1, max: 6 })
	})
	.map((r): Case => {
		const policy = resolvePolicy({
			minNoticeMin: r.minNoticeMin,
			maxAheadDays: r.maxAheadDays,
			bufferMin: r.bufferMin,
			slotStepMin: r.slotStepMin
		});
		// Now off the grid, as it always is.
		const nowMs = BASE_MS + r.nowOffsetMin * MINUTE_MS + 17_000;
		const interviews = r.busy.map((b, i): Interview => {
			const candidate = b.people.includes(CANDIDATE) ? CANDIDATE : `other-candidate-${i}`;
			return {
				id: `i${i}`,
				applicationId: `app-${i}`,
				candidateId: candidate,
				cycleId: 'cy',
				start: new Date(nowMs + b.offsetMin * MINUTE_MS).toISOString(),
				durationMin: b.durationMin,
				timezone: 'UTC',
				type: 'video',
				mode: 'online',
				location: '',
				round: 1,
				panel: b.people.filter((p) => p !== CANDIDATE),
				status: b.status,
				rescheduledFrom: null,
				updatedBy: null,
				updatedAt: new Date(nowMs).toISOString()
			};
		});
		const fromMs = nowMs + r.fromOffsetMin * MINUTE_MS;
		return {
			policy,
			nowMs,
			panel: r.panel,
			hours: {
				interviewers: new Map(PEOPLE.map((id, i) => [id, { timezone: r.zones[i]!, workingHours: r.hours[i]! }])),
				candidateZone: r.zones[3]!
			},
			interviews,
			durationMin: r.durationMin,
			fromMs,
			toMs: fromMs + r.spanDays * DAY_MS,
			closures: {
				timezone: r.closureZone,
				list: r.closures.map((c, i) => {
					const startDate = zonedDate(nowMs + c.dayOffset * DAY_MS, r.closureZone);
					return { kind: c.kind, name: `Closed ${i}`, startDate, endDate: addDaysToYmd(startDate, c.days - 1) };
				})
			},
			load: new Map(PEOPLE.map((id, i) => [id, { timezone: r.zones[i]!, limit: r.limits[i]! }]))
		};
	});

function factsOf(c: Case): JudgeFacts {
	return {
		now: new Date(c.nowMs),
		policy: c.policy,
		application,
		interviewerIds: new Set(PEOPLE),
		calendar: { interviews: c.interviews },
		hours: c.hours,
		closures: c.closures,
		load: c.load
	};
}

function offered(c: Case): string[] {
	const index = new ConflictIndex(c.interviews, { bufferMin: c.policy.bufferMin });
	const range = { from: c.fromMs, to: c.toMs };
	return offerSlots(
		{ panel: c.panel, candidateId: CANDIDATE, durationMin: c.durationMin, ...range },
		{
			now: new Date(c.nowMs),
			policy: c.policy,
			hours: c.hours,
			busy: busyFromIndex(index, [...c.panel, CANDIDATE], range, { bufferMin: c.policy.bufferMin }),
			closures: c.closures,
			load: c.load,
			interviews: c.interviews
		}
	);
}

/** The judge on a booking at `start`: allowed, with nobody outside their hours. */
function judgeAccepts(c: Case, start: string): boolean {
	const verdict = judgeBooking(
		{
			proposal: {
				applicationId: APP,
				start,
				durationMin: c.durationMin,
				timezone: 'UTC',
				type: 'video',
				mode: 'online',
				location: '',
				round: 1,
				panel: c.panel
			}
		},
		factsOf(c)
	);
	// Being near a load limit is a warning the finder does not mind; being outside someone's hours it does.
	const outside = verdict.warnings.filter((w) => w.code === 'outside_working_hours');
	return verdict.problems.length === 0 && verdict.conflicts.length === 0 && outside.length === 0;
}

/** True when nobody on the panel is past a limit on the day and in the week of a new interview at `start`. */
function withinLimits(c: Case, start: string): boolean {
	const booked = [...c.interviews, { id: 'new', start, panel: c.panel, status: 'scheduled' as const }];
	return c.panel.every((id) => {
		const person = c.load.get(id)!;
		const { days, weeks } = loadTally(id, person.timezone, booked);
		const day = zonedDate(start, person.timezone);
		const { perDay, perWeek } = person.limit;
		return (perDay === null || days.get(day)! <= perDay) && (perWeek === null || weeks.get(weekOf(day))! <= perWeek);
	});
}

describe('offerSlots', () => {
	it('offers only slots the judge accepts, and every grid start it accepts (hours, notice, horizon, buffer, holidays, load limits, DST)', () => {
		fc.assert(
			fc.property(caseArb, (c) => {
				const slots = offered(c);
				for (const s of slots) {
					expect(judgeAccepts(c, s), `offered ${s}`).toBe(true);
					expect(withinLimits(c, s), `offered ${s} past a load limit`).toBe(true);
				}
				// No free slot is missed: walk the grid and ask the judge about each start.
				const stepMs = c.policy.slotStepMin * MINUTE_MS;
				const expected: string[] = [];
				for (let s = Math.ceil(c.fromMs / stepMs) * stepMs; s + c.durationMin * MINUTE_MS <= c.toMs; s += stepMs) {
					const iso = new Date(s).toISOString();
					if (judgeAccepts(c, iso)) expected.push(iso);
				}
				expect(slots).toEqual(expected);
			}),
			{ numRuns: 150 }
		);
	}, 60_000);

	it('explains exactly the days without a slot, each with at least one reason', () => {
		fc.assert(
			fc.property(caseArb, fc.constantFrom(...ZONES), (c, zone) => {
				const slots = offered(c);
				const index = new ConflictIndex(c.interviews, { bufferMin: c.policy.bufferMin });
				const range = { from: c.fromMs, to: c.toMs };
				const days = explainDays(
					{ panel: c.panel, candidateId: CANDIDATE, durationMin: c.durationMin, ...range },
					{
						now: new Date(c.nowMs),
						policy: c.policy,
						hours: c.hours,
						busy: busyFromIndex(index, [...c.panel, CANDIDATE], range, { bufferMin: c.policy.bufferMin }),
						closures: c.closures,
						load: c.load,
						interviews: c.interviews
					},
					zone
				);
				// Told every slot, it explains the same days the same way without asking the finder per day.
				const facts2 = {
					now: new Date(c.nowMs),
					policy: c.policy,
					hours: c.hours,
					busy: busyFromIndex(index, [...c.panel, CANDIDATE], range, { bufferMin: c.policy.bufferMin }),
					closures: c.closures,
					load: c.load,
					interviews: c.interviews
				};
				expect(
					explainDays(
						{ panel: c.panel, candidateId: CANDIDATE, durationMin: c.durationMin, ...range },
						facts2,
						zone,
						slots
					)
				).toEqual(days);
				const withSlots = new Set(slots.map((s) => zonedDate(s, zone)));
				const all: string[] = [];
				for (let d = zonedDate(c.fromMs, zone); d <= zonedDate(c.toMs - 1, zone); d = addDaysToYmd(d, 1)) all.push(d);
				expect(days.map((d) => d.date)).toEqual(all.filter((d) => !withSlots.has(d)));
				for (const d of days) expect(d.blockers.length, d.date).toBeGreaterThan(0);
			}),
			{ numRuns: 100 }
		);
	}, 60_000);

	it('offers nothing past the horizon, however far the search reaches', () => {
		// Issue 11 item 7: the finder offered 240 slots past the 90-day limit.
		const policy = resolvePolicy({ maxAheadDays: 90 });
		const now = new Date('2026-11-24T08:00:07Z');
		const anyTime = { startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] };
		const slots = offerSlots(
			{
				panel: ['u1'],
				candidateId: null,
				durationMin: 60,
				from: now.getTime() + 80 * DAY_MS,
				to: now.getTime() + 100 * DAY_MS
			},
			{
				now,
				policy,
				hours: { interviewers: new Map([['u1', { timezone: 'UTC', workingHours: anyTime }]]), candidateZone: null },
				busy: new Map()
			}
		);
		const limit = now.getTime() + 90 * DAY_MS;
		expect(slots.length).toBeGreaterThan(0);
		expect(slots.at(-1)).toBe(new Date(Math.floor(limit / (15 * MINUTE_MS)) * 15 * MINUTE_MS).toISOString());
		expect(slots.every((s) => Date.parse(s) <= limit)).toBe(true);
	});

	it('keeps the candidate to the judge’s candidate hours in the candidate’s own zone', () => {
		const now = new Date('2026-11-24T00:00:00Z');
		const anyTime = { startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] };
		const slots = offerSlots(
			{
				panel: ['u1'],
				candidateId: CANDIDATE,
				durationMin: 60,
				from: '2026-11-25T00:00:00Z',
				to: '2026-11-26T00:00:00Z'
			},
			{
				now,
				policy: resolvePolicy({ slotStepMin: 60 }),
				hours: {
					interviewers: new Map([['u1', { timezone: 'UTC', workingHours: anyTime }]]),
					candidateZone: 'Asia/Tokyo'
				},
				busy: new Map()
			}
		);
		// 08:00–20:00 in Tokyo is 23:00 (the day before) to 11:00 UTC.
		const hours = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 23];
		expect(slots).toEqual(hours.map((h) => `2026-11-25T${String(h).padStart(2, '0')}:00:00.000Z`));
	});
});
