/**
 * The interview status machine, the join window of the video room and the automatic settling of
 * interviews after their end.
 *
 *   scheduled ──► in_progress ──► completed
 *       │             └─────────► no_show
 *       ├──► completed   (in-person interviews never enter in_progress: nobody joins a room)
 *       ├──► cancelled   (a reason is required)
 *       └──► no_show
 *   no_show ──► completed (a correction: the candidate took part in a way the room could not see,
 *                          e.g. by phone, after the automatic settling marked a no-show)
 *
 * in_progress → no_show is allowed: an interview starts when the first participant joins the room,
 * usually an interviewer, so a started interview can still be one the candidate never attended.
 * in_progress → cancelled is not: something that took place is recorded as completed or no_show;
 * a new date is booked with a reschedule, which links to the original.
 * completed and cancelled are final.
 */
import type { Policy } from './policy';
import { addMinutes, endOf } from './time';
import type { Interview, InterviewStatus, Problem } from './types';

/** Statuses that occupy the people and the round: they count for conflicts and `round_taken`. */
export const ACTIVE_STATUSES = ['scheduled', 'in_progress'] as const satisfies readonly InterviewStatus[];

/** Statuses an interview never leaves (except the no_show correction). */
export const FINAL_STATUSES = ['completed', 'cancelled', 'no_show'] as const satisfies readonly InterviewStatus[];

const TRANSITIONS: Readonly<Record<InterviewStatus, readonly InterviewStatus[]>> = {
	scheduled: ['in_progress', 'completed', 'cancelled', 'no_show'],
	in_progress: ['completed', 'no_show'],
	completed: [],
	cancelled: [],
	no_show: ['completed']
};

const LABELS: Readonly<Record<InterviewStatus, string>> = {
	scheduled: 'scheduled',
	in_progress: 'in progress',
	completed: 'completed',
	cancelled: 'cancelled',
	no_show: 'a no-show'
};

/** True when the status of an interview is scheduled or in progress. */
export function isActiveStatus(status: InterviewStatus): boolean {
	return status === 'scheduled' || status === 'in_progress';
}

/** True when the machine allows moving from `from` to `to` (a status never "moves" to itself). */
export function canTransition(from: InterviewStatus, to: InterviewStatus): boolean {
	return TRANSITIONS[from].includes(to);
}

/** The statuses reachable from `from`, for menus. */
export function nextStatuses(from: InterviewStatus): readonly InterviewStatus[] {
	return TRANSITIONS[from];
}

/**
 * Checks a status change with the machine and the reason a cancellation needs; null when allowed.
 * Given the interview's `start` and `now`, it also refuses to record the outcome (completed,
 * no-show) of an interview that has not begun. The calendar helpers call it as the document's write
 * guard; everything a person asks goes through the judge (`judgeStatus`).
 */
export function assertTransition(
	from: InterviewStatus,
	to: InterviewStatus,
	opts: { reason?: string | null; start?: string; now?: Date } = {}
): Problem | null {
	return (
		transitionProblem(from, to) ??
		(opts.start && opts.now ? outcomeTimingProblem(to, opts.start, opts.now) : null) ??
		cancelReasonProblem(to, opts.reason)
	);
}

/** The status machine's answer: null when it allows moving from `from` to `to`. */
export function transitionProblem(from: InterviewStatus, to: InterviewStatus): Problem | null {
	if (from === to) {
		return {
			code: 'invalid_transition',
			field: 'status',
			params: { from, to },
			message: `The interview is already ${LABELS[to]}.`
		};
	}
	if (!canTransition(from, to)) {
		return {
			code: 'invalid_transition',
			field: 'status',
			params: { from, to },
			message: `An interview that is ${LABELS[from]} cannot be marked as ${LABELS[to]}.`
		};
	}
	return null;
}

/** An outcome (completed, no-show) is recorded only once the interview has begun. */
export function outcomeTimingProblem(to: InterviewStatus, start: string, now: Date): Problem | null {
	if ((to === 'completed' || to === 'no_show') && now.getTime() < Date.parse(start)) {
		return {
			code: 'not_started',
			field: 'status',
			params: { to },
			message: `The interview has not started yet; it can be marked ${LABELS[to]} once it has begun.`
		};
	}
	return null;
}

/** A cancellation needs a reason. */
export function cancelReasonProblem(to: InterviewStatus, reason: string | null | undefined): Problem | null {
	if (to === 'cancelled' && (reason ?? '').trim() === '') {
		return {
			code: 'reason_required',
			field: 'reason',
			params: { for: 'cancel' },
			message: 'Give a reason for cancelling the interview.'
		};
	}
	return null;
}

/**
 * How an interview that is still open settles after its end: completed if it took place,
 * no_show if the candidate of an online interview never joined; null while it is too early
 * (before end + autoStatusAfterEndMin) or when the interview is already settled.
 * In-person interviews settle as completed: the system cannot see whether the candidate came.
 */
export function autoStatusAfterEnd(
	interview: Pick<Interview, 'start' | 'durationMin' | 'mode' | 'status'>,
	facts: { candidateJoined: boolean; now: Date; policy: Policy }
): 'completed' | 'no_show' | null {
	if (!isActiveStatus(interview.status)) return null;
	const settleAt = addMinutes(endOf(interview), facts.policy.autoStatusAfterEndMin);
	if (Number.isNaN(settleAt.getTime()) || facts.now.getTime() < settleAt.getTime()) return null;
	if (interview.mode === 'online' && !facts.candidateJoined) return 'no_show';
	return 'completed';
}

/** When the video room of an interview opens and closes. */
export function joinWindow(
	interview: Pick<Interview, 'start' | 'durationMin'>,
	policy: Policy
): { opensAt: Date; closesAt: Date } {
	return {
		opensAt: addMinutes(interview.start, -policy.joinOpensBeforeMin),
		closesAt: addMinutes(endOf(interview), policy.joinClosesAfterMin)
	};
}

/** True when participants may join the video room now: an active online interview inside its window. */
export function isJoinOpen(
	interview: Pick<Interview, 'start' | 'durationMin' | 'mode' | 'status'>,
	now: Date,
	policy: Policy
): boolean {
	if (interview.mode !== 'online' || !isActiveStatus(interview.status)) return false;
	const { opensAt, closesAt } = joinWindow(interview, policy);
	const t = now.getTime();
	return t >= opensAt.getTime() && t < closesAt.getTime();
}
