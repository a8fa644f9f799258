import { describe, expect, it } from 'vitest';
import {
	canMoveApplication,
	decisionBlocker,
	interviewHeld,
	interviewsToCancel,
	isFinalDecision,
	nextRound,
	pipelineStatus
} from './applications';

describe('nextRound', () => {
	it('starts at round 1', () => {
		expect(nextRound([])).toBe(1);
	});

	it('follows the highest round that is booked or took place', () => {
		expect(
			nextRound([
				{ round: 1, status: 'completed' },
				{ round: 2, status: 'scheduled' }
			])
		).toBe(3);
		expect(nextRound([{ round: 1, status: 'in_progress' }])).toBe(2);
	});

	it('offers a cancelled or missed round again', () => {
		expect(
			nextRound([
				{ round: 1, status: 'completed' },
				{ round: 2, status: 'cancelled' }
			])
		).toBe(2);
		expect(nextRound([{ round: 1, status: 'no_show' }])).toBe(1);
	});
});

describe('application moves', () => {
	it('lets an admin select a pending application but not approve it straight away', () => {
		expect(canMoveApplication('pending', 'selected')).toBe(true);
		expect(canMoveApplication('pending', 'approved')).toBe(false);
	});
});

describe('decisions and the interviews they wait for', () => {
	const now = new Date('2026-11-25T10:00:00Z');
	const future = { status: 'scheduled', end: '2026-11-30T11:00:00Z' };
	it('counts an interview as held once completed, or past its end and neither cancelled nor missed', () => {
		expect(interviewHeld({ status: 'completed', end: '2026-11-30T11:00:00Z' }, now)).toBe(true);
		expect(interviewHeld({ status: 'scheduled', end: '2026-11-25T09:00:00Z' }, now)).toBe(true);
		expect(interviewHeld(future, now)).toBe(false);
		expect(interviewHeld({ status: 'cancelled', end: '2026-11-20T09:00:00Z' }, now)).toBe(false);
		expect(interviewHeld({ status: 'no_show', end: '2026-11-20T09:00:00Z' }, now)).toBe(false);
	});
	it('blocks approve and a late reject without a held interview, not a screening reject', () => {
		expect(decisionBlocker('interview_scheduled', 'approved', [future], now)).toContain('approve it after');
		expect(decisionBlocker('interview_scheduled', 'rejected', [future], now)).toContain('reject it after');
		expect(decisionBlocker('pending', 'rejected', [], now)).toBeNull();
		expect(decisionBlocker('selected', 'rejected', [], now)).toBeNull();
		expect(
			decisionBlocker('interview_scheduled', 'approved', [{ status: 'completed', end: future.end }], now)
		).toBeNull();
	});
});

describe('pipelineStatus', () => {
	it('follows the interviews while they drive the status', () => {
		expect(pipelineStatus('selected', ['scheduled'])).toBe('interview_scheduled');
		expect(pipelineStatus('interview_scheduled', ['cancelled'])).toBe('selected');
		expect(pipelineStatus('interview_scheduled', ['cancelled', 'no_show'])).toBe('selected');
		expect(pipelineStatus('interview_scheduled', ['completed', 'cancelled'])).toBe('interview_scheduled');
		expect(pipelineStatus('interview_scheduled', [])).toBe('selected');
	});
	it('leaves the admin’s statuses alone', () => {
		expect(pipelineStatus('approved', ['cancelled'])).toBe('approved');
		expect(pipelineStatus('rejected', ['scheduled'])).toBe('rejected');
		expect(pipelineStatus('pending', ['scheduled'])).toBe('pending');
	});
});

describe('interviews a decision cancels', () => {
	const now = new Date('2026-03-10T12:00:00Z');
	const iv = (id: string, status: string, start: string) => ({ id, status, start });

	it('takes the booked interviews that have not begun, earliest first', () => {
		const list = [
			iv('later', 'scheduled', '2026-03-20T09:00:00Z'),
			iv('held', 'completed', '2026-03-01T09:00:00Z'),
			iv('under-way', 'scheduled', '2026-03-10T11:30:00Z'),
			iv('soon', 'scheduled', '2026-03-11T09:00:00Z'),
			iv('gone', 'cancelled', '2026-03-12T09:00:00Z'),
			iv('live', 'in_progress', '2026-03-10T11:45:00Z')
		];
		expect(interviewsToCancel(list, now).map((i) => i.id)).toEqual(['soon', 'later']);
	});

	it('applies to approving and rejecting only', () => {
		expect(isFinalDecision('approved')).toBe(true);
		expect(isFinalDecision('rejected')).toBe(true);
		expect(isFinalDecision('selected')).toBe(false);
		expect(isFinalDecision('pending')).toBe(false);
	});
});
