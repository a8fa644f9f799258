/**
 * The slot finder people use (the scheduling form's "Free for everyone", `GET /api/v1/availability`):
 * start times at which the panel and the candidate can all meet and that the judge accepts. The
 * judge says which starts a booking made now may have, whose hours bound it and what buffer every
 * interview keeps (`timeRules`); `findSlots` walks the free time those leave. So every slot offered
 * passes `judgeBooking`, the 90-day horizon and the minimum notice included.
 */
import type { ConflictIndex } from './conflicts';
import { closedStarts } from './day-rules';
import { timeRules, type JudgeFacts, type PeopleHours } from './judge';
import type { LoadInterview } from './load';
import { findSlots, type BusyLike } from './slots';
import { MINUTE_MS } from './time';

/** What to search for. */
export interface SlotSearch {
	/** Interviewer ids. */
	panel: readonly string[];
	/** The candidate, when an application is chosen. */
	candidateId: string | null;
	durationMin: number;
	/** Slots start at or after `from` and end at or before `to`. */
	from: Date | string | number;
	to: Date | string | number;
	/** Stop after this many slots. */
	limit?: number;
	/** The interview being moved: its own time is free and it does not count towards anyone's load. */
	ignoreId?: string;
}

/** What the search reads besides the request. */
export interface SlotFacts extends Pick<JudgeFacts, 'now' | 'policy' | 'closures' | 'load'> {
	hours: PeopleHours;
	/** Busy time per person id (an interview being moved leaves its own time out). */
	busy: ReadonlyMap<string, readonly BusyLike[]>;
	/**
	 * The panel's interviews (any status) in the weeks the search touches, to count their load;
	 * needed only with `load`.
	 */
	interviews?: readonly LoadInterview[];
}

/** Grid starts (ISO-8601 UTC), earliest first, at which a booking would pass the judge. */
export function offerSlots(search: SlotSearch, facts: SlotFacts): string[] {
	const rules = timeRules(facts, { panel: search.panel, candidateId: search.candidateId });
	const closed = closedStarts(
		{ closures: facts.closures, load: facts.load, interviews: facts.interviews ?? [] },
		{
			panel: search.panel,
			durationMin: search.durationMin,
			fromMs: new Date(search.from).getTime(),
			toMs: new Date(search.to).getTime(),
			ignoreId: search.ignoreId
		}
	);
	return findSlots({
		people: rules.people,
		busy: facts.busy,
		durationMin: search.durationMin,
		from: search.from,
		to: search.to,
		stepMin: rules.stepMin,
		bufferMin: rules.bufferMin,
		notBefore: rules.notBeforeMs,
		notAfter: rules.notAfterMs,
		limit: search.limit,
		closedStarts: closed
	});
}

/**
 * The busy time of the people, from a calendar's conflict index, as `offerSlots` takes it: every
 * interview that comes within the buffer of the range, except the one being moved.
 */
export function busyFromIndex(
	index: Pick<ConflictIndex, 'busyFor'>,
	personIds: Iterable<string>,
	range: { from: Date | string | number; to: Date | string | number },
	opts: { bufferMin: number; ignoreId?: string }
): Map<string, BusyLike[]> {
	const margin = opts.bufferMin * MINUTE_MS;
	const from = new Date(range.from).getTime() - margin;
	const to = new Date(range.to).getTime() + margin;
	const busy = new Map<string, BusyLike[]>();
	for (const id of personIds)
		busy.set(
			id,
			index.busyFor(id, from, to).filter((b) => b.interviewId !== opts.ignoreId)
		);
	return busy;
}
