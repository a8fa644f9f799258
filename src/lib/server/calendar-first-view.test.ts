import { describe, expect, it } from 'vitest';
import { firstViewDays } from './calendar-first-view';

describe('the days a first view covers', () => {
	it('is the week around the date (a day wider each side) for the week and the agenda', () => {
		expect(firstViewDays('timeGridWeek', '2026-11-26')).toEqual(['2026-11-22', '2026-12-01']);
		expect(firstViewDays(null, '2026-11-23')).toEqual(['2026-11-22', '2026-12-01']);
	});
	it('is the day (a day wider each side) for the day views', () => {
		expect(firstViewDays('timeGridDay', '2026-11-26')).toEqual(['2026-11-25', '2026-11-28']);
	});
	it('is the six weeks of the month grid for the month', () => {
		// November 2026 starts on a Sunday: the grid runs from Monday 26 October to Sunday 6 December.
		expect(firstViewDays('dayGridMonth', '2026-11-26')).toEqual(['2026-10-25', '2026-12-08']);
	});
});
