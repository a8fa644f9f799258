/**
 * "Why no times?" for a loop: for each day (in a zone) on which the loop finder offers no start,
 * what blocks it, per session, person and day. When the first session cannot start that day, the
 * day is explained as a single interview's is (`explainDays`: minimum notice, the horizon, a
 * holiday, hours, load, busy). Otherwise every start the first session could take that day was laid
 * out and judged whole, and the day names what refused the sessions after it: who is busy, outside
 * their hours or at their load limit, or that the loop would end after the search. A day is
 * explained exactly when the finder offers nothing on it (a property test holds it to that).
 */
import { explainDays, searchDays, type Blocker, type BlockReason } from './explain';
import { firstSessionSearch, offerLoopStarts, tryLoopStart, type LoopFacts, type LoopSearch } from './loop-finder';
import { offerSlots } from './offer';
import { zonedDate } from './time';
import type { ProblemCode } from './types';
import type { Verdict } from './judge';

/** A blocker of one session of the loop (from 1). */
export type LoopBlocker = Blocker & { session: number };

/** A day of the search without a loop start, and why. */
export interface LoopDayWithoutStarts {
	date: string;
	blockers: LoopBlocker[];
}

const REASON_OF: Partial<Record<ProblemCode, BlockReason>> = {
	min_notice: 'min_notice',
	start_in_past: 'min_notice',
	too_far_ahead: 'too_far_ahead',
	holiday: 'holiday',
	over_load_limit: 'over_load_limit'
};

/** Each day (in `zone`) of the loop search on which `offerLoopStarts` offers nothing, with its blockers. */
export function explainLoopDays(
	search: LoopSearch,
	facts: LoopFacts,
	zone: string,
	/** Every start `offerLoopStarts` offers for the same search, when the caller has them all. */
	offered?: readonly string[]
): LoopDayWithoutStarts[] {
	const made = firstSessionSearch(search, facts);
	if (!made) return [];
	const all = { ...search, limit: undefined };
	const starts = offered ?? offerLoopStarts(all, facts).map((s) => s.start);
	const withStarts = new Set(starts.map((s) => zonedDate(s, zone)));
	const firstBlocked = new Map(explainDays(made.slot, made.slotFacts, zone).map((d) => [d.date, d.blockers]));
	const firstStarts = offerSlots(made.slot, made.slotFacts);
	const out: LoopDayWithoutStarts[] = [];
	for (const date of searchDays(search, zone)) {
		if (withStarts.has(date)) continue;
		const blocked = firstBlocked.get(date);
		if (blocked) {
			out.push({ date, blockers: blocked.map((b) => ({ ...b, session: 1 })) });
			continue;
		}
		const found = new Map<string, LoopBlocker>();
		const add = (b: LoopBlocker) => {
			const key = `${b.session}|${b.reason}|${b.personId ?? ''}|${b.personId ? '' : b.message}`;
			const seen = found.get(key);
			if (!seen) found.set(key, b);
			else if (b.busy) seen.busy = uniqueBusy([...(seen.busy ?? []), ...b.busy]);
		};
		for (const start of firstStarts.filter((s) => zonedDate(s, zone) === date)) {
			const { refusal } = tryLoopStart(all, start, made.judged);
			if (refusal === 'past_range')
				add({
					session: search.shape.sessions.length,
					reason: 'too_far_ahead',
					say: 'loop_past_range',
					message: 'The loop would end after the last day searched.'
				});
			else if (refusal) for (const b of verdictBlockers(refusal.verdict)) add({ ...b, session: refusal.session + 1 });
		}
		out.push({ date, blockers: [...found.values()].sort((a, b) => a.session - b.session) });
	}
	return out;
}

/** What refused a session, in the explanation's terms. */
function verdictBlockers(v: Verdict): Blocker[] {
	const out: Blocker[] = [];
	for (const p of v.problems)
		out.push({
			reason: REASON_OF[p.code] ?? 'no_common_time',
			...(p.code === 'over_load_limit' && p.ids?.[0] ? { personId: p.ids[0], role: 'interviewer' as const } : {}),
			say: 'problem',
			problem: { code: p.code, message: p.message, ...(p.params ? { params: p.params } : {}) },
			message: p.message
		});
	for (const c of v.conflicts)
		out.push({
			reason: 'busy',
			personId: c.personId,
			role: c.role,
			say: 'loop_busy',
			message: 'Busy: another interview at the time of this session.',
			busy: [{ start: c.start, end: c.end, interviewId: c.interviewId }]
		});
	for (const w of v.warnings)
		if (w.code === 'outside_working_hours')
			out.push({
				reason: 'outside_working_hours',
				personId: w.personId,
				role: w.role,
				say: 'loop_outside_hours',
				message: 'Outside their working hours at the time of this session.'
			});
	return out;
}

function uniqueBusy(list: NonNullable<Blocker['busy']>): NonNullable<Blocker['busy']> {
	const seen = new Set<string>();
	return list.filter((b) => {
		const key = `${b.start}|${b.interviewId ?? ''}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
