import { describe, expect, it } from 'vitest';
import { defaultMode, roundForStart, roundOrderProblem, schedulingOffer } from './rounds';

const APP = 'a1';
const iv = (id: string, round: number, start: string, status = 'scheduled', applicationId = APP) => ({
	id,
	applicationId,
	round,
	start,
	status: status as 'scheduled'
});
const calendar = [
	iv('r1', 1, '2026-12-01T10:00:00.000Z', 'completed'),
	iv('r2', 2, '2026-12-08T10:00:00.000Z'),
	iv('gone', 3, '2026-12-03T10:00:00.000Z', 'cancelled'),
	iv('other', 1, '2026-12-02T10:00:00.000Z', 'scheduled', 'a2')
];

describe('rounds follow dates', () => {
	it('gives a booking the round its start implies, ignoring cancelled ones and other applications', () => {
		expect(roundForStart(calendar, APP, '2026-12-15T10:00:00.000Z')).toBe(3);
		expect(roundForStart(calendar, APP, '2026-12-05T10:00:00.000Z')).toBe(2);
		expect(roundForStart(calendar, APP, '2026-11-20T10:00:00.000Z')).toBe(1);
		expect(roundForStart(calendar, APP, null)).toBe(3);
		expect(roundForStart(calendar, 'a3', '2026-12-05T10:00:00.000Z')).toBe(1);
	});

	it('refuses round 3 before round 2, and round 1 after round 2, naming what would fit', () => {
		const early = roundOrderProblem({ applicationId: APP, round: 3, start: '2026-12-05T10:00:00.000Z' }, calendar);
		expect(early).toMatchObject({ code: 'round_out_of_order', field: 'round', ids: ['r2'] });
		expect(early!.message).toBe(
			'Round 3 would come before round 2 of this application; rounds follow their dates. Choose a start after round 2.'
		);
		const late = roundOrderProblem({ applicationId: APP, round: 1, start: '2026-12-20T10:00:00.000Z' }, calendar, 'r1');
		expect(late).toMatchObject({ code: 'round_out_of_order', ids: ['r2'] });
		expect(late!.message).toContain('Round 1 would come after round 2');
		expect(roundOrderProblem({ applicationId: APP, round: 3, start: '2026-12-09T10:00:00.000Z' }, calendar)).toBeNull();
		// Moving round 2 itself between its neighbours is fine.
		expect(
			roundOrderProblem({ applicationId: APP, round: 2, start: '2026-12-02T10:00:00.000Z' }, calendar, 'r2')
		).toBeNull();
	});
});

describe('what the Applicants page and the form offer', () => {
	it('offers the next round to a scheduled application, and explains a refusal', () => {
		const offer = schedulingOffer({ id: APP, status: 'interview_scheduled', interviewEnabled: true }, calendar);
		expect(offer.blocker).toBeNull();
		expect(offer.nextRound).toBe(3);
		expect(offer.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
		expect(schedulingOffer({ id: APP, status: 'pending', interviewEnabled: true }, calendar).blocker?.code).toBe(
			'application_not_eligible'
		);
		expect(schedulingOffer({ id: APP, status: 'selected', interviewEnabled: false }, []).blocker?.code).toBe(
			'interview_disabled'
		);
	});

	it('starts an in-person-only application in person', () => {
		expect(defaultMode({ onlineInterviewEnabled: false })).toBe('offline');
		expect(defaultMode({ onlineInterviewEnabled: true })).toBe('online');
		expect(defaultMode(null)).toBe('online');
	});
});
