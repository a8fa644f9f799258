import { describe, expect, it } from 'vitest';
import { doubleBookingMessage } from './messages';

const clash = (personId: string, interviewId = 'iv-1') => ({
	interviewId,
	personId,
	role: 'interviewer' as const,
	start: '2026-11-24T10:00:00.000Z',
	end: '2026-11-24T10:45:00.000Z'
});

describe('doubleBookingMessage', () => {
	it('speaks of one person when one person is booked twice, however many interviews they clash with', () => {
		expect(doubleBookingMessage([clash('ines'), clash('ines', 'iv-2')])).toBe(
			'This would double-book a person: they already have an interview then.'
		);
	});

	it('counts the people who would be double-booked', () => {
		expect(doubleBookingMessage([clash('ines'), clash('marco'), clash('ines', 'iv-2')])).toBe(
			'This would double-book 2 people: they already have an interview then.'
		);
	});
});
