import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addMinutes,
	endOf,
	isIsoUtc,
	isValidTimeZone,
	parseIsoUtc,
	utcToZonedParts,
	zonedDate,
	zonedWallTimeToUtc
} from './time';

const iso = (ymd: string, hm: string, tz: string): string => zonedWallTimeToUtc(ymd, hm, tz).toISOString();

describe('isValidTimeZone', () => {
	it('accepts IANA zone names', () => {
		expect(isValidTimeZone('Europe/Berlin')).toBe(true);
		expect(isValidTimeZone('America/New_York')).toBe(true);
		expect(isValidTimeZone('UTC')).toBe(true);
		expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
	});

	it('rejects unknown names, raw offsets and non-strings', () => {
		expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
		expect(isValidTimeZone('+01:00')).toBe(false);
		expect(isValidTimeZone('')).toBe(false);
		expect(isValidTimeZone(42)).toBe(false);
		expect(isValidTimeZone(null)).toBe(false);
	});
});

describe('zonedWallTimeToUtc', () => {
	it('reads an ordinary wall time in winter and in summer', () => {
		expect(iso('2026-01-15', '09:00', 'Europe/Berlin')).toBe('2026-01-15T08:00:00.000Z');
		expect(iso('2026-07-15', '09:00', 'Europe/Berlin')).toBe('2026-07-15T07:00:00.000Z');
		expect(iso('2026-01-15', '09:00', 'America/New_York')).toBe('2026-01-15T14:00:00.000Z');
		expect(iso('2026-07-15', '09:00', 'America/New_York')).toBe('2026-07-15T13:00:00.000Z');
		expect(iso('2026-07-15', '09:00', 'Asia/Kolkata')).toBe('2026-07-15T03:30:00.000Z');
	});

	it('uses the right offset on both sides of the Berlin spring change', () => {
		// 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST (01:00Z).
		expect(iso('2026-03-29', '01:30', 'Europe/Berlin')).toBe('2026-03-29T00:30:00.000Z');
		expect(iso('2026-03-29', '03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
		expect(iso('2026-03-29', '09:00', 'Europe/Berlin')).toBe('2026-03-29T07:00:00.000Z');
	});

	it('pushes a wall time inside the spring gap forward by the gap', () => {
		// 02:30 never happens in Berlin on 2026-03-29; it reads as 03:30 CEST.
		expect(iso('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
		// New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 reads as 03:30 EDT.
		expect(iso('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
	});

	it('takes the earlier instant of a wall time that happens twice in autumn', () => {
		// Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
		expect(iso('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
		expect(iso('2026-10-25', '03:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00.000Z');
		// New York, 2026-11-01: 01:30 happens at EDT and again at EST.
		expect(iso('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
		expect(iso('2026-11-01', '09:00', 'America/New_York')).toBe('2026-11-01T14:00:00.000Z');
	});

	it('reads 24:00 as midnight at the end of the day', () => {
		expect(iso('2026-03-28', '24:00', 'Europe/Berlin')).toBe(iso('2026-03-29', '00:00', 'Europe/Berlin'));
	});

	it('refuses impossible dates, times and zones', () => {
		expect(() => zonedWallTimeToUtc('2026-02-30', '09:00', 'UTC')).toThrow(RangeError);
		expect(() => zonedWallTimeToUtc('2026-02-10', '25:00', 'UTC')).toThrow(RangeError);
		expect(() => zonedWallTimeToUtc('2026-02-10', '9:00', 'UTC')).toThrow(RangeError);
		expect(() => zonedWallTimeToUtc('2026-02-10', '09:00', 'Nowhere/City')).toThrow(RangeError);
	});

	it('round-trips every existing wall time through utcToZonedParts', () => {
		const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
				fc.constantFrom(...zones),
				(ms, tz) => {
					const t = Math.floor(ms / 60_000) * 60_000;
					const p = utcToZonedParts(t, tz);
					const ymd = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
					const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
					const back = zonedWallTimeToUtc(ymd, hm, tz).getTime();
					// Equal, or the earlier twin of a repeated autumn wall time.
					expect(back === t || (back < t && t - back <= 3_600_000)).toBe(true);
					expect(utcToZonedParts(back, tz)).toMatchObject({ hour: p.hour, minute: p.minute, day: p.day });
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('utcToZonedParts', () => {
	it('gives wall clock, ISO weekday and offset', () => {
		expect(utcToZonedParts(new Date('2026-11-24T13:30:00Z'), 'Europe/Berlin')).toEqual({
			year: 2026,
			month: 11,
			day: 24,
			hour: 14,
			minute: 30,
			second: 0,
			weekday: 2,
			offsetMin: 60
		});
		expect(utcToZonedParts('2026-03-29T23:30:00Z', 'America/New_York')).toMatchObject({
			day: 29,
			hour: 19,
			weekday: 7,
			offsetMin: -240
		});
	});

	it('reads far-off years too', () => {
		expect(utcToZonedParts('0500-06-01T12:00:00Z', 'UTC')).toMatchObject({
			year: 500,
			month: 6,
			day: 1,
			hour: 12,
			offsetMin: 0
		});
	});

	it('reports midnight as hour 0', () => {
		expect(utcToZonedParts('2026-01-01T23:00:00Z', 'Europe/Berlin')).toMatchObject({ day: 2, hour: 0 });
	});
});

describe('instants', () => {
	it('adds minutes and finds the end of an interview', () => {
		expect(addMinutes('2026-11-24T13:30:00Z', 45).toISOString()).toBe('2026-11-24T14:15:00.000Z');
		expect(endOf({ start: '2026-11-24T23:30:00Z', durationMin: 60 }).toISOString()).toBe('2026-11-25T00:30:00.000Z');
	});

	it('accepts only real ISO-8601 UTC instants', () => {
		expect(isIsoUtc('2026-11-24T13:30:00Z')).toBe(true);
		expect(isIsoUtc('2026-11-24T13:30:00.000Z')).toBe(true);
		expect(isIsoUtc('2026-11-24T13:30Z')).toBe(true);
		expect(isIsoUtc('2026-11-24T13:30:00+01:00')).toBe(false);
		expect(isIsoUtc('2026-11-24 13:30:00Z')).toBe(false);
		expect(isIsoUtc('2026-02-30T13:30:00Z')).toBe(false);
		expect(parseIsoUtc('nonsense')).toBeNull();
	});
});

describe('zonedDate', () => {
	it('reads the same date as the full wall clock, around every change of offset since 1980', () => {
		const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];
		const from = Date.UTC(1980, 0, 1);
		const to = Date.UTC(2040, 0, 1);
		fc.assert(
			fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: Math.floor((to - from) / 60_000) }), (tz, m) => {
				const ms = from + m * 60_000;
				const p = utcToZonedParts(ms, tz);
				const want = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
				expect(zonedDate(ms, tz)).toBe(want);
				// The minutes just before and after a local midnight, where a wrong offset shows.
				const midnight = zonedWallTimeToUtc(want, '00:00', tz).getTime();
				for (const t of [midnight - 60_000, midnight, midnight + 60_000]) {
					const q = utcToZonedParts(t, tz);
					expect(zonedDate(t, tz)).toBe(
						`${q.year}-${String(q.month).padStart(2, '0')}-${String(q.day).padStart(2, '0')}`
					);
				}
			}),
			{ numRuns: 2_000 }
		);
		// Before 1980 the exact reading is kept (Monrovia kept 44 min 30 s until 1972).
		expect(zonedDate(Date.UTC(1971, 5, 1, 0, 30), 'Africa/Monrovia')).toBe('1971-05-31');
	});
});
