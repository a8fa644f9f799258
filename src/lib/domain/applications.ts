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
