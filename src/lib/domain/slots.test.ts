import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConflictIndex } from './conflicts';
import {
	bruteForceSlots,
	findSlots,
	workingWindows,
	type BusyLike,
	type FindSlotsInput,
	type SlotPerson
} from './slots';
import type { WorkingHours } from './types';

const OFFICE: WorkingHours = { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] };
const person = (id: string, timezone: string, workingHours: WorkingHours = OFFICE): SlotPerson => ({
	id,
	timezone,
	workingHours
});
const noBusy = new Map<string, BusyLike[]>();

function slots(over: Partial<FindSlotsInput> & Pick<FindSlotsInput, 'people'>): string[] {
	const input: FindSlotsInput = {
		busy: noBusy,
		durationMin: 60,
		from: '2026-11-24T00:00:00Z',
		to: '2026-11-25T00:00:00Z',
		stepMin: 30,
		...over
	};
	const found = findSlots(input);
	// Every example doubles as a check against the reference.
	expect(found).toEqual(bruteForceSlots(input));
	return found;
}

describe('findSlots', () => {
	it('offers only the hours that are working hours in every person’s own zone', () => {
		// Tuesday: Berlin works 08:00–16:00Z, New York 14:00–22:00Z; they share 14:00–16:00Z.
		expect(slots({ people: [person('berlin', 'Europe/Berlin'), person('ny', 'America/New_York')] })).toEqual([
			'2026-11-24T14:00:00.000Z',
			'2026-11-24T14:30:00.000Z',
			'2026-11-24T15:00:00.000Z'
		]);
	});

	it('finds nothing when working hours only touch', () => {
		// Tokyo works 00:00–08:00Z, Berlin 08:00–16:00Z.
		expect(slots({ people: [person('tokyo', 'Asia/Tokyo'), person('berlin', 'Europe/Berlin')] })).toEqual([]);
	});

	it('keeps out of busy time but allows back-to-back without a buffer', () => {
		const busy = new Map([['a', [{ start: '2026-11-24T10:00:00Z', end: '2026-11-24T15:00:00Z' }]]]);
		expect(slots({ people: [person('a', 'UTC')], busy })).toEqual([
			'2026-11-24T09:00:00.000Z',
			'2026-11-24T15:00:00.000Z',
			'2026-11-24T15:30:00.000Z',
			'2026-11-24T16:00:00.000Z'
		]);
	});

	it('keeps the buffer free around busy time', () => {
		const busy = new Map([['a', [{ start: '2026-11-24T10:00:00Z', end: '2026-11-24T15:00:00Z' }]]]);
		expect(slots({ people: [person('a', 'UTC')], busy, bufferMin: 15 })).toEqual([
			'2026-11-24T15:30:00.000Z',
			'2026-11-24T16:00:00.000Z'
		]);
	});

	it('starts no earlier than the minimum notice allows', () => {
		expect(slots({ people: [person('a', 'UTC')], notBefore: '2026-11-24T15:10:00Z' })).toEqual([
			'2026-11-24T15:30:00.000Z',
			'2026-11-24T16:00:00.000Z'
		]);
	});

	it('reads weekdays in the person’s own zone', () => {
		// Sunday 20:00Z is already Monday 09:00 in Auckland (UTC+13 in November).
		const found = slots({
			people: [person('akl', 'Pacific/Auckland')],
			from: '2026-11-29T00:00:00Z',
			to: '2026-11-30T00:00:00Z',
			stepMin: 60
		});
		expect(found).toEqual([
			'2026-11-29T20:00:00.000Z',
			'2026-11-29T21:00:00.000Z',
			'2026-11-29T22:00:00.000Z',
			'2026-11-29T23:00:00.000Z'
		]);
		// And Saturday 20:00Z is Sunday in Auckland: no work.
		expect(
			slots({ people: [person('akl', 'Pacific/Auckland')], from: '2026-11-28T12:00:00Z', to: '2026-11-29T12:00:00Z' })
		).toEqual([]);
	});

	it('follows a person’s working hours across a daylight-saving change', () => {
		const week = slots({
			people: [person('berlin', 'Europe/Berlin', { ...OFFICE, endTime: '10:00' })],
			from: '2026-03-27T00:00:00Z',
			to: '2026-03-31T00:00:00Z',
			stepMin: 60
		});
		// Friday 09:00 CET = 08:00Z; Monday 09:00 CEST = 07:00Z.
		expect(week).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
	});

	it('supports shifts that run past midnight', () => {
		const night = person('n', 'UTC', { startTime: '22:00', endTime: '02:00', weekdays: [2] });
		expect(
			slots({
				people: [night],
				from: '2026-11-24T00:00:00Z',
				to: '2026-11-26T00:00:00Z',
				durationMin: 240,
				stepMin: 60
			})
		).toEqual(['2026-11-24T22:00:00.000Z']);
	});

	it('joins touching shifts, so a round-the-clock person can meet across midnight', () => {
		const always = person('x', 'UTC', { startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] });
		expect(
			slots({
				people: [always],
				from: '2026-11-24T23:00:00Z',
				to: '2026-11-25T01:00:00Z',
				durationMin: 120,
				stepMin: 60
			})
		).toEqual(['2026-11-24T23:00:00.000Z']);
	});

	it('stops at the limit', () => {
		expect(slots({ people: [person('a', 'UTC')], limit: 2 })).toHaveLength(2);
	});

	it('takes busy time from a ConflictIndex', () => {
		const index = new ConflictIndex([
			{
				id: 'i1',
				start: '2026-11-24T09:00:00.000Z',
				durationMin: 420,
				panel: ['a'],
				candidateId: 'c',
				status: 'scheduled'
			}
		]);
		const from = '2026-11-24T00:00:00Z';
		const to = '2026-11-25T00:00:00Z';
		expect(slots({ people: [person('a', 'UTC')], busy: index.busyMap(['a'], from, to), from, to })).toEqual([
			'2026-11-24T16:00:00.000Z'
		]);
	});

	it('refuses a grid or duration that is not whole minutes', () => {
		expect(() => findSlots({ people: [], busy: noBusy, durationMin: 0, from: 0, to: 1, stepMin: 15 })).toThrow(
			RangeError
		);
		expect(() => findSlots({ people: [], busy: noBusy, durationMin: 30, from: 0, to: 1, stepMin: 7.5 })).toThrow(
			RangeError
		);
	});
});

describe('workingWindows', () => {
	it('gives the UTC windows of each working day', () => {
		const w = workingWindows(person('ny', 'America/New_York'), Date.UTC(2026, 10, 23), Date.UTC(2026, 10, 25));
		expect(w.map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()])).toEqual([
			['2026-11-23T14:00:00.000Z', '2026-11-23T22:00:00.000Z'],
			['2026-11-24T14:00:00.000Z', '2026-11-24T22:00:00.000Z']
		]);
	});
});

// Shift boundaries stay out of 01:00–04:00 local, where zones change their clocks; see bruteForceSlots.
const boundaryArb = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 16, max: 96 })).map((q) => q * 15);
const hm = (min: number): string =>
	`${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC', 'Asia/Kathmandu'];
// Ranges around the 2026 clock changes of Europe, the US and Australia, and an ordinary week.
const anchors = [
	Date.UTC(2026, 2, 6),
	Date.UTC(2026, 2, 27),
	Date.UTC(2026, 3, 3),
	Date.UTC(2026, 9, 23),
	Date.UTC(2026, 9, 30),
	Date.UTC(2026, 10, 23)
];

const personArb = fc
	.record({
		timezone: fc.constantFrom(...zones),
		// Mostly day shifts, sometimes any boundaries (night shifts, 24:00, empty shifts).
		hours: fc.oneof(
			{
				weight: 3,
				arbitrary: fc
					.tuple(fc.integer({ min: 16, max: 48 }), fc.integer({ min: 48, max: 96 }))
					.map(([a, b]) => [a * 15, b * 15])
			},
			{ weight: 1, arbitrary: fc.tuple(boundaryArb, boundaryArb) }
		),
		weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 7 })
	})
	// A shift cannot start at 24:00.
	.filter((p) => p.hours[0] !== 1440)
	.map((p) => ({ timezone: p.timezone, start: p.hours[0]!, end: p.hours[1]!, weekdays: p.weekdays }));

const inputArb = fc
	.record({
		people: fc.array(personArb, { minLength: 1, maxLength: 3 }),
		anchor: fc.constantFrom(...anchors),
		offsetMin: fc.integer({ min: 0, max: 2 * 1440 }),
		days: fc.integer({ min: 1, max: 3 }),
		durationMin: fc.constantFrom(15, 30, 45, 60, 90, 120),
		stepMin: fc.constantFrom(1, 5, 7, 15, 30, 60),
		bufferMin: fc.constantFrom(0, 0, 10),
		notBeforeMin: fc.option(fc.integer({ min: 0, max: 2 * 1440 }), { nil: undefined }),
		busy: fc.array(
			fc.record({
				who: fc.nat(3),
				startMin: fc.integer({ min: -120, max: 5 * 1440 }),
				lenMin: fc.constantFrom(0, 15, 30, 60, 90, 180)
			}),
			{ maxLength: 25 }
		)
	})
	.map((r): FindSlotsInput => {
		const from = r.anchor + r.offsetMin * 60_000;
		const people = r.people.map((p, i) =>
			person(`p${i}`, p.timezone, { startTime: hm(p.start), endTime: hm(p.end), weekdays: p.weekdays })
		);
		const busy = new Map<string, BusyLike[]>();
		for (const b of r.busy) {
			const id = `p${b.who % people.length}`;
			const start = r.anchor + b.startMin * 60_000;
			busy.set(id, [...(busy.get(id) ?? []), { start: new Date(start), end: new Date(start + b.lenMin * 60_000) }]);
		}
		return {
			people,
			busy,
			from: new Date(from),
			to: new Date(from + r.days * 86_400_000),
			durationMin: r.durationMin,
			stepMin: r.stepMin,
			bufferMin: r.bufferMin,
			notBefore: r.notBeforeMin === undefined ? undefined : new Date(r.anchor + r.notBeforeMin * 60_000)
		};
	});

describe('findSlots against the minute-by-minute reference', () => {
	it('returns exactly the free grid slots: none busy, none outside working hours, none missed', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const found = findSlots(input);
				expect(found).toEqual(bruteForceSlots(input));
				const bufMs = (input.bufferMin ?? 0) * 60_000;
				for (const s of found) {
					const start = Date.parse(s);
					const end = start + input.durationMin * 60_000;
					expect(start % (input.stepMin * 60_000)).toBe(0);
					for (const p of input.people) {
						for (const b of input.busy.get(p.id) ?? []) {
							const bs = new Date(b.start).getTime();
							const be = new Date(b.end).getTime();
							expect(start < be + bufMs && bs - bufMs < end).toBe(false);
						}
					}
				}
			}),
			{ numRuns: 80 }
		);
	});
});
