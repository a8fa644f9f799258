/**
 * Interviewer load: how many interviews someone has on a day and in a week, against their limit.
 *
 * - A day and a week are read in the interviewer's own zone; a week runs Monday to Sunday. An
 *   interview counts on the day its start falls on.
 * - Every interview counts except a cancelled one (a no-show took the interviewer's time too).
 * - The limit is the interviewer's own, else the organization's default (`Policy`); null is none.
 * - Over the limit is refused by the judge and never offered by the finder; from the policy's
 *   warning share (80 % by default) a booking carries a warning.
 */
import { MAX_LOAD_LIMIT, type Policy } from './policy';
import {
	addDaysToYmd,
	DAY_MS,
	isoWeekdayOfDayNumber,
	isoWeekdayOfYmd,
	MINUTE_MS,
	offsetAt,
	ymdOfDayNumber,
	zonedWallTimeToUtc
} from './time';

const QUARTER_MS = 15 * MINUTE_MS;

/**
 * The calendar date of `ms` in `tz`. Offsets change only on quarter hours of UTC in every zone in
 * use, so the offset of the quarter (cached by `offsetAt`) is the offset of the instant: far
 * cheaper than formatting every start (a load tally reads thousands).
 */
function dayIn(ms: number, tz: string): string {
	return ymdOfDayNumber(dayNumberIn(ms, tz));
}

/** `dayIn` as a day number (days since 1970-01-01). */
function dayNumberIn(ms: number, tz: string): number {
	const offset = offsetAt(Math.floor(ms / QUARTER_MS) * QUARTER_MS, tz);
	return Math.floor((ms + offset * MINUTE_MS) / DAY_MS);
}
import type { Interview, Problem } from './types';

/** Most interviews per day and per week; null is no limit. */
export interface LoadLimit {
	perDay: number | null;
	perWeek: number | null;
}

/** An interviewer's own limits as stored: a field left out follows the organization, null is "no limit". */
export type OwnLoadLimit = Partial<LoadLimit>;

/** Whose load: their zone and their effective limit. */
export interface LoadPerson {
	timezone: string;
	limit: LoadLimit;
}

/** What an interview contributes to someone's load. */
export type LoadInterview = Pick<Interview, 'id' | 'start' | 'panel' | 'status'>;

/** Interviewer id → zone and limit; someone absent has no limit. */
export type LoadLimits = ReadonlyMap<string, LoadPerson>;

/** The limits someone works under: their own where set, else the organization's. */
export function effectiveLoadLimit(
	own: unknown,
	policy: Pick<Policy, 'maxInterviewsPerDay' | 'maxInterviewsPerWeek'>
): LoadLimit {
	const o = own !== null && typeof own === 'object' && !Array.isArray(own) ? (own as Record<string, unknown>) : {};
	const pick = (key: 'perDay' | 'perWeek', fallback: number | null): number | null => {
		if (!(key in o)) return fallback;
		const v = o[key];
		return v === null ? null : isLimit(v) ? v : fallback;
	};
	return { perDay: pick('perDay', policy.maxInterviewsPerDay), perWeek: pick('perWeek', policy.maxInterviewsPerWeek) };
}

function isLimit(v: unknown): v is number {
	return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_LOAD_LIMIT;
}

/** True when an interview counts towards its panel's load. */
export function countsAsLoad(status: Interview['status']): boolean {
	return status !== 'cancelled';
}

/** The Monday that starts the week of `ymd`. */
export function weekOf(ymd: string): string {
	return addDaysToYmd(ymd, 1 - isoWeekdayOfYmd(ymd));
}

/** Interviews of `personId` per day and per week (keys `YYYY-MM-DD`, weeks by their Monday), in `timezone`. */
export function loadTally(
	personId: string,
	timezone: string,
	interviews: readonly LoadInterview[],
	ignoreId?: string
): { days: Map<string, number>; weeks: Map<string, number> } {
	// Counted by day number (a tally reads thousands of starts; a date string per start cost a format
	// and two parses), then named: the same keys, in the same order, as counting by `YYYY-MM-DD`.
	const dayCounts = new Map<number, number>();
	const weekCounts = new Map<number, number>();
	for (const iv of interviews) {
		if (iv.id === ignoreId || !countsAsLoad(iv.status) || !iv.panel.includes(personId)) continue;
		const ms = Date.parse(iv.start);
		if (Number.isNaN(ms)) continue;
		const day = dayNumberIn(ms, timezone);
		dayCounts.set(day, (dayCounts.get(day) ?? 0) + 1);
		const week = day - isoWeekdayOfDayNumber(day) + 1;
		weekCounts.set(week, (weekCounts.get(week) ?? 0) + 1);
	}
	const named = (counts: Map<number, number>) => new Map([...counts].map(([d, n]) => [ymdOfDayNumber(d), n]));
	return { days: named(dayCounts), weeks: named(weekCounts) };
}

/** A booking would bring someone near their limit: shown, never refused. */
export interface LoadWarning {
	code: 'near_load_limit';
	personId: string;
	role: 'interviewer';
	message: string;
	/** What the sentence names: `period` (day, week), `count`, `limit`, `date` (the day or the week's Monday). */
	params: Readonly<Record<string, number | string>>;
}

/** A load sentence and the numbers it names. */
interface Said {
	message: string;
	params: Record<string, number | string>;
}

/** One interviewer's load where a booking at `start` would put them: counts with the booking, and the limit. */
export interface LoadAt {
	day: string;
	week: string;
	dayCount: number;
	weekCount: number;
	limit: LoadLimit;
}

/** The load each panel member would have with one more interview starting at `start`. */
export function loadAt(
	personId: string,
	person: LoadPerson,
	start: number,
	interviews: readonly LoadInterview[],
	ignoreId?: string
): LoadAt {
	const { days, weeks } = loadTally(personId, person.timezone, interviews, ignoreId);
	const day = dayIn(start, person.timezone);
	const week = weekOf(day);
	return { day, week, dayCount: (days.get(day) ?? 0) + 1, weekCount: (weeks.get(week) ?? 0) + 1, limit: person.limit };
}

/** The refusals and warnings of load for a booking of `panel` at `start` (the interview `ignoreId` moves). */
export function judgeLoad(
	at: { id?: string; start: string; panel: readonly string[] },
	interviews: readonly LoadInterview[],
	limits: LoadLimits,
	warningPercent: number
): { problems: Problem[]; warnings: LoadWarning[] } {
	const problems: Problem[] = [];
	const warnings: LoadWarning[] = [];
	const start = Date.parse(at.start);
	if (Number.isNaN(start)) return { problems, warnings };
	for (const id of new Set(at.panel)) {
		const person = limits.get(id);
		if (!person) continue;
		const load = loadAt(id, person, start, interviews, at.id);
		const over = overLimit(load);
		if (over) {
			problems.push({ code: 'over_load_limit', field: 'panel', ids: [id], ...over });
			continue;
		}
		const near = nearLimit(load, warningPercent);
		if (near) warnings.push({ code: 'near_load_limit', personId: id, role: 'interviewer', ...near });
	}
	return { problems, warnings };
}

/** Why one more interview breaks a limit, as a sentence; null when it does not. */
export function overLimit(load: LoadAt): Said | null {
	const { perDay, perWeek } = load.limit;
	if (perDay !== null && load.dayCount > perDay)
		return {
			params: { period: 'day', limit: perDay, date: load.day },
			message: `An interviewer on the panel already has ${perDay} ${perDay === 1 ? 'interview' : 'interviews'} on ${load.day}, their daily limit.`
		};
	if (perWeek !== null && load.weekCount > perWeek)
		return {
			params: { period: 'week', limit: perWeek, date: load.week },
			message: `An interviewer on the panel already has ${perWeek} ${perWeek === 1 ? 'interview' : 'interviews'} in the week of ${load.week}, their weekly limit.`
		};
	return null;
}

function nearLimit(load: LoadAt, warningPercent: number): Said | null {
	const { perDay, perWeek } = load.limit;
	const near = (count: number, limit: number | null) => limit !== null && count * 100 >= limit * warningPercent;
	if (near(load.dayCount, perDay))
		return {
			params: { period: 'day', count: load.dayCount, limit: perDay ?? 0, date: load.day },
			message: `This is interview ${load.dayCount} of ${perDay} allowed on ${load.day}.`
		};
	if (near(load.weekCount, perWeek))
		return {
			params: { period: 'week', count: load.weekCount, limit: perWeek ?? 0, date: load.week },
			message: `This is interview ${load.weekCount} of ${perWeek} allowed in the week of ${load.week}.`
		};
	return null;
}

/**
 * The stretches of time in which a start would break someone's limit: each full day and each full
 * week in their zone, as [start, end) instants, sorted. The finder offers no start inside them.
 */
export function fullPeriods(
	personId: string,
	person: LoadPerson,
	interviews: readonly LoadInterview[],
	ignoreId?: string
): { startMs: number; endMs: number; reason: 'day' | 'week'; key: string }[] {
	const { perDay, perWeek } = person.limit;
	if (perDay === null && perWeek === null) return [];
	const { days, weeks } = loadTally(personId, person.timezone, interviews, ignoreId);
	const midnight = (ymd: string) => zonedWallTimeToUtc(ymd, '00:00', person.timezone).getTime();
	const out: { startMs: number; endMs: number; reason: 'day' | 'week'; key: string }[] = [];
	if (perWeek !== null)
		for (const [week, n] of weeks)
			if (n >= perWeek)
				out.push({ startMs: midnight(week), endMs: midnight(addDaysToYmd(week, 7)), reason: 'week', key: week });
	if (perDay !== null)
		for (const [day, n] of days)
			if (n >= perDay)
				out.push({ startMs: midnight(day), endMs: midnight(addDaysToYmd(day, 1)), reason: 'day', key: day });
	return out.sort((a, b) => a.startMs - b.startMs);
}

/**
 * Reads a limit typed in a form or sent to the API: '' or null is "no limit", else a whole number
 * from 1 to 100. Returns the number, null, or a message.
 */
export function parseLimit(value: unknown): { ok: true; value: number | null } | { ok: false; message: string } {
	if (value === null || value === '' || value === undefined) return { ok: true, value: null };
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	if (isLimit(n)) return { ok: true, value: n };
	return { ok: false, message: `must be a whole number from 1 to ${MAX_LOAD_LIMIT}, or empty for no limit` };
}
