/**
 * Sentences that more than one boundary says to people. The API's 409 and the calendar in the
 * browser (the scheduling form, a drag, a resize) refuse a double booking with the same words, so
 * an admin who books offline reads exactly what the server would answer.
 */
import type { Conflict, Problem } from './types';

/** The refusal of a booking or move that double-books someone: "This would double-book a person: …". */
export function doubleBookingMessage(conflicts: readonly Pick<Conflict, 'personId'>[]): string {
	const people = new Set(conflicts.map((c) => c.personId)).size;
	return `This would double-book ${people <= 1 ? 'a person' : `${people} people`}: they already have an interview then.`;
}

/** The problem of a new time given without a reason (the history records why an interview moved). */
export function rescheduleReasonProblem(kind: 'move' | 'again'): Problem {
	return {
		code: 'reason_required',
		field: 'reason',
		params: { for: kind },
		message: kind === 'again' ? 'Give a reason for booking the interview again.' : 'Give a reason for the new time.'
	};
}
