/**
 * A candidate's requests to move or cancel their interview, under the organization's policy: a
 * reason is required; nothing is asked within the cut-off before the start (24 hours by default);
 * the interviews of one application move at most N times (2 by default); one request waits at a
 * time. Pure: the candidate's page, the API and the service that applies a request ask the same rule.
 */
import type { Policy } from './policy';
import { HOUR_MS } from './time';
import type { Interview, Problem } from './types';

export type ChangeKind = 'reschedule' | 'cancel';

/** What the rule reads besides the interview. */
export interface ChangeFacts {
	now: Date;
	policy: Pick<Policy, 'candidateCutoffHours' | 'candidateMaxReschedules'>;
	/** Moves of this application's interviews the candidate asked for that were carried out. */
	reschedulesUsed: number;
	/** A request of this interview is waiting for an admin. */
	pending: boolean;
}

/** The latest moment a candidate may ask to change an interview that starts at `start`. */
export function changeDeadline(start: string, policy: Pick<Policy, 'candidateCutoffHours'>): Date {
	return new Date(Date.parse(start) - policy.candidateCutoffHours * HOUR_MS);
}

/** Why a candidate may not ask for this change now; null when they may. */
export function candidateChangeProblem(
	kind: ChangeKind,
	interview: Pick<Interview, 'status' | 'start'>,
	reason: string,
	facts: ChangeFacts
): Problem | null {
	if (interview.status !== 'scheduled')
		return {
			code: 'not_editable',
			field: 'status',
			message: 'Only an interview still to come can be moved or cancelled.'
		};
	if (facts.now.getTime() >= changeDeadline(interview.start, facts.policy).getTime())
		return {
			code: 'change_cutoff',
			field: 'start',
			params: { hours: facts.policy.candidateCutoffHours },
			message: `Changes can be asked for until ${facts.policy.candidateCutoffHours} hours before the interview. Please contact the organization directly.`
		};
	if (facts.pending)
		return {
			code: 'already_requested',
			field: 'status',
			message: 'You already asked to change this interview; the organization will answer soon.'
		};
	const max = facts.policy.candidateMaxReschedules;
	if (kind === 'reschedule' && facts.reschedulesUsed >= max)
		return {
			code: 'reschedule_limit',
			field: 'start',
			params: { max },
			message:
				max === 0
					? 'Interviews cannot be moved on request here. You can still ask to cancel.'
					: `You have moved this application’s interviews ${max === 1 ? 'once' : `${max} times`}, the most allowed. You can still ask to cancel.`
		};
	if (reason.trim() === '')
		return {
			code: 'reason_required',
			field: 'reason',
			params: { candidate: 1 },
			message: 'Tell the organization why, in a few words.'
		};
	return null;
}
