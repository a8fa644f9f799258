/**
 * The judge of a whole loop and the finder of a loop's start.
 *
 * `judgeLoop` is how a loop is judged wherever one is booked or moved: each session by the judge,
 * against the calendar and the sessions before it, so two sessions of one loop never clash, and an
 * interviewer on two of them carries both towards their load limit.
 *
 * `offerLoopStarts` offers the grid starts at which the whole loop passes: the slot finder gives the
 * starts at which the first session passes alone (it walks free time, so this is quick and it is
 * exact: `offer.test.ts`), and each of those is then laid out and judged whole by `judgeLoop`. A
 * start is offered only when no session is refused and nobody is outside their hours, the rule the
 * slot finder keeps for single interviews.
 */
import { ConflictIndex, sortConflicts } from './conflicts';
import { isAllowed, judgeBooking, judgeMove, type JudgeFacts, type PeopleHours, type Verdict } from './judge';
import { loopEndMs, loopLayout, type LoopShape } from './loops';
import { busyFromIndex, offerSlots, type SlotFacts, type SlotSearch } from './offer';
import type { Interview, InterviewType } from './types';

/** A session of a loop as the judge sees it: an interview not yet in the calendar. */
export type LoopInterview = Interview;

/** The first session the judge refuses, with its verdict; null when every session passes. */
export interface LoopRefusal {
	session: number;
	verdict: Verdict;
}

/**
 * Judges the sessions of a loop in order, each against the calendar and the sessions before it.
 * `passes` decides whether a verdict lets the loop go on (the booking: nothing refused; the finder:
 * nothing refused and nobody outside their hours).
 */
export function judgeLoop(
	sessions: readonly LoopInterview[],
	facts: JudgeFacts,
	passes: (verdict: Verdict) => boolean = (v) => v.problems.length === 0 && v.conflicts.length === 0
): LoopRefusal | null {
	const base =
		facts.calendar.index ?? new ConflictIndex(facts.calendar.interviews, { bufferMin: facts.policy.bufferMin });
	const accepted: Interview[] = [];
	for (const [n, session] of sessions.entries()) {
		const mine = new ConflictIndex(accepted, { bufferMin: facts.policy.bufferMin });
		const verdict = judgeBooking(
			{ proposal: session },
			{
				...facts,
				calendar: {
					interviews: [...facts.calendar.interviews, ...accepted],
					index: { conflictsFor: (s) => sortConflicts([...base.conflictsFor(s), ...mine.conflictsFor(s)]) }
				}
			}
		);
		if (!passes(verdict)) return { session: n, verdict };
		accepted.push(session);
	}
	return null;
}

/** One session of a loop moved: what it is and what it would be. */
export interface LoopMove {
	before: Interview;
	after: Interview;
}

/**
 * Judges a loop moved as a unit: each session's move by the judge, against the calendar without the
 * sessions that move (their old times are freed) and with the ones already judged at their new times.
 */
export function judgeLoopMove(
	moves: readonly LoopMove[],
	facts: JudgeFacts,
	reason: string | null
): LoopRefusal | null {
	const moving = new Set(moves.map((m) => m.before.id));
	const others = facts.calendar.interviews.filter((i) => !moving.has(i.id));
	const moved: Interview[] = [];
	for (const [n, m] of moves.entries()) {
		const verdict = judgeMove(
			{ before: m.before, after: m.after, reason },
			{ ...facts, calendar: { interviews: [...others, ...moved] } }
		);
		if (!isAllowed(verdict)) return { session: n, verdict };
		moved.push(m.after);
	}
	return null;
}

/** Allowed, and nobody outside their hours: what the finders offer. */
export function offerable(verdict: Verdict): boolean {
	return (
		verdict.problems.length === 0 &&
		verdict.conflicts.length === 0 &&
		!verdict.warnings.some((w) => w.code === 'outside_working_hours')
	);
}

/** A loop to find a start for. */
export interface LoopSearch {
	shape: Omit<LoopShape, 'sessions'> & {
		sessions: readonly { panel: readonly string[]; durationMin: number; type: InterviewType }[];
	};
	applicationId: string;
	candidateId: string;
	mode: Interview['mode'];
	location: string;
	/** The round of each session. */
	rounds: readonly number[];
	/** The first session starts at or after `from`; the last one ends at or before `to`. */
	from: Date | string | number;
	to: Date | string | number;
	limit?: number;
}

/** What the loop finder reads: the judge's facts (every interview that can matter) and everyone's hours. */
export type LoopFacts = JudgeFacts & { hours: PeopleHours };

/** An offered start of a loop: the first session's, and every session's. */
export interface LoopStart {
	start: string;
	sessions: string[];
}

/** The sessions of a loop laid out from `start`, as the interviews they would be. */
export function loopInterviews(
	search: Omit<LoopSearch, 'from' | 'to' | 'limit'>,
	start: string,
	now: Date
): Interview[] {
	const starts = loopLayout(start, search.shape);
	return search.shape.sessions.map((s, i) => ({
		id: `loop-session-${i}`,
		applicationId: search.applicationId,
		candidateId: search.candidateId,
		cycleId: '',
		start: starts[i]!,
		durationMin: s.durationMin,
		timezone: search.shape.timezone,
		type: s.type,
		mode: search.mode,
		location: search.location,
		round: search.rounds[i]!,
		panel: [...new Set(s.panel)],
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: now.toISOString()
	}));
}

/**
 * The slot finder's search for the first session alone (its panel and the candidate over the loop's
 * range), and the judge's facts with a conflict index built once: what the loop finder and "why no
 * starts?" both start from.
 */
export function firstSessionSearch(
	search: LoopSearch,
	facts: LoopFacts
): { slot: SlotSearch; slotFacts: SlotFacts; judged: LoopFacts } | null {
	const first = search.shape.sessions[0];
	if (!first) return null;
	const index = new ConflictIndex(facts.calendar.interviews, { bufferMin: facts.policy.bufferMin });
	const range = { from: search.from, to: search.to };
	const people = [...new Set(first.panel), search.candidateId];
	return {
		slot: {
			panel: [...new Set(first.panel)],
			candidateId: search.candidateId,
			durationMin: first.durationMin,
			...range
		},
		slotFacts: {
			now: facts.now,
			policy: facts.policy,
			hours: facts.hours,
			busy: busyFromIndex(index, people, range, { bufferMin: facts.policy.bufferMin }),
			closures: facts.closures,
			load: facts.load,
			interviews: facts.calendar.interviews
		},
		judged: { ...facts, calendar: { interviews: facts.calendar.interviews, index } }
	};
}

/**
 * The whole loop laid out from a start the first session may take: its sessions, and the first
 * refusal (`past_range` when the loop would end after the search's `to`); null refusal: offered.
 */
export function tryLoopStart(
	search: LoopSearch,
	start: string,
	judged: LoopFacts
): { sessions: Interview[]; refusal: LoopRefusal | 'past_range' | null } {
	const sessions = loopInterviews(search, start, judged.now);
	const end = loopEndMs(
		sessions.map((s) => s.start),
		sessions
	);
	if (end > new Date(search.to).getTime()) return { sessions, refusal: 'past_range' };
	return { sessions, refusal: judgeLoop(sessions, judged, offerable) };
}

/** Grid starts (earliest first) at which the whole loop passes the judge, up to `limit`. */
export function offerLoopStarts(search: LoopSearch, facts: LoopFacts): LoopStart[] {
	const made = firstSessionSearch(search, facts);
	if (!made) return [];
	const candidates = offerSlots(made.slot, made.slotFacts);
	const limit = search.limit ?? Infinity;
	const out: LoopStart[] = [];
	for (const start of candidates) {
		if (out.length >= limit) break;
		const tried = tryLoopStart(search, start, made.judged);
		if (tried.refusal === null) out.push({ start, sessions: tried.sessions.map((s) => s.start) });
	}
	return out;
}
