import { describe, expect, it } from 'vitest';
import { candidateChangeProblem, changeDeadline } from './candidate-changes';
import { resolvePolicy } from './policy';

const START = '2026-12-10T15:00:00.000Z';
const policy = resolvePolicy();
const at = (iso: string, over: Partial<{ reschedulesUsed: number; pending: boolean }> = {}) => ({
	now: new Date(iso),
	policy,
	reschedulesUsed: 0,
	pending: false,
	...over
});
const code = (p: { code: string } | null) => p?.code ?? null;

describe('a candidate’s request to move or cancel', () => {
	it('is allowed until the cut-off, with a reason', () => {
		expect(changeDeadline(START, policy).toISOString()).toBe('2026-12-09T15:00:00.000Z');
		const iv = { status: 'scheduled' as const, start: START };
		expect(candidateChangeProblem('reschedule', iv, 'Exam that day', at('2026-12-09T14:59:59Z'))).toBeNull();
		expect(code(candidateChangeProblem('reschedule', iv, 'Exam', at('2026-12-09T15:00:00Z')))).toBe('change_cutoff');
		expect(code(candidateChangeProblem('cancel', iv, 'x', at('2026-12-10T10:00:00Z')))).toBe('change_cutoff');
		expect(code(candidateChangeProblem('cancel', iv, '  ', at('2026-12-01T00:00:00Z')))).toBe('reason_required');
	});

	it('holds the number of moves per application, but never stops a cancel', () => {
		const iv = { status: 'scheduled' as const, start: START };
		const used = at('2026-12-01T00:00:00Z', { reschedulesUsed: 2 });
		const p = candidateChangeProblem('reschedule', iv, 'Travel', used);
		expect(p).toMatchObject({ code: 'reschedule_limit' });
		expect(p!.message).toBe(
			'You have moved this application’s interviews 2 times, the most allowed. You can still ask to cancel.'
		);
		expect(candidateChangeProblem('cancel', iv, 'Withdrawing', used)).toBeNull();
		expect(
			code(candidateChangeProblem('reschedule', iv, 'Travel', at('2026-12-01T00:00:00Z', { reschedulesUsed: 1 })))
		).toBeNull();
		const none = resolvePolicy({ candidateMaxReschedules: 0 });
		expect(candidateChangeProblem('reschedule', iv, 'x', { ...used, policy: none, reschedulesUsed: 0 })?.message).toBe(
			'Interviews cannot be moved on request here. You can still ask to cancel.'
		);
	});

	it('asks once at a time, and only of an interview still to come', () => {
		const iv = { status: 'scheduled' as const, start: START };
		expect(code(candidateChangeProblem('cancel', iv, 'x', at('2026-12-01T00:00:00Z', { pending: true })))).toBe(
			'already_requested'
		);
		expect(
			code(candidateChangeProblem('cancel', { ...iv, status: 'cancelled' }, 'x', at('2026-12-01T00:00:00Z')))
		).toBe('not_editable');
	});

	it('reads its numbers from the policy, each overridable', () => {
		const p = resolvePolicy({
			candidateCutoffHours: 48,
			candidateMaxReschedules: 1,
			candidateChangesAutoApprove: true
		});
		expect([p.candidateCutoffHours, p.candidateMaxReschedules, p.candidateChangesAutoApprove]).toEqual([48, 1, true]);
		expect(resolvePolicy({ candidateChangesAutoApprove: 'yes' as never }).candidateChangesAutoApprove).toBe(false);
	});
});
