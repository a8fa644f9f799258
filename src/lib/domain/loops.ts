/**
 * Loops: several sessions of one candidate's interview day, back to back with breaks between
 * them, e.g. three 45-minute sessions with different panels and 15-minute breaks. A loop is booked
 * in one step (`scheduleInterviews`: all sessions or none). This module lays the sessions out in time.
 */
import { MINUTE_MS } from './time';

/** One session as asked for: its panel, its length, what kind. */
export interface LoopSession {
	panel: readonly string[];
	durationMin: number;
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

/** The rounds a loop's sessions take: the application's next ones, one each. */
export function loopRounds(next: number, count: number): number[] {
	return Array.from({ length: count }, (_, i) => next + i);
}
