/**
 * The application pipeline: which status moves an admin may make by hand. Scheduling an interview
 * moves `selected` to `interview_scheduled` by itself; that move is not made by hand.
 */
import type { ApplicationStatus } from './types';

export const APPLICATION_MOVES: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
	pending: ['selected', 'rejected'],
	selected: ['pending', 'rejected'],
	interview_scheduled: ['approved', 'rejected'],
	approved: ['rejected'],
	rejected: ['pending']
};

/** Whether an admin may move an application from one status to another. */
export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
	return APPLICATION_MOVES[from].includes(to);
}

/** A sentence explaining a refused move, naming the allowed ones. */
export function applicationMoveMessage(from: ApplicationStatus, to: ApplicationStatus): string {
	const allowed = APPLICATION_MOVES[from];
	const label = (s: string) => s.replace('_', ' ');
	if (to === 'interview_scheduled') return 'An application becomes “interview scheduled” by scheduling an interview.';
	return `An application that is ${label(from)} cannot become ${label(to)}; it can become ${allowed.map(label).join(' or ') || 'nothing else'}.`;
}

/**
 * The round a new interview for an application gets by default: one past the highest round that is
 * booked or took place. A cancelled or no-show round does not count: it is booked again as itself.
 */
export function nextRound(interviews: readonly { round: number; status: string }[]): number {
	let highest = 0;
	for (const iv of interviews) {
		if (iv.status === 'cancelled' || iv.status === 'no_show') continue;
		highest = Math.max(highest, iv.round);
	}
	return highest + 1;
}

/** The interview facts a pipeline decision looks at. */
export interface InterviewOutcome {
	status: string;
	/** The scheduled end, ISO-8601. */
	end: string;
}

/**
 * Whether an interview took place, for a decision: completed, or its scheduled end has passed and it
 * was neither cancelled nor missed (the job that marks it completed may not have run yet).
 */
export function interviewHeld(iv: InterviewOutcome, now: Date): boolean {
	if (iv.status === 'completed') return true;
	return (iv.status === 'scheduled' || iv.status === 'in_progress') && Date.parse(iv.end) <= now.getTime();
}

/**
 * Whether a status move is a decision on the interviews: approving, or rejecting an application that
 * reached the interview stage. Rejecting at screening (pending, selected) judges the papers, not an
 * interview, and needs none.
 */
export function isInterviewDecision(from: ApplicationStatus, to: ApplicationStatus): boolean {
	return to === 'approved' || (to === 'rejected' && (from === 'interview_scheduled' || from === 'approved'));
}

/** The shortest reason an admin may give for deciding without a held interview. */
export const OVERRIDE_REASON_MIN_CHARS = 10;
export const OVERRIDE_REASON_MAX_CHARS = 2_000;

/**
 * Why a decision cannot be made now, or null: approve and reject need an interview that took place,
 * unless the admin overrides with a written reason (which is audited).
 */
export function decisionBlocker(
	from: ApplicationStatus,
	to: ApplicationStatus,
	interviews: readonly InterviewOutcome[],
	now: Date
): string | null {
	if (!isInterviewDecision(from, to)) return null;
	if (interviews.some((iv) => interviewHeld(iv, now))) return null;
	const verb = to === 'approved' ? 'approve' : 'reject';
	return `No interview of this application has taken place yet: ${verb} it after one has, or give a reason to ${verb} it anyway.`;
}

/**
 * The status an application takes from its interviews' states, for the statuses interviews drive:
 * `interview_scheduled` while an interview is booked or took place, back to `selected` when none is
 * (the last live one was cancelled, or missed). Other statuses are the admin's and stay.
 */
export function pipelineStatus(current: ApplicationStatus, interviewStatuses: readonly string[]): ApplicationStatus {
	if (current !== 'selected' && current !== 'interview_scheduled') return current;
	const booked = interviewStatuses.some((s) => s === 'scheduled' || s === 'in_progress' || s === 'completed');
	return booked ? 'interview_scheduled' : 'selected';
}

/** Whether a status is a decision on the application: admitted or hired, or turned down. */
export function isFinalDecision(status: ApplicationStatus): boolean {
	return status === 'approved' || status === 'rejected';
}

/** An interview a decision would leave standing. */
export interface UpcomingInterview {
	id: string;
	status: string;
	/** ISO-8601. */
	start: string;
}

/**
 * The interviews a decision cancels: those still booked that have not begun. A decided application
 * keeps no upcoming interview (the candidate would be invited to an interview that decides nothing);
 * one under way or past its start counts as held and stays.
 */
export function interviewsToCancel<T extends UpcomingInterview>(interviews: readonly T[], now: Date): T[] {
	return interviews
		.filter((iv) => iv.status === 'scheduled' && Date.parse(iv.start) > now.getTime())
		.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** Why a decision waits for the admin's word on the interviews it would cancel. */
export function upcomingInterviewsMessage(to: ApplicationStatus, count: number): string {
	const verb = to === 'approved' ? 'Approving' : 'Rejecting';
	const them = count === 1 ? 'that interview' : 'them';
	const has = count === 1 ? 'an upcoming interview' : `${count} upcoming interviews`;
	return `This application has ${has}. ${verb} it cancels ${them} and tells the candidate and the panel; confirm to go ahead.`;
}
