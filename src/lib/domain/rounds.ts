/**
 * Rounds follow the dates of the application's interviews (decision 49): round 1 is the earliest
 * interview that holds a round, round 2 the next, and so on. The admin still states the round of a
 * booking, and the form suggests the one its start implies; the judge refuses a round that would
 * contradict the dates (round 2 before round 1), whenever a start is set. A cancelled or no-show
 * interview holds no round: it is booked again as itself.
 *
 * Also here, because the Applicants page and the scheduling form must agree: which applications can
 * get an interview now, and in which round (`schedulingOffer`).
 */
import { applicationBlocker } from './validation';
import type { ApplicationFacts, Interview, Problem } from './types';

/** Statuses whose interview holds its round. */
const HOLDS_ROUND: ReadonlySet<string> = new Set(['scheduled', 'in_progress', 'completed']);

type RoundEntry = Pick<Interview, 'id' | 'applicationId' | 'round' | 'status' | 'start'>;

/** The application's interviews that hold a round, earliest first (ties by round). */
export function heldRounds<T extends RoundEntry>(
	interviews: readonly T[],
	applicationId: string,
	ignoreId?: string
): T[] {
	return interviews
		.filter((iv) => iv.applicationId === applicationId && iv.id !== ignoreId && HOLDS_ROUND.has(iv.status))
		.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.round - b.round);
}

/**
 * The round a booking at `start` takes when rounds follow dates: one past the rounds held before it.
 * With no start yet, one past the highest round held.
 */
export function roundForStart(
	interviews: readonly RoundEntry[],
	applicationId: string,
	start: string | null,
	ignoreId?: string
): number {
	const held = heldRounds(interviews, applicationId, ignoreId);
	const at = start === null ? Number.NaN : Date.parse(start);
	if (Number.isNaN(at)) return held.reduce((m, iv) => Math.max(m, iv.round), 0) + 1;
	const before = held.filter((iv) => Date.parse(iv.start) < at);
	return before.reduce((m, iv) => Math.max(m, iv.round), 0) + 1;
}

/**
 * Why `proposal` would break date order among the application's rounds: a lower round that starts
 * after it, or a higher one that starts before it (the same start is a double booking of the
 * candidate, refused as such). Null when the order holds.
 */
export function roundOrderProblem(
	proposal: Pick<Interview, 'applicationId' | 'round' | 'start'>,
	interviews: readonly RoundEntry[],
	ignoreId?: string
): Problem | null {
	const at = Date.parse(proposal.start);
	if (Number.isNaN(at) || !Number.isInteger(proposal.round)) return null;
	const held = heldRounds(interviews, proposal.applicationId, ignoreId);
	const laterLower = held.find((iv) => iv.round < proposal.round && Date.parse(iv.start) > at);
	const earlierHigher = held.find((iv) => iv.round > proposal.round && Date.parse(iv.start) < at);
	const other = laterLower ?? earlierHigher;
	if (!other) return null;
	const fits = roundForStart(interviews, proposal.applicationId, proposal.start, ignoreId);
	return {
		code: 'round_out_of_order',
		field: 'round',
		params: {
			round: proposal.round,
			other: other.round,
			order: laterLower ? 'before' : 'after',
			...(fits !== proposal.round && !held.some((iv) => iv.round === fits) ? { fits } : {})
		},
		message:
			`Round ${proposal.round} would come ${laterLower ? 'before' : 'after'} round ${other.round} of this application; ` +
			`rounds follow their dates. Choose a start ${laterLower ? 'after' : 'before'} round ${other.round}` +
			(fits !== proposal.round && !held.some((iv) => iv.round === fits) ? `, or make this round ${fits}.` : '.'),
		ids: [other.id]
	};
}

/** What the Applicants page and the scheduling form offer for one application. */
export interface SchedulingOffer {
	/** Why it cannot get an interview now (the judge's words); null when it can. */
	blocker: Problem | null;
	/** The round a new interview gets when booked after every round held. */
	nextRound: number;
	/** The rounds held, earliest first. */
	rounds: { id: string; round: number; start: string; status: string }[];
}

/**
 * Whether an application can get an interview now and in which round: the one rule behind the
 * Applicants page's "Schedule" button and the applications the scheduling form lists.
 */
export function schedulingOffer(
	app: Pick<ApplicationFacts, 'id' | 'status' | 'interviewEnabled'>,
	interviews: readonly RoundEntry[]
): SchedulingOffer {
	const held = heldRounds(interviews, app.id);
	return {
		blocker: applicationBlocker(app),
		nextRound: roundForStart(interviews, app.id, null),
		rounds: held.map((iv) => ({ id: iv.id, round: iv.round, start: iv.start, status: iv.status }))
	};
}

/** The mode a new interview of an application starts with: online only where the application allows it. */
export function defaultMode(app: Pick<ApplicationFacts, 'onlineInterviewEnabled'> | null): 'online' | 'offline' {
	return app && !app.onlineInterviewEnabled ? 'offline' : 'online';
}
