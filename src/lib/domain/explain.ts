/**
 * "Why no slots?": for each day of a search on which the finder offers nothing, what blocks it, per
 * person and for the whole day, in the judge's terms:
 *
 * - the whole day: minimum notice, the horizon ("90-day limit"), a holiday or blackout date;
 * - per person: outside their working hours, at their load limit, busy (with which interviews, for
 *   the boundary to show only to whom may see them);
 * - nobody in particular: everyone has free time, but never the same stretch ("no common time").
 *
 * It reads exactly what `offerSlots` reads and asks the same finder whether a day has a slot, so a
 * day is explained exactly when it has none. The explanation is coarse on purpose (a person with
 * free time that is too short is "busy"); it names what to change, not every minute.
 */
import { closedStarts, type ClosedStart } from './day-rules';
import { timeRules } from './judge';
import { offerSlots, type SlotFacts, type SlotSearch } from './offer';
import { workingWindows, type BusyLike, type SlotPerson } from './slots';
import { addDaysToYmd, MINUTE_MS, zonedDate, zonedWallTimeToUtc } from './time';
import type { PersonRole, Problem } from './types';
import { humanizeMinutes } from './validation';

export type BlockReason =
	'min_notice' | 'too_far_ahead' | 'holiday' | 'outside_working_hours' | 'over_load_limit' | 'busy' | 'no_common_time';

/**
 * Which sentence a blocker says, so the edge can say it in the reader's language with `params`
 * (src/lib/i18n/blockers.ts); `problem` repeats a judge's problem (a loop's later session).
 */
export type BlockerSay =
	| 'too_soon'
	| 'too_far'
	| 'earlier_too_soon'
	| 'later_too_far'
	| 'closure'
	| 'candidate_hours'
	| 'no_work_day'
	| 'hours_too_short'
	| 'daily_limit'
	| 'weekly_limit'
	| 'busy'
	| 'no_common_time'
	| 'loop_past_range'
	| 'loop_busy'
	| 'loop_outside_hours'
	| 'pool_not_together'
	| 'pool_too_few'
	| 'pool_never_together'
	| 'problem';

/** One thing that blocks a day (or a time). */
export interface Blocker {
	reason: BlockReason;
	/** The sentence, for translation at the edge; `message` is its English. */
	say?: BlockerSay;
	/** The numbers and names the sentence names (minutes, days, a closure's name, a week as `YYYY-MM-DD`). */
	params?: Readonly<Record<string, number | string>>;
	/** For `say: 'problem'`: the judge's problem this blocker repeats. */
	problem?: Pick<Problem, 'code' | 'message' | 'params'>;
	/** Whom it is about; absent for a rule of the whole day. */
	personId?: string;
	role?: PersonRole;
	/** A sentence about the person ("they") or the day. */
	message: string;
	/** For `busy`: what takes the person's time that day; `interviewId` where known. */
	busy?: { start: string; end: string; interviewId?: string }[];
}

/** A day of the search without a slot, and why. */
export interface DayWithoutSlots {
	/** `YYYY-MM-DD` in the zone the days are read in. */
	date: string;
	blockers: Blocker[];
}

/** A busy interval as the explanation takes it (the interview id where the caller knows it). */
export type ExplainedBusy = BusyLike & { interviewId?: string };

type Interval = [number, number];
const toMs = (v: Date | string | number) => (v instanceof Date ? v.getTime() : new Date(v).getTime());

/** Each day (in `zone`) of the search on which `offerSlots` would offer nothing, with its blockers. */
export function explainDays(
	search: SlotSearch,
	facts: SlotFacts,
	zone: string,
	/** Every slot `offerSlots` offers for the same search, when the caller has them all (no limit hit): saves asking per day. */
	offered?: readonly string[],
	/** Explain only these people's blocks (and the whole day's): a pool member's own, beside a panel explained once. */
	only?: ReadonlySet<string>
): DayWithoutSlots[] {
	// One search over the whole range says which days have a slot: a day's own search (from its first
	// start, up to a slot starting before its end) finds a start exactly when the whole range's does,
	// on the same grid, with the same closed starts. Asking per day re-read everyone's busy time daily.
	const daysWithSlots = new Set(
		(offered ?? offerSlots({ ...search, limit: undefined }, facts)).map((s) => zonedDate(s, zone))
	);
	const fromMs = toMs(search.from);
	const toMsEnd = toMs(search.to);
	const durMs = search.durationMin * MINUTE_MS;
	// What every day's explanation reads, prepared at the first day without a slot: a search with a
	// slot on every day (the usual answer) needs none of it.
	let shared: Omit<DayInput, 'starts'> | null = null;
	const prepare = (): Omit<DayInput, 'starts'> => {
		const rules = timeRules(facts, { panel: search.panel, candidateId: search.candidateId });
		const closed = closedStarts(
			{ closures: facts.closures, load: facts.load, interviews: facts.interviews ?? [] },
			{ panel: search.panel, durationMin: search.durationMin, fromMs, toMs: toMsEnd, ignoreId: search.ignoreId }
		);
		const people = only ? rules.people.filter((p) => only.has(p.id)) : rules.people;
		const busy = facts.busy as ReadonlyMap<string, readonly ExplainedBusy[]>;
		return {
			endLimit: toMsEnd,
			durMs,
			policy: facts.policy,
			notBeforeMs: rules.notBeforeMs,
			notAfterMs: rules.notAfterMs,
			bufferMs: rules.bufferMin * MINUTE_MS,
			people,
			// Each person's working windows over the whole range, read once; a day takes those that touch it.
			windows: new Map(people.map((p) => [p.id, workingWindows(p, fromMs, toMsEnd + durMs)])),
			candidateId: search.candidateId,
			// Sorted out once, not per day: the closures, each person's full days and weeks (in the order
			// of `closed`), each person's busy time as numbers (in its own order).
			closures: closed.filter((c) => c.why.kind === 'closure'),
			full: new Map(people.map((p) => [p.id, closed.filter((c) => c.why.kind === 'load' && c.why.personId === p.id)])),
			busy: new Map(
				people.map((p) => [
					p.id,
					(busy.get(p.id) ?? []).map((b): TimedBusy => ({ start: toMs(b.start), end: toMs(b.end), entry: b }))
				])
			)
		};
	};
	const out: DayWithoutSlots[] = [];
	const last = zonedDate(toMsEnd - 1, zone);
	for (let ymd = zonedDate(fromMs, zone); ymd <= last; ymd = addDaysToYmd(ymd, 1)) {
		if (daysWithSlots.has(ymd)) continue;
		const dayStart = Math.max(fromMs, zonedWallTimeToUtc(ymd, '00:00', zone).getTime());
		const dayEnd = Math.min(toMsEnd, zonedWallTimeToUtc(addDaysToYmd(ymd, 1), '00:00', zone).getTime());
		if (dayEnd <= dayStart) continue;
		shared ??= prepare();
		out.push({ date: ymd, blockers: dayBlockers({ ...shared, starts: [dayStart, dayEnd] }) });
	}
	return out;
}

interface DayInput {
	/** The starts of the day: [first, end). */
	starts: Interval;
	/** No interview may end after this. */
	endLimit: number;
	durMs: number;
	policy: SlotFacts['policy'];
	notBeforeMs: number;
	notAfterMs: number;
	bufferMs: number;
	people: readonly SlotPerson[];
	/** Each person's working windows over the whole search (`workingWindows`). */
	windows: ReadonlyMap<string, readonly Interval[]>;
	candidateId: string | null;
	/** The closed starts of closures. */
	closures: readonly ClosedStart[];
	/** Each person's closed starts of full days and weeks. */
	full: ReadonlyMap<string, readonly ClosedStart[]>;
	busy: ReadonlyMap<string, readonly TimedBusy[]>;
}

/** A busy interval with its instants read once. */
interface TimedBusy {
	start: number;
	end: number;
	entry: ExplainedBusy;
}

function dayBlockers(d: DayInput): Blocker[] {
	const blockers: Blocker[] = [];
	let [lo, hi] = d.starts;
	const notice = `bookings need ${humanizeMinutes(d.policy.minNoticeMin)}’ notice.`;
	const horizon = `bookings can be at most ${d.policy.maxAheadDays} days ahead.`;
	const minutes = { minutes: d.policy.minNoticeMin };
	const days = { days: d.policy.maxAheadDays };
	if (hi <= d.notBeforeMs)
		return [{ reason: 'min_notice', say: 'too_soon', params: minutes, message: `Too soon: ${notice}` }];
	if (lo > d.notAfterMs)
		return [{ reason: 'too_far_ahead', say: 'too_far', params: days, message: `Too far ahead: ${horizon}` }];
	if (lo < d.notBeforeMs) {
		blockers.push({
			reason: 'min_notice',
			say: 'earlier_too_soon',
			params: minutes,
			message: `Earlier in the day is too soon: ${notice}`
		});
		lo = d.notBeforeMs;
	}
	if (hi > d.notAfterMs + 1) {
		blockers.push({
			reason: 'too_far_ahead',
			say: 'later_too_far',
			params: days,
			message: `Later in the day is too far ahead: ${horizon}`
		});
		hi = d.notAfterMs + 1;
	}
	// Closures close every start they cover, for everybody.
	for (const c of d.closures)
		// Named when its days fall on this day (not merely when a late start would run into it).
		if (c.why.kind === 'closure' && c.start + d.durMs - 1 < hi && c.end > lo) {
			const { closure } = c.why;
			const what = closure.kind === 'holiday' ? 'a holiday' : 'a blackout date';
			blockers.push({
				reason: 'holiday',
				say: 'closure',
				params: { name: closure.name, kind: closure.kind },
				message: `${closure.name} is ${what}: no interviews are booked then.`
			});
			if (c.start <= lo && c.end >= hi) return blockers;
		}
	const open = minus(
		[[lo, hi]],
		d.closures.map((c) => [c.start, c.end])
	);
	let personal = false;
	for (const person of d.people) {
		const role: PersonRole = person.id === d.candidateId ? 'candidate' : 'interviewer';
		// The starts at which the person works the whole interview.
		const windows = (d.windows.get(person.id) ?? []).filter(([a, b]) => b > lo && a < hi + d.durMs);
		const workStarts = intersect(
			open,
			windows.map(([a, b]): Interval => [a, Math.min(b, d.endLimit) - d.durMs + 1]).filter(([a, b]) => a < b)
		);
		if (workStarts.length === 0) {
			personal = true;
			blockers.push({
				reason: 'outside_working_hours',
				personId: person.id,
				role,
				say: windows.length > 0 ? 'hours_too_short' : role === 'candidate' ? 'candidate_hours' : 'no_work_day',
				params: { minutes: d.durMs / MINUTE_MS },
				message:
					windows.length === 0
						? role === 'candidate'
							? 'Outside the candidate’s hours.'
							: 'Does not work on this day.'
						: `Their working hours leave no ${humanizeMinutes(d.durMs / MINUTE_MS)} then.`
			});
			continue;
		}
		const full = d.full.get(person.id) ?? [];
		// Only the full days and weeks that reach these starts can take any away.
		const first = Math.min(...workStarts.map(([a]) => a));
		const end = Math.max(...workStarts.map(([, b]) => b));
		const fullHere = full.filter((c) => c.end > first && c.start < end);
		const loadFree = minus(
			workStarts,
			fullHere.map((c) => [c.start, c.end])
		);
		if (loadFree.length === 0) {
			personal = true;
			// The day or week that takes these starts away (a week before its days: it starts first).
			const why = fullHere[0]!.why as Extract<ClosedStart['why'], { kind: 'load' }>;
			blockers.push({
				reason: 'over_load_limit',
				personId: person.id,
				role,
				say: why.period === 'day' ? 'daily_limit' : 'weekly_limit',
				params: { week: why.key },
				message:
					why.period === 'day'
						? 'At their daily limit of interviews.'
						: `At their weekly limit of interviews (the week of ${why.key}).`
			});
			continue;
		}
		const busy = (d.busy.get(person.id) ?? []).filter(
			(b) => b.start - d.bufferMs < hi + d.durMs && b.end + d.bufferMs > lo
		);
		// A start is blocked by a busy stretch when the interview would overlap it (widened by the buffer).
		const blocked = busy.map((b): Interval => [b.start - d.bufferMs - d.durMs + 1, b.end + d.bufferMs]);
		if (minus(loadFree, blocked).length === 0) {
			personal = true;
			blockers.push({
				reason: 'busy',
				personId: person.id,
				role,
				say: 'busy',
				params: { count: busy.length, minutes: d.durMs / MINUTE_MS },
				message: `Busy: ${busy.length} ${busy.length === 1 ? 'interview leaves' : 'interviews leave'} no ${humanizeMinutes(d.durMs / MINUTE_MS)} free in their hours.`,
				busy: busy.map((b) => ({
					start: new Date(b.start).toISOString(),
					end: new Date(b.end).toISOString(),
					...(b.entry.interviewId ? { interviewId: b.entry.interviewId } : {})
				}))
			});
		}
	}
	if (!personal)
		blockers.push({
			reason: 'no_common_time',
			say: 'no_common_time',
			message: 'Everyone has free time this day, but not the same stretch for the whole interview.'
		});
	return blockers;
}

/** The days (`YYYY-MM-DD` in `zone`) that a search's range touches, as `explainDays` walks them. */
export function searchDays(search: Pick<SlotSearch, 'from' | 'to'>, zone: string): string[] {
	const fromMs = new Date(search.from).getTime();
	const toMs = new Date(search.to).getTime();
	const out: string[] = [];
	const last = zonedDate(toMs - 1, zone);
	for (let ymd = zonedDate(fromMs, zone); ymd <= last; ymd = addDaysToYmd(ymd, 1)) {
		const dayStart = Math.max(fromMs, zonedWallTimeToUtc(ymd, '00:00', zone).getTime());
		const dayEnd = Math.min(toMs, zonedWallTimeToUtc(addDaysToYmd(ymd, 1), '00:00', zone).getTime());
		if (dayEnd > dayStart) out.push(ymd);
	}
	return out;
}

/** `p` minus the union of `q` (both as [start, end) intervals; `q` need not be sorted). */
function minus(p: readonly Interval[], q: readonly Interval[]): Interval[] {
	let out = [...p];
	for (const [x, y] of q) {
		const next: Interval[] = [];
		for (const [a, b] of out) {
			if (y <= a || x >= b) next.push([a, b]);
			else {
				if (x > a) next.push([a, x]);
				if (y < b) next.push([y, b]);
			}
		}
		out = next;
	}
	return out;
}

function intersect(p: readonly Interval[], q: readonly Interval[]): Interval[] {
	const out: Interval[] = [];
	for (const [a, b] of p)
		for (const [c, d] of q) {
			const s = Math.max(a, c);
			const e = Math.min(b, d);
			if (s < e) out.push([s, e]);
		}
	return out;
}
