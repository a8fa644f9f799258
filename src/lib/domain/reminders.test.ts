import { describe, expect, it } from 'vitest';
import { dueFeedbackRequest, dueReminder, feedbackMoments } from './reminders';

const H = 3600_000;
const START = Date.parse('2026-12-03T15:00:00Z');

describe('reminders', () => {
	const booked = START - 5 * 24 * H;
	it('is the day-before reminder from 24 h ahead, the hour-before one from 1 h ahead, and nothing once started', () => {
		expect(dueReminder(START, booked, START - 25 * H)).toBeNull();
		expect(dueReminder(START, booked, START - 24 * H)).toBe('reminder_24h');
		expect(dueReminder(START, booked, START - 2 * H)).toBe('reminder_24h');
		expect(dueReminder(START, booked, START - 1 * H)).toBe('reminder_1h');
		expect(dueReminder(START, booked, START - 1)).toBe('reminder_1h');
		expect(dueReminder(START, booked, START)).toBeNull();
	});

	it('skips a reminder whose moment came before the interview was booked or moved there', () => {
		const lateBooking = START - 3 * H;
		expect(dueReminder(START, lateBooking, START - 2 * H)).toBeNull();
		expect(dueReminder(START, lateBooking, START - 30 * 60_000)).toBe('reminder_1h');
	});
});

describe('scorecard requests', () => {
	// Thursday 3 December 2026, 16:00 UTC in New York is 11:00.
	const END = Date.parse('2026-12-03T16:00:00Z');
	const NY = 'America/New_York';

	it('asks an hour after the end, then at 09:00 in the interviewer’s zone on each of ten business days', () => {
		const moments = feedbackMoments(END, NY).map((t) => new Date(t).toISOString());
		expect(moments).toEqual([
			'2026-12-03T17:00:00.000Z',
			'2026-12-04T14:00:00.000Z', // Friday 09:00 EST
			'2026-12-07T14:00:00.000Z', // Monday (the weekend skipped)
			'2026-12-08T14:00:00.000Z',
			'2026-12-09T14:00:00.000Z',
			'2026-12-10T14:00:00.000Z',
			'2026-12-11T14:00:00.000Z',
			'2026-12-14T14:00:00.000Z',
			'2026-12-15T14:00:00.000Z',
			'2026-12-16T14:00:00.000Z',
			'2026-12-17T14:00:00.000Z'
		]);
	});

	it('is due from its moment until the next, sends only the latest after a gap, and ends with the tenth', () => {
		expect(dueFeedbackRequest(END, NY, END + 59 * 60_000)).toBeNull();
		expect(dueFeedbackRequest(END, NY, END + H)).toEqual({ n: 0, last: false });
		expect(dueFeedbackRequest(END, NY, Date.parse('2026-12-04T13:59:00Z'))).toEqual({ n: 0, last: false });
		expect(dueFeedbackRequest(END, NY, Date.parse('2026-12-04T14:00:00Z'))).toEqual({ n: 1, last: false });
		// Away over the weekend: Monday's is the one due, not Saturday's and Sunday's.
		expect(dueFeedbackRequest(END, NY, Date.parse('2026-12-07T20:00:00Z'))).toEqual({ n: 2, last: false });
		expect(dueFeedbackRequest(END, NY, Date.parse('2026-12-17T14:00:00Z'))).toEqual({ n: 10, last: true });
		expect(dueFeedbackRequest(END, NY, Date.parse('2027-01-30T14:00:00Z'))).toEqual({ n: 10, last: true });
	});

	it('counts business days in the interviewer’s own zone', () => {
		// 16:00 UTC Thursday is already Friday 01:00 in Tokyo: the first morning reminder is Monday's.
		const tokyo = feedbackMoments(END, 'Asia/Tokyo').map((t) => new Date(t).toISOString());
		expect(tokyo[1]).toBe('2026-12-07T00:00:00.000Z');
	});
});
