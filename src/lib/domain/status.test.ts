import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy';
import { ACTIVE_STATUSES, assertTransition, autoStatusAfterEnd, canTransition, isJoinOpen, joinWindow } from './status';
import { INTERVIEW_STATUSES, type InterviewMode, type InterviewStatus } from './types';

const policy = DEFAULT_POLICY;
const interview = (mode: InterviewMode, status: InterviewStatus = 'scheduled') => ({
	start: '2026-11-24T13:00:00.000Z',
	durationMin: 60,
	mode,
	status
});
const at = (iso: string): Date => new Date(iso);

describe('status machine', () => {
	it('lets an interview run from scheduled through in progress to completed', () => {
		expect(canTransition('scheduled', 'in_progress')).toBe(true);
		expect(canTransition('in_progress', 'completed')).toBe(true);
	});

	it('settles an in-person interview from scheduled straight to completed', () => {
		expect(canTransition('scheduled', 'completed')).toBe(true);
	});

	it('allows no-show from scheduled and from in progress', () => {
		expect(canTransition('scheduled', 'no_show')).toBe(true);
		expect(canTransition('in_progress', 'no_show')).toBe(true);
	});

	it('does not cancel an interview that already started', () => {
		expect(canTransition('in_progress', 'cancelled')).toBe(false);
	});

	it('keeps completed and cancelled final, and lets a no-show be corrected to completed only', () => {
		for (const to of INTERVIEW_STATUSES) {
			expect(canTransition('completed', to)).toBe(false);
			expect(canTransition('cancelled', to)).toBe(false);
			expect(canTransition('no_show', to)).toBe(to === 'completed');
		}
	});

	it('never moves back to scheduled', () => {
		for (const from of INTERVIEW_STATUSES) expect(canTransition(from, 'scheduled')).toBe(false);
	});

	it('records an outcome only once the interview has begun', () => {
		const start = '2026-11-24T13:00:00.000Z';
		const before = new Date('2026-11-24T12:59:00Z');
		expect(assertTransition('scheduled', 'completed', { start, now: before })?.code).toBe('not_started');
		expect(assertTransition('scheduled', 'no_show', { start, now: before })?.message).toMatch(/not started yet/);
		expect(assertTransition('scheduled', 'completed', { start, now: new Date(start) })).toBeNull();
		// Cancelling ahead of time is what cancelling is for.
		expect(assertTransition('scheduled', 'cancelled', { start, now: before, reason: 'Ill' })).toBeNull();
	});

	it('asks for a reason to cancel', () => {
		expect(assertTransition('scheduled', 'cancelled')).toMatchObject({ code: 'reason_required', field: 'reason' });
		expect(assertTransition('scheduled', 'cancelled', { reason: '   ' })?.code).toBe('reason_required');
		expect(assertTransition('scheduled', 'cancelled', { reason: 'Candidate withdrew' })).toBeNull();
	});

	it('explains a refused move in a sentence', () => {
		expect(assertTransition('completed', 'cancelled')).toEqual({
			code: 'invalid_transition',
			field: 'status',
			params: { from: 'completed', to: 'cancelled' },
			message: 'An interview that is completed cannot be marked as cancelled.'
		});
		expect(assertTransition('cancelled', 'cancelled', { reason: 'x' })?.message).toBe(
			'The interview is already cancelled.'
		);
	});

	it('counts scheduled and in-progress interviews as active', () => {
		expect([...ACTIVE_STATUSES]).toEqual(['scheduled', 'in_progress']);
	});
});

describe('autoStatusAfterEnd', () => {
	const afterSettle = at('2026-11-24T14:15:00.000Z');

	it('waits until the end plus the settle delay', () => {
		const facts = { candidateJoined: false, policy, now: at('2026-11-24T14:14:59.000Z') };
		expect(autoStatusAfterEnd(interview('online'), facts)).toBeNull();
	});

	it('marks an online interview the candidate never joined as a no-show', () => {
		expect(autoStatusAfterEnd(interview('online'), { candidateJoined: false, policy, now: afterSettle })).toBe(
			'no_show'
		);
	});

	it('completes an online interview the candidate joined', () => {
		expect(
			autoStatusAfterEnd(interview('online', 'in_progress'), { candidateJoined: true, policy, now: afterSettle })
		).toBe('completed');
	});

	it('completes an in-person interview, which nobody joins online', () => {
		expect(autoStatusAfterEnd(interview('offline'), { candidateJoined: false, policy, now: afterSettle })).toBe(
			'completed'
		);
	});

	it('leaves settled interviews alone', () => {
		for (const status of ['completed', 'cancelled', 'no_show'] as const) {
			expect(
				autoStatusAfterEnd(interview('online', status), { candidateJoined: false, policy, now: afterSettle })
			).toBeNull();
		}
	});
});

describe('join window', () => {
	it('opens 15 minutes before the start and closes 15 minutes after the end', () => {
		const w = joinWindow(interview('online'), policy);
		expect(w.opensAt.toISOString()).toBe('2026-11-24T12:45:00.000Z');
		expect(w.closesAt.toISOString()).toBe('2026-11-24T14:15:00.000Z');
	});

	it('lets participants in only inside the window', () => {
		const iv = interview('online');
		expect(isJoinOpen(iv, at('2026-11-24T12:44:59.000Z'), policy)).toBe(false);
		expect(isJoinOpen(iv, at('2026-11-24T12:45:00.000Z'), policy)).toBe(true);
		expect(isJoinOpen(iv, at('2026-11-24T14:14:59.000Z'), policy)).toBe(true);
		expect(isJoinOpen(iv, at('2026-11-24T14:15:00.000Z'), policy)).toBe(false);
	});

	it('keeps the room shut for in-person and cancelled interviews', () => {
		const now = at('2026-11-24T13:10:00.000Z');
		expect(isJoinOpen(interview('offline'), now, policy)).toBe(false);
		expect(isJoinOpen(interview('online', 'cancelled'), now, policy)).toBe(false);
		expect(isJoinOpen(interview('online', 'in_progress'), now, policy)).toBe(true);
	});
});
