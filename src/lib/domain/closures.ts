/**
 * Days the organization does not interview: holidays and blackout dates, set by an admin. A closure
 * is a run of whole calendar days read in the organization's zone (decision: one instant range for
 * everybody, so "closed on 25 Dec" means the same hours for every panel member and candidate). The
 * judge refuses an interview that touches one; the slot finder offers nothing that touches one and
 * names the closure when a day has no slots.
 */
import { addDaysToYmd, DAY_MS, MINUTE_MS, zonedDate, zonedWallTimeToUtc } from './time';
import type { Problem } from './types';

export const CLOSURE_KINDS = ['holiday', 'blackout'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

/** One holiday or blackout: the first and last day (inclusive), `YYYY-MM-DD`. */
export interface Closure {
	id?: string;
	kind: ClosureKind;
	name: string;
	startDate: string;
	endDate: string;
}

/** An organization's closures and the zone their days are read in. */
export interface OrgClosures {
	timezone: string;
	list: readonly Closure[];
}

/** The longest closure accepted, in days (a longer stop is better said by the cycle's dates). */
export const MAX_CLOSURE_DAYS = 366;
export const MAX_CLOSURE_NAME = 120;

const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isYmd(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = YMD_RE.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
}

/** The fields a closure's problem is reported on, named as the API names them. */
export type ClosureField = 'kind' | 'name' | 'start_date' | 'end_date';

/** Checks a closure from a form or the API: the tidy closure, or a message per wrong field. */
export function validateClosure(
	input: Partial<Record<'kind' | 'name' | 'startDate' | 'endDate', unknown>>
): { ok: true; value: Closure } | { ok: false; errors: Partial<Record<ClosureField, string>> } {
	const errors: Partial<Record<ClosureField, string>> = {};
	const kind = input.kind;
	if (!CLOSURE_KINDS.includes(kind as ClosureKind)) errors.kind = 'must be holiday or blackout';
	const name = typeof input.name === 'string' ? input.name.trim() : '';
	if (name === '') errors.name = 'is required';
	else if (name.length > MAX_CLOSURE_NAME) errors.name = `must be at most ${MAX_CLOSURE_NAME} characters`;
	const start = input.startDate;
	const end = input.endDate === undefined || input.endDate === '' ? start : input.endDate;
	if (!isYmd(start)) errors.start_date = 'must be a date YYYY-MM-DD';
	if (!isYmd(end)) errors.end_date = 'must be a date YYYY-MM-DD';
	else if (isYmd(start)) {
		if (end < start) errors.end_date = 'must be on or after the first day';
		else if (addDaysToYmd(start, MAX_CLOSURE_DAYS - 1) < end)
			errors.end_date = `must be at most ${MAX_CLOSURE_DAYS} days after the first day`;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, value: { kind: kind as ClosureKind, name, startDate: start as string, endDate: end as string } };
}

/** The instants a closure covers: from the start of its first day to the end of its last, in `timezone`. */
export function closureSpan(closure: Closure, timezone: string): [startMs: number, endMs: number] {
	return [
		zonedWallTimeToUtc(closure.startDate, '00:00', timezone).getTime(),
		zonedWallTimeToUtc(addDaysToYmd(closure.endDate, 1), '00:00', timezone).getTime()
	];
}

/** Closures with their instants that touch [fromMs, toMs), earliest first. */
export function closureSpans(
	closures: OrgClosures,
	fromMs: number,
	toMs: number
): { closure: Closure; startMs: number; endMs: number }[] {
	// A cheap cut on the dates first: a day of margin covers every offset.
	const lo = zonedDate(fromMs - DAY_MS, closures.timezone);
	const hi = zonedDate(toMs + DAY_MS, closures.timezone);
	return closures.list
		.filter((c) => c.endDate >= lo && c.startDate <= hi)
		.map((closure) => {
			const [startMs, endMs] = closureSpan(closure, closures.timezone);
			return { closure, startMs, endMs };
		})
		.filter((s) => s.startMs < toMs && s.endMs > fromMs)
		.sort((a, b) => a.startMs - b.startMs);
}

/** The closure an interview at `start` for `durationMin` touches; null when it touches none. */
export function closureAt(closures: OrgClosures, start: string | number, durationMin: number): Closure | null {
	const s = typeof start === 'number' ? start : Date.parse(start);
	if (Number.isNaN(s) || !(durationMin > 0)) return null;
	return closureSpans(closures, s, s + durationMin * MINUTE_MS)[0]?.closure ?? null;
}

/** "25 Dec 2026" or "24–26 Dec 2026": a closure's days as people read them (English, the domain's language). */
export function closureDays(closure: Pick<Closure, 'startDate' | 'endDate'>): string {
	const day = (ymd: string) => {
		const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
		return { y, m, d, label: `${d} ${MONTHS[m - 1]} ${y}` };
	};
	const a = day(closure.startDate);
	const b = day(closure.endDate);
	if (closure.startDate === closure.endDate) return a.label;
	if (a.y === b.y && a.m === b.m) return `${a.d}–${b.label}`;
	if (a.y === b.y) return `${a.d} ${MONTHS[a.m - 1]} – ${b.label}`;
	return `${a.label} – ${b.label}`;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The sentence for an interview that touches a closure. */
export function closureProblem(closure: Closure): Problem {
	const what = closure.kind === 'holiday' ? 'a holiday' : 'a blackout date';
	const days = closureDays(closure);
	const plural = closure.startDate !== closure.endDate;
	return {
		code: 'holiday',
		field: 'start',
		params: { name: closure.name, kind: closure.kind, from: closure.startDate, to: closure.endDate },
		message: `${closure.name} (${days}) ${plural ? 'are' : 'is'} ${plural ? (closure.kind === 'holiday' ? 'holidays' : 'blackout dates') : what}: no interviews are booked then.`
	};
}
