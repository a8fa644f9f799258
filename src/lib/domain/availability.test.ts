import { describe, expect, it } from 'vitest';
import { isWithinWorkingHours, nextWorkingStart } from './availability';

const OFFICE = { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] };
const london = { timezone: 'Europe/London', workingHours: OFFICE };
const newYork = { timezone: 'America/New_York', workingHours: OFFICE };

describe('isWithinWorkingHours', () => {
	it('reads the hours in the person’s own zone', () => {
		// Tuesday 24 Nov 2026, 10:00 in London is 05:00 in New York.
		expect(isWithinWorkingHours(london, '2026-11-24T10:00:00.000Z', 45)).toBe(true);
		expect(isWithinWorkingHours(newYork, '2026-11-24T10:00:00.000Z', 45)).toBe(false);
		expect(isWithinWorkingHours(newYork, '2026-11-24T15:00:00.000Z', 45)).toBe(true);
	});

	it('needs the whole interview inside the shift, and no weekend', () => {
		expect(isWithinWorkingHours(london, '2026-11-24T16:30:00.000Z', 30)).toBe(true);
		expect(isWithinWorkingHours(london, '2026-11-24T16:30:00.000Z', 45)).toBe(false);
		expect(isWithinWorkingHours(london, '2026-11-24T08:45:00.000Z', 30)).toBe(false);
		expect(isWithinWorkingHours(london, '2026-11-28T10:00:00.000Z', 30)).toBe(false);
	});

	it('answers false for an unreadable start or duration', () => {
		expect(isWithinWorkingHours(london, 'not a date', 30)).toBe(false);
		expect(isWithinWorkingHours(london, '2026-11-24T10:00:00.000Z', 0)).toBe(false);
	});
});

describe('nextWorkingStart', () => {
	it('moves a night-time start to the next morning', () => {
		expect(nextWorkingStart(london, { notBefore: '2026-11-24T04:12:00.000Z', durationMin: 45, stepMin: 30 })).toBe(
			'2026-11-24T09:00:00.000Z'
		);
	});

	it('keeps a start that is already inside the hours, rounded up to the grid', () => {
		expect(nextWorkingStart(london, { notBefore: '2026-11-24T11:05:00.000Z', durationMin: 45, stepMin: 30 })).toBe(
			'2026-11-24T11:30:00.000Z'
		);
	});

	it('skips the weekend and the end of a day that is too short for the interview', () => {
		// Friday 27 Nov 16:30: 45 minutes do not fit before 17:00; Monday 30 Nov 09:00 is next.
		expect(nextWorkingStart(london, { notBefore: '2026-11-27T16:30:00.000Z', durationMin: 45, stepMin: 30 })).toBe(
			'2026-11-30T09:00:00.000Z'
		);
	});

	it('answers null when nobody ever works', () => {
		const never = { timezone: 'UTC', workingHours: { ...OFFICE, weekdays: [] } };
		expect(nextWorkingStart(never, { notBefore: 0, durationMin: 30, stepMin: 30 })).toBeNull();
	});
});
