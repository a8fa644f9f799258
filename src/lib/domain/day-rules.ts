/**
 * The judge's rules of the organization's calendar (the judge asks `dayRules`; the slot finder
 * takes the same rules as `closedStarts`): no interview touches a holiday or blackout date, and no
 * interviewer goes past their daily or weekly limit. See `closures.ts` and `load.ts`.
 */
import { closureAt, closureProblem, closureSpans, type Closure, type OrgClosures } from './closures';
import { fullPeriods, judgeLoad, type LoadInterview, type LoadLimits, type LoadWarning } from './load';
import { MINUTE_MS } from './time';
import type { Problem } from './types';

/** What the calendar rules read. */
export interface DayFacts {
	closures?: OrgClosures;
	load?: LoadLimits;
	/** The interviews load is counted in (any status; cancelled ones do not count). */
	interviews: readonly LoadInterview[];
	loadWarningPercent: number;
}

/**
 * The rules of the organization's calendar for an interview at its time: no holiday or blackout
 * date, and nobody of `loadChecked` past their daily or weekly limit (a warning from the policy's share).
 */
export function dayRules(
	at: { id?: string; start: string; durationMin: number; panel: readonly string[] },
	loadChecked: readonly string[],
	facts: DayFacts
): { problems: Problem[]; warnings: LoadWarning[] } {
	const problems: Problem[] = [];
	const closure = facts.closures ? closureAt(facts.closures, at.start, at.durationMin) : null;
	if (closure) problems.push(closureProblem(closure));
	if (!facts.load || loadChecked.length === 0) return { problems, warnings: [] };
	const load = judgeLoad(
		{ id: at.id, start: at.start, panel: loadChecked },
		facts.interviews,
		facts.load,
		facts.loadWarningPercent
	);
	return { problems: [...problems, ...load.problems], warnings: load.warnings };
}

/** Why no slot may start in a stretch: a closure, or a panel member whose day or week is full. */
export type ClosedReason =
	{ kind: 'closure'; closure: Closure } | { kind: 'load'; personId: string; period: 'day' | 'week'; key: string };

/** A stretch [startMs, endMs) of starts the judge refuses, and why. */
export interface ClosedStart {
	start: number;
	end: number;
	why: ClosedReason;
}

/**
 * The judge's calendar rules as the slot finder takes them: the starts whose interview would touch
 * a holiday or blackout date, and the starts on a day or in a week in which a panel member is at
 * their limit (counted in `interviews`, leaving out the one being moved). A start outside all of
 * them passes `dayRules`.
 */
export function closedStarts(
	facts: Omit<DayFacts, 'loadWarningPercent'>,
	ask: { panel: readonly string[]; durationMin: number; fromMs: number; toMs: number; ignoreId?: string }
): ClosedStart[] {
	const out: ClosedStart[] = [];
	const durMs = ask.durationMin * MINUTE_MS;
	if (facts.closures)
		for (const span of closureSpans(facts.closures, ask.fromMs, ask.toMs + durMs))
			// An interview starting after span − duration and before its end touches it.
			out.push({ start: span.startMs - durMs + 1, end: span.endMs, why: { kind: 'closure', closure: span.closure } });
	if (facts.load)
		for (const id of new Set(ask.panel)) {
			const person = facts.load.get(id);
			if (!person) continue;
			for (const p of fullPeriods(id, person, facts.interviews, ask.ignoreId))
				if (p.endMs > ask.fromMs && p.startMs < ask.toMs)
					out.push({
						start: p.startMs,
						end: p.endMs,
						why: { kind: 'load', personId: id, period: p.reason, key: p.key }
					});
		}
	return out.sort((a, b) => a.start - b.start);
}
