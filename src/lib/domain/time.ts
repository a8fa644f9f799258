/**
 * Time-zone arithmetic on top of `Intl` only, so it runs unchanged in the browser and in Node.
 *
 * Instants are `Date`s or ISO-8601 UTC strings; wall times are `YYYY-MM-DD` plus `HH:MM` in a named
 * IANA zone. `Intl.DateTimeFormat` instances are expensive to build, so they are cached per zone.
 */

import { isValidTimeZone } from './zone';

// Its own module, so that a page that only checks a zone's name does not load the arithmetic.
export { isValidTimeZone };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The wall-clock reading of an instant in one time zone. */
export interface ZonedParts {
	year: number;
	/** 1–12 */
	month: number;
	day: number;
	/** 0–23 */
	hour: number;
	minute: number;
	second: number;
	/** ISO weekday: Monday = 1 … Sunday = 7. */
	weekday: number;
	/** Offset from UTC in minutes (Berlin in winter: +60). */
	offsetMin: number;
}

const ISO_UTC_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;
const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HM_RE = /^(\d{2}):(\d{2})$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone to show something in: `tz` when this runtime knows it, else `fallback` (the
 * organization's), else UTC. A zone written by a client can name anything; a page must still render.
 */
export function zoneOrFallback(tz: unknown, fallback: string): string {
	if (isValidTimeZone(tz)) return tz;
	return isValidTimeZone(fallback) ? fallback : 'UTC';
}

function assertTimeZone(tz: string): void {
	if (!isValidTimeZone(tz)) throw new RangeError(`Unknown time zone: ${tz}`);
}

function partsFormatter(tz: string): Intl.DateTimeFormat {
	let f = partsFormatters.get(tz);
	if (!f) {
		assertTimeZone(tz);
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			weekday: 'short'
		});
		partsFormatters.set(tz, f);
	}
	return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// en-US with these options prints "Tue, 11/24/2026, 14:30:00". Parsing that string is about three
// times faster than formatToParts; anything unexpected (another ICU, far-off years) falls back.
const FAST_RE = /^([A-Z][a-z]{2}), (\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

/** Reads the wall clock of `date` in `tz`, with the ISO weekday and the UTC offset in force. */
export function utcToZonedParts(date: Date | string | number, tz: string): ZonedParts {
	const d = toDate(date);
	const ms = d.getTime();
	if (Number.isNaN(ms)) throw new RangeError('Invalid date');
	const f = partsFormatter(tz);
	const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
	const m = FAST_RE.exec(f.format(d));
	if (m) {
		out.weekday = WEEKDAYS[m[1]!] ?? 0;
		out.month = Number(m[2]);
		out.day = Number(m[3]);
		out.year = Number(m[4]);
		out.hour = Number(m[5]);
		out.minute = Number(m[6]);
		out.second = Number(m[7]);
	} else {
		for (const p of f.formatToParts(d)) {
			switch (p.type) {
				case 'year':
					out.year = Number(p.value);
					break;
				case 'month':
					out.month = Number(p.value);
					break;
				case 'day':
					out.day = Number(p.value);
					break;
				case 'hour':
					out.hour = Number(p.value);
					break;
				case 'minute':
					out.minute = Number(p.value);
					break;
				case 'second':
					out.second = Number(p.value);
					break;
				case 'weekday':
					out.weekday = WEEKDAYS[p.value] ?? 0;
					break;
			}
		}
	}
	// Intl drops milliseconds, so compare against the instant truncated to whole seconds.
	const wallAsUtc = Date.UTC(out.year, out.month - 1, out.day, out.hour, out.minute, out.second);
	const offsetMin = Math.round((wallAsUtc - (ms - mod(ms, 1000))) / MINUTE_MS);
	return { ...out, offsetMin };
}

const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_MAX = 20_000;

/** The UTC offset, in minutes, that `tz` observes at the instant `ms`. */
export function offsetAt(ms: number, tz: string): number {
	// Walking days (working windows, calendars) asks for the same instants again and again.
	let byMs = offsetCache.get(tz);
	if (!byMs) {
		byMs = new Map();
		offsetCache.set(tz, byMs);
	}
	const hit = byMs.get(ms);
	if (hit !== undefined) return hit;
	const offset = utcToZonedParts(ms, tz).offsetMin;
	if (byMs.size >= OFFSET_CACHE_MAX) byMs.clear();
	byMs.set(ms, offset);
	return offset;
}

/**
 * The instant at which the wall clock in `tz` reads `ymd` `hm`.
 * Across daylight-saving changes it behaves like Temporal's "compatible" choice: a wall time that
 * happens twice (autumn) gives the earlier instant; one that never happens (spring gap) is pushed
 * forward by the length of the gap (02:30 becomes 03:30), as calendar apps do.
 * `24:00` is accepted and means midnight at the end of `ymd`.
 */
export function zonedWallTimeToUtc(ymd: string, hm: string, tz: string): Date {
	// Slot finding and "why no slots?" ask for the same midnights and shift edges again and again.
	const key = `${tz} ${ymd} ${hm}`;
	const hit = wallCache.get(key);
	if (hit !== undefined) return new Date(hit);
	const ms = wallTimeToUtcMs(ymd, hm, tz);
	if (wallCache.size >= WALL_CACHE_MAX) wallCache.clear();
	wallCache.set(key, ms);
	return new Date(ms);
}

const wallCache = new Map<string, number>();
const WALL_CACHE_MAX = 20_000;

function wallTimeToUtcMs(ymd: string, hm: string, tz: string): number {
	const dm = YMD_RE.exec(ymd);
	const tm = HM_RE.exec(hm);
	if (!dm || !tm) throw new RangeError(`Expected YYYY-MM-DD and HH:MM, got ${ymd} ${hm}`);
	const [y, mo, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
	const [h, mi] = [Number(tm[1]), Number(tm[2])];
	if (!isRealDate(y, mo, d) || mi > 59 || h > 24 || (h === 24 && mi !== 0)) {
		throw new RangeError(`Not a real date and time: ${ymd} ${hm}`);
	}
	assertTimeZone(tz);
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	// Offsets a day either side bracket any transition near this wall time (zones change at most
	// once a day), so one of the two is the offset in force.
	const before = offsetAt(wall - DAY_MS, tz);
	const after = offsetAt(wall + DAY_MS, tz);
	if (before === after) return wall - before * MINUTE_MS;
	const earlier = wall - Math.max(before, after) * MINUTE_MS;
	const later = wall - Math.min(before, after) * MINUTE_MS;
	const fits = (t: number): boolean => t + offsetAt(t, tz) * MINUTE_MS === wall;
	if (fits(earlier)) return earlier;
	if (fits(later)) return later;
	// In a gap: read the wall time with the offset from before the change, which lands after it.
	return wall - before * MINUTE_MS;
}

/** A new Date `minutes` after `date` (negative goes back). */
export function addMinutes(date: Date | string | number, minutes: number): Date {
	return new Date(toDate(date).getTime() + minutes * MINUTE_MS);
}

/** The scheduled end of an interview: its start plus its duration. */
export function endOf(interview: { start: string; durationMin: number }): Date {
	return addMinutes(interview.start, interview.durationMin);
}

/** Parses a strict ISO-8601 UTC instant (`Z` suffix, a real calendar date); null otherwise. */
export function parseIsoUtc(value: unknown): Date | null {
	if (typeof value !== 'string') return null;
	const m = ISO_UTC_RE.exec(value);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** True for a strict ISO-8601 UTC instant string. */
export function isIsoUtc(value: unknown): value is string {
	return parseIsoUtc(value) !== null;
}

/** The ISO-8601 UTC string of an instant, always with milliseconds and `Z`. */
export function toIsoUtc(date: Date | string | number): string {
	return toDate(date).toISOString();
}

/** The calendar date `YYYY-MM-DD` of `date` in `tz`. */
export function zonedDate(date: Date | string | number, tz: string): string {
	const ms = toDate(date).getTime();
	// Since 1980 every zone's offset is a whole number of quarter hours and changes on a quarter hour
	// of UTC, so the (cached) offset of the quarter is the offset of the instant: far cheaper than
	// formatting each instant. Earlier, some zones kept offsets with seconds (local mean time).
	if (ms >= QUARTER_OFFSETS_FROM_MS) {
		const offset = offsetAt(ms - mod(ms, QUARTER_MS), tz);
		return new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 10);
	}
	const p = utcToZonedParts(date, tz);
	return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

const QUARTER_MS = 15 * MINUTE_MS;
const QUARTER_OFFSETS_FROM_MS = Date.UTC(1980, 0, 1);

/** The date `days` after `ymd` on the proleptic calendar (no zone involved). */
export function addDaysToYmd(ymd: string, days: number): string {
	const m = YMD_RE.exec(ymd);
	if (!m) throw new RangeError(`Expected YYYY-MM-DD, got ${ymd}`);
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
	return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a calendar date `YYYY-MM-DD`. */
export function isoWeekdayOfYmd(ymd: string): number {
	const m = YMD_RE.exec(ymd);
	if (!m) throw new RangeError(`Expected YYYY-MM-DD, got ${ymd}`);
	const dow = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
	return dow === 0 ? 7 : dow;
}

/**
 * Days as whole numbers (days since 1970-01-01) for loops over many days: `YYYY-MM-DD` strings cost
 * a parse and a format per step. `ymdOfDayNumber(dayNumberOfYmd(ymd)) === ymd` for every real date.
 */
export function dayNumberOfYmd(ymd: string): number {
	const m = YMD_RE.exec(ymd);
	if (!m) throw new RangeError(`Expected YYYY-MM-DD, got ${ymd}`);
	return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** The `YYYY-MM-DD` of a day number (as `zonedDate` writes it), remembered: loops ask for the same days. */
export function ymdOfDayNumber(day: number): string {
	const hit = ymdCache.get(day);
	if (hit !== undefined) return hit;
	const ymd = new Date(day * DAY_MS).toISOString().slice(0, 10);
	if (ymdCache.size >= YMD_CACHE_MAX) ymdCache.clear();
	ymdCache.set(day, ymd);
	return ymd;
}

const ymdCache = new Map<number, string>();
const YMD_CACHE_MAX = 20_000;

/** ISO weekday (Monday = 1 … Sunday = 7) of a day number; day 0, 1970-01-01, was a Thursday. */
export function isoWeekdayOfDayNumber(day: number): number {
	return mod(day + 3, 7) + 1;
}

/** The day number of the calendar date of `ms` in `tz` (`zonedDate` as a number). */
export function zonedDayNumber(ms: number, tz: string): number {
	// As `zonedDate`: since 1980 the quarter's (cached) offset is the instant's.
	if (ms >= QUARTER_OFFSETS_FROM_MS) {
		const offset = offsetAt(ms - mod(ms, QUARTER_MS), tz);
		return Math.floor((ms + offset * MINUTE_MS) / DAY_MS);
	}
	return dayNumberOfYmd(zonedDate(ms, tz));
}

function toDate(value: Date | string | number): Date {
	return value instanceof Date ? value : new Date(value);
}

function isRealDate(y: number, mo: number, d: number): boolean {
	if (mo < 1 || mo > 12 || d < 1) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function mod(a: number, b: number): number {
	return ((a % b) + b) % b;
}

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}
