/**
 * Loops: several sessions of one candidate's interview day, back to back with breaks between
 * them, e.g. three 45-minute sessions with different panels and 15-minute breaks, on one day or
 * spread over two. A loop is booked in one step (`scheduleInterviews`: all sessions or none). This
 * module lays the sessions out in time; `loop-finder.ts` finds the starts the whole loop may have.
 */
import { addDaysToYmd, MINUTE_MS, zonedWallTimeToUtc } from './time';
import { wallParts } from '../format/wall';

/** One session as asked for: its panel, its length. */
export interface LoopSession {
	panel: readonly string[];
	durationMin: number;
}

/** How a loop is laid out from its first start. */
export interface LoopShape {
	sessions: readonly LoopSession[];
	/** The break between two sessions of the same day. */
	breakMin: number;
	/**
	 * Spread over two days: how many sessions take place on the first day. The rest follow on the
	 * next calendar day (in `timezone`), from the same wall-clock time as the first session. Null
	 * or absent: all on one day.
	 */
	splitAfter?: number | null;
	/** The zone whose days and wall clock a two-day loop is read in. */
	timezone: string;
}

/** The start of each session, from the first start, each after the previous one's end and the break. */
export function loopStarts(start: string, sessions: readonly LoopSession[], breakMin: number): string[] {
	let t = Date.parse(start);
	return sessions.map((s) => {
		const at = new Date(t).toISOString();
		t += (s.durationMin + breakMin) * MINUTE_MS;
		return at;
	});
}

/**
 * The start of each session of a loop whose first session starts at `start`. The second day of a
 * two-day loop begins at the same wall-clock time on the next day, so across a change of daylight
 * saving time it is 23 or 25 hours later (a wall time the change skips is pushed past the gap).
 */
export function loopLayout(start: string, shape: LoopShape): string[] {
	const split = shape.splitAfter ?? shape.sessions.length;
	const first = loopStarts(start, shape.sessions.slice(0, split), shape.breakMin);
	if (split >= shape.sessions.length) return first;
	const { date, time } = wallParts(start, shape.timezone);
	const nextDay = zonedWallTimeToUtc(addDaysToYmd(date, 1), time, shape.timezone);
	return [...first, ...loopStarts(nextDay.toISOString(), shape.sessions.slice(split), shape.breakMin)];
}

/** The end of a loop laid out from `start`: the last session's end (ms). */
export function loopEndMs(starts: readonly string[], sessions: readonly LoopSession[]): number {
	return Math.max(...starts.map((s, i) => Date.parse(s) + sessions[i]!.durationMin * MINUTE_MS));
}

/** The rounds a loop's sessions take: the application's next ones, one each. */
export function loopRounds(next: number, count: number): number[] {
	return Array.from({ length: count }, (_, i) => next + i);
}

/** "a split after n" is meaningful only between the first and the last session. */
export function splitProblem(splitAfter: number | null | undefined, count: number): string | null {
	if (splitAfter === null || splitAfter === undefined) return null;
	return Number.isInteger(splitAfter) && splitAfter >= 1 && splitAfter < count
		? null
		: `must be between 1 and ${count - 1} (the sessions on the first day)`;
}
