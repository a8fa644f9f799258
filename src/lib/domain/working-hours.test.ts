import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_POLICY } from './policy';
import { findSlots } from './slots';
import { DAY_MS } from './time';
import { effectiveWorkingHours, MIN_SHIFT_MIN, shiftLengthMin, validateWorkingHours } from './working-hours';

const OFFICE = DEFAULT_POLICY.workingHours;

describe('validateWorkingHours', () => {
	it('accepts office hours and tidies the weekdays (no repeats, Monday first)', () => {
		expect(validateWorkingHours({ startTime: '08:30', endTime: '16:00', weekdays: [5, 1, 3, 1] })).toEqual({
			ok: true,
			value: { startTime: '08:30', endTime: '16:00', weekdays: [1, 3, 5] }
		});
	});

	it('accepts a night shift that ends after midnight, and a day that ends at 24:00', () => {
		expect(validateWorkingHours({ startTime: '22:00', endTime: '06:00', weekdays: [1] }).ok).toBe(true);
		expect(validateWorkingHours({ startTime: '18:00', endTime: '24:00', weekdays: [7] }).ok).toBe(true);
		expect(validateWorkingHours({ startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] }).ok).toBe(
			true
		);
	});

	it('refuses an empty week, weekdays outside 1–7 and a list that is not one', () => {
		const days = (weekdays: unknown) => validateWorkingHours({ startTime: '09:00', endTime: '17:00', weekdays });
		expect(days([])).toEqual({ ok: false, errors: { weekdays: 'must name at least one day' } });
		for (const bad of [[0], [8], [1, 2.5], ['1'], [null]]) {
			expect(days(bad)).toEqual({ ok: false, errors: { weekdays: 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)' } });
		}
		expect(days('1,2')).toEqual({ ok: false, errors: { weekdays: 'must be a list of weekdays' } });
	});

	it('refuses times that are not HH:MM wall times, and a shift that starts at 24:00', () => {
		for (const bad of ['9:00', '09:60', '25:00', '0900', '', 900, null]) {
			const r = validateWorkingHours({ startTime: bad, endTime: bad, weekdays: [1] });
			expect(r.ok).toBe(false);
			expect(r.ok ? null : Object.keys(r.errors).sort()).toEqual(['end_time', 'start_time']);
		}
		expect(validateWorkingHours({ startTime: '24:00', endTime: '08:00', weekdays: [1] })).toEqual({
			ok: false,
			errors: { start_time: 'must be a time HH:MM from 00:00 to 23:59' }
		});
	});

	it('refuses a shift shorter than 15 minutes, overnight ones included, and an empty one', () => {
		const short = (startTime: string, endTime: string) => validateWorkingHours({ startTime, endTime, weekdays: [1] });
		expect(short('09:00', '09:14').ok).toBe(false);
		expect(short('09:00', '09:15').ok).toBe(true);
		expect(short('23:55', '00:05').ok).toBe(false);
		expect(short('23:50', '00:05').ok).toBe(true);
		expect(short('10:00', '10:00')).toEqual({
			ok: false,
			errors: { end_time: 'must be at least 15 minutes after the start (an end before the start is on the next day)' }
		});
	});

	it('refuses input that is not an object, naming every field', () => {
		for (const bad of [null, undefined, 'office', [], 42]) {
			const r = validateWorkingHours(bad);
			expect(r.ok ? [] : Object.keys(r.errors).sort()).toEqual(['end_time', 'start_time', 'weekdays']);
		}
	});
});

describe('shiftLengthMin', () => {
	it('reads an earlier end as the next day and an equal one as no shift', () => {
		expect(shiftLengthMin('09:00', '17:00')).toBe(480);
		expect(shiftLengthMin('22:00', '06:00')).toBe(480);
		expect(shiftLengthMin('00:00', '24:00')).toBe(1440);
		expect(shiftLengthMin('18:00', '00:00')).toBe(360);
		expect(shiftLengthMin('07:00', '07:00')).toBe(0);
	});
});

describe('effectiveWorkingHours', () => {
	it('uses a person’s own hours when they set them, tidied', () => {
		expect(effectiveWorkingHours({ startTime: '06:00', endTime: '10:00', weekdays: [2, 1] }, OFFICE)).toEqual({
			startTime: '06:00',
			endTime: '10:00',
			weekdays: [1, 2]
		});
	});

	it('falls back to the organization’s default when they set none, or stored ones no longer pass', () => {
		expect(effectiveWorkingHours(null, OFFICE)).toBe(OFFICE);
		expect(effectiveWorkingHours(undefined, OFFICE)).toBe(OFFICE);
		expect(effectiveWorkingHours({ startTime: '06:00', endTime: '06:05', weekdays: [1] }, OFFICE)).toBe(OFFICE);
		expect(effectiveWorkingHours({ start_time: '06:00', end_time: '10:00', weekdays: [1] }, OFFICE)).toBe(OFFICE);
	});
});

const hm = fc
	.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
	.map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const endHm = fc.oneof(hm, fc.constant('24:00'));
const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];

describe('validateWorkingHours and the slot finder agree', () => {
	it('accepts exactly the well-formed shifts of at least 15 minutes, and its answer checks again unchanged', () => {
		fc.assert(
			fc.property(hm, endHm, weekdays, (startTime, endTime, days) => {
				const r = validateWorkingHours({ startTime, endTime, weekdays: days });
				expect(r.ok).toBe(shiftLengthMin(startTime, endTime) >= MIN_SHIFT_MIN);
				if (r.ok) expect(validateWorkingHours(r.value)).toEqual(r);
			}),
			{ numRuns: 500 }
		);
	});

	it('gives the slot finder a 15-minute slot within any two weeks, in any zone, for every hours it accepts', () => {
		fc.assert(
			fc.property(
				hm,
				endHm,
				weekdays,
				fc.constantFrom(...ZONES),
				fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
				(startTime, endTime, days, timezone, from) => {
					const r = validateWorkingHours({ startTime, endTime, weekdays: days });
					if (!r.ok) return;
					const found = findSlots({
						people: [{ id: 'p', timezone, workingHours: r.value }],
						busy: new Map(),
						durationMin: MIN_SHIFT_MIN,
						from,
						to: from + 15 * DAY_MS,
						stepMin: 1,
						limit: 1
					});
					expect(found).toHaveLength(1);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('never offers a 15-minute slot for a shift it refuses as too short (read in UTC, without daylight saving)', () => {
		fc.assert(
			fc.property(hm, fc.integer({ min: 0, max: MIN_SHIFT_MIN - 1 }), weekdays, (startTime, lengthMin, days) => {
				const end = (Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3)) + lengthMin) % (24 * 60);
				const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
				const hours = { startTime, endTime, weekdays: days };
				expect(validateWorkingHours(hours).ok).toBe(false);
				const found = findSlots({
					people: [{ id: 'p', timezone: 'UTC', workingHours: hours }],
					busy: new Map(),
					durationMin: MIN_SHIFT_MIN,
					from: Date.UTC(2026, 5, 1),
					to: Date.UTC(2026, 5, 15),
					stepMin: 1,
					limit: 1
				});
				expect(found).toEqual([]);
			}),
			{ numRuns: 200 }
		);
	});
});
