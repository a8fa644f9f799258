/**
 * Finding start times at which a whole panel (and the candidate, if passed as a person) can meet.
 *
 * A slot [s, s + duration) is offered when, for every person:
 *  - it lies inside that person's working hours, read in the person's OWN time zone (a shift that
 *    starts on one of their working weekdays; shifts that touch, such as 00:00–24:00 on consecutive
 *    days, join into one), and
 *  - it overlaps none of their busy intervals, each widened by `bufferMin` on both sides (so
 *    back-to-back is fine with a buffer of 0: the rule of `conflicts.ts`).
 * and s lies at or after max(from, notBefore), at or before `notAfter`, and s + duration at or before `to`.
 *
 * Grid: starts are multiples of `stepMin` counted from the Unix epoch, i.e. aligned to UTC. With a
 * step that divides 60 (the usual 5/10/15/20/30/60) that is "on the minute marks of every UTC
 * hour", which are also the local marks of every zone with a whole-hour or half-hour offset.
 *
 * Busy time comes in as a map person id → intervals, so callers can feed interviews from a
 * `ConflictIndex` (`index.busyMap(ids, from, to)`) or other calendars alike.
 *
 * `findSlots` works on intervals: it builds each person's free time (working windows minus busy
 * time), intersects them and walks the grid only inside the common free time, so the cost grows
 * with the number of windows and busy intervals, not with the number of grid points.
 * `bruteForceSlots` checks every grid point minute by minute; it is the reference for tests and the
 * benchmark.
 */
import {
	DAY_MS,
	isoWeekdayOfDayNumber,
	MINUTE_MS,
	offsetAt,
	ymdOfDayNumber,
	zonedDayNumber,
	zonedWallTimeToUtc
} from './time';
import type { WorkingHours } from './types';

/** A participant whose time is searched. */
export interface SlotPerson {
	id: string;
	/** IANA zone in which `workingHours` are read. */
	timezone: string;
	workingHours: WorkingHours;
}

/** A stretch of time in which someone is not available. */
export interface BusyLike {
	start: Date | string | number;
	end: Date | string | number;
}

/** Input of `findSlots`. */
export interface FindSlotsInput {
	people: readonly SlotPerson[];
	/** Busy intervals per person id; someone without an entry is free whenever they work. */
	busy: ReadonlyMap<string, readonly BusyLike[]>;
	durationMin: number;
	/** Search window: slots start at or after `from` and end at or before `to`. */
	from: Date | string | number;
	to: Date | string | number;
	/** Grid spacing in whole minutes. */
	stepMin: number;
	/** Free time kept around every busy interval. Default 0. */
	bufferMin?: number;
	/** Earliest acceptable start, usually now + the policy's minimum notice. */
	notBefore?: Date | string | number;
	/** Latest acceptable start, usually now + the policy's horizon. */
	notAfter?: Date | string | number;
	/** Stop after this many slots. */
	limit?: number;
	/** Stretches in which no slot may START, whoever is free (days that are closed or full). */
	closedStarts?: readonly BusyLike[];
}

type Interval = [start: number, end: number];

interface Prepared {
	loMs: number;
	hiMs: number;
	durMs: number;
	stepMs: number;
	bufMs: number;
	/** The latest start offered. */
	lastStartMs: number;
	limit: number;
	/** Sorted, merged [start, end) in which no start is offered. */
	closed: Interval[];
}

function toMs(value: Date | string | number): number {
	return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

function prepare(input: FindSlotsInput): Prepared | null {
	const { durationMin, stepMin } = input;
	if (!Number.isInteger(durationMin) || durationMin <= 0) {
		throw new RangeError('durationMin must be a positive whole number of minutes');
	}
	if (!Number.isInteger(stepMin) || stepMin <= 0) {
		throw new RangeError('stepMin must be a positive whole number of minutes');
	}
	const bufferMin = input.bufferMin ?? 0;
	if (!Number.isFinite(bufferMin) || bufferMin < 0) throw new RangeError('bufferMin must be >= 0');
	const fromMs = toMs(input.from);
	const hiMs = toMs(input.to);
	const notBeforeMs = input.notBefore === undefined ? -Infinity : toMs(input.notBefore);
	const notAfterMs = input.notAfter === undefined ? Infinity : toMs(input.notAfter);
	if ([fromMs, hiMs, notBeforeMs, notAfterMs].some(Number.isNaN)) throw new RangeError('Invalid date');
	const loMs = Math.max(fromMs, notBeforeMs);
	const limit = input.limit ?? Infinity;
	if (loMs >= hiMs || limit <= 0) return null;
	return {
		loMs,
		hiMs,
		durMs: durationMin * MINUTE_MS,
		stepMs: stepMin * MINUTE_MS,
		bufMs: bufferMin * MINUTE_MS,
		lastStartMs: notAfterMs,
		limit,
		closed: blockedTime(input.closedStarts, 0)
	};
}

function parseHm(hm: string): number {
	const [h, m] = hm.split(':').map(Number) as [number, number];
	return h * 60 + m;
}

/**
 * A person's working windows (UTC ms) that touch [fromMs, toMs), merged where they meet.
 * Shifts ending earlier than they start run into the next day; equal start and end means no shift.
 */
export function workingWindows(
	person: Pick<SlotPerson, 'timezone' | 'workingHours'>,
	fromMs: number,
	toMs: number
): Array<[start: number, end: number]> {
	const { startTime, endTime, weekdays } = person.workingHours;
	// The finder and "why no slots?" ask for the same people over the same range many times per
	// search (a pool: once per member); the answer depends on these values alone.
	const key = `${person.timezone}|${startTime}|${endTime}|${weekdays.join(',')}|${fromMs}|${toMs}`;
	let windows = windowsCache.get(key);
	if (!windows) {
		windows = computeWindows(person, fromMs, toMs);
		if (windowsCache.size >= WINDOWS_CACHE_MAX) windowsCache.clear();
		windowsCache.set(key, windows);
	}
	// A copy: callers own what they get, as before the cache.
	return windows.map(([s, e]): Interval => [s, e]);
}

const windowsCache = new Map<string, Interval[]>();
const WINDOWS_CACHE_MAX = 1_000;

function computeWindows(
	person: Pick<SlotPerson, 'timezone' | 'workingHours'>,
	fromMs: number,
	toMs: number
): Interval[] {
	const { startTime, endTime, weekdays } = person.workingHours;
	const startMin = parseHm(startTime);
	const endMin = parseHm(endTime);
	if (startMin === endMin || weekdays.length === 0) return [];
	const overnight = endMin < startMin;
	const days = new Set(weekdays);
	// A day of margin on each side covers every UTC offset (±14 h) and overnight shifts. Days are
	// walked as numbers (a `YYYY-MM-DD` per step cost a parse and a format).
	const last = zonedDayNumber(toMs + DAY_MS, person.timezone);
	const windows: Interval[] = [];
	for (let day = zonedDayNumber(fromMs - DAY_MS, person.timezone); day <= last; day++) {
		if (!days.has(isoWeekdayOfDayNumber(day))) continue;
		const ymd = ymdOfDayNumber(day);
		const s = zonedWallTimeToUtc(ymd, startTime, person.timezone).getTime();
		const e = zonedWallTimeToUtc(overnight ? ymdOfDayNumber(day + 1) : ymd, endTime, person.timezone).getTime();
		if (e <= s || e <= fromMs || s >= toMs) continue;
		const prev = windows[windows.length - 1];
		if (prev && s <= prev[1]) prev[1] = Math.max(prev[1], e);
		else windows.push([s, e]);
	}
	return windows;
}

/** Busy intervals widened by the buffer, sorted and merged; zero-length ones stay as split points. */
function blockedTime(busy: readonly BusyLike[] | undefined, bufMs: number): Interval[] {
	if (!busy || busy.length === 0) return [];
	const raw: Interval[] = [];
	for (const b of busy) {
		const s = toMs(b.start);
		const e = toMs(b.end);
		if (Number.isNaN(s) || Number.isNaN(e) || e < s) continue;
		raw.push([s - bufMs, e + bufMs]);
	}
	raw.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const merged: Interval[] = [];
	for (const iv of raw) {
		const last = merged[merged.length - 1];
		// Blocks that overlap or merely touch join: no slot fits between them either way.
		if (last && iv[0] <= last[1]) {
			if (iv[1] > last[1]) last[1] = iv[1];
		} else {
			merged.push([iv[0], iv[1]]);
		}
	}
	return merged;
}

/**
 * Free pieces = windows minus blocked time. A slot must fit inside one piece, so a zero-length
 * busy interval strictly inside a window splits it (a slot around that instant overlaps it).
 */
function subtract(windows: readonly Interval[], blocked: readonly Interval[]): Interval[] {
	const out: Interval[] = [];
	let j = 0;
	for (const [a, b] of windows) {
		while (j < blocked.length && blocked[j]![1] <= a) j++;
		let cur = a;
		for (let k = j; k < blocked.length; k++) {
			const [x, y] = blocked[k]!;
			if (x >= b) break;
			if (y <= cur) continue;
			if (x > cur) out.push([cur, x]);
			cur = Math.max(cur, y);
		}
		if (cur < b) out.push([cur, b]);
	}
	return out;
}

/** Pieces common to two sorted lists of disjoint pieces. */
function intersect(p: readonly Interval[], q: readonly Interval[]): Interval[] {
	const out: Interval[] = [];
	let i = 0;
	let j = 0;
	while (i < p.length && j < q.length) {
		const [a1, b1] = p[i]!;
		const [a2, b2] = q[j]!;
		const s = Math.max(a1, a2);
		const e = Math.min(b1, b2);
		if (s < e) out.push([s, e]);
		if (b1 < b2) i++;
		else j++;
	}
	return out;
}

/** Grid starts (ISO-8601 UTC) at which everyone is free for the whole duration; see the module comment. */
export function findSlots(input: FindSlotsInput): string[] {
	const prep = prepare(input);
	if (!prep) return [];
	const { loMs, hiMs, durMs, stepMs, bufMs, lastStartMs, limit, closed } = prep;
	let common: Interval[] = [[loMs, hiMs]];
	for (const person of input.people) {
		const free = subtract(workingWindows(person, loMs, hiMs), blockedTime(input.busy.get(person.id), bufMs));
		common = intersect(common, free);
		if (common.length === 0) return [];
	}
	const slots: string[] = [];
	let k = 0;
	for (const [a, b] of common) {
		for (let s = Math.ceil(a / stepMs) * stepMs; s + durMs <= b; s += stepMs) {
			// Pieces come in order: past the latest start, every later one is too.
			if (s > lastStartMs) return slots;
			// Closed stretches come in order too: skip those behind, jump over the one s is in.
			while (k < closed.length && closed[k]![1] <= s) k++;
			if (k < closed.length && closed[k]![0] <= s) {
				s = Math.ceil(closed[k]![1] / stepMs) * stepMs - stepMs;
				continue;
			}
			slots.push(new Date(s).toISOString());
			if (slots.length >= limit) return slots;
		}
	}
	return slots;
}

/**
 * The reference slot finder: every grid start is checked minute by minute against each person's
 * local wall clock and linearly against each busy interval. Slow on purpose; tests and the
 * benchmark compare `findSlots` with it. (Wall-clock reading cannot express a shift boundary that
 * falls inside a daylight-saving gap or repeated hour; both finders agree everywhere else.)
 */
export function bruteForceSlots(input: FindSlotsInput): string[] {
	const prep = prepare(input);
	if (!prep) return [];
	const { loMs, hiMs, durMs, stepMs, bufMs, lastStartMs, limit } = prep;
	const closed = (input.closedStarts ?? []).map((c): Interval => [toMs(c.start), toMs(c.end)]);
	const firstMinute = Math.floor(loMs / MINUTE_MS);
	const minutes = Math.ceil(hiMs / MINUTE_MS) - firstMinute;
	const working = input.people.map((p) => workingByMinute(p, firstMinute, minutes));
	const busy = input.people.map((p) =>
		(input.busy.get(p.id) ?? [])
			.map((b): Interval => [toMs(b.start), toMs(b.end)])
			.filter(([s, e]) => !Number.isNaN(s) && !Number.isNaN(e) && e >= s)
	);
	const slots: string[] = [];
	for (let s = Math.ceil(loMs / stepMs) * stepMs; s + durMs <= hiMs && s <= lastStartMs; s += stepMs) {
		const e = s + durMs;
		let ok = !closed.some(([cs, ce]) => cs <= s && s < ce);
		for (let p = 0; ok && p < input.people.length; p++) {
			const w = working[p]!;
			for (let m = s / MINUTE_MS - firstMinute; m < e / MINUTE_MS - firstMinute; m++) {
				if (w[m] !== 1) {
					ok = false;
					break;
				}
			}
			for (const [bs, be] of busy[p]!) {
				if (!ok) break;
				if (s < be + bufMs && bs - bufMs < e) ok = false;
			}
		}
		if (ok) {
			slots.push(new Date(s).toISOString());
			if (slots.length >= limit) break;
		}
	}
	return slots;
}

/** 1 for every minute in which the person is inside a shift, read from their local wall clock. */
function workingByMinute(person: SlotPerson, firstMinute: number, minutes: number): Uint8Array {
	const { startTime, endTime, weekdays } = person.workingHours;
	const startMin = parseHm(startTime);
	const endMin = parseHm(endTime);
	const days = new Set(weekdays);
	const out = new Uint8Array(minutes);
	if (startMin === endMin) return out;
	const QUARTER_MS = 15 * MINUTE_MS;
	let offsetQuarter = NaN;
	let offsetMin = 0;
	for (let m = 0; m < minutes; m++) {
		const t = (firstMinute + m) * MINUTE_MS;
		// Offsets change only on quarter hours of UTC in every zone in use, so one lookup per quarter.
		const q = Math.floor(t / QUARTER_MS);
		if (q !== offsetQuarter) {
			offsetQuarter = q;
			offsetMin = offsetAt(q * QUARTER_MS, person.timezone);
		}
		const local = new Date(t + offsetMin * MINUTE_MS);
		const dow = local.getUTCDay() || 7;
		const prevDow = dow === 1 ? 7 : dow - 1;
		const hm = local.getUTCHours() * 60 + local.getUTCMinutes();
		const inShift =
			endMin > startMin
				? days.has(dow) && hm >= startMin && hm < endMin
				: (days.has(dow) && hm >= startMin) || (days.has(prevDow) && hm < endMin);
		out[m] = inShift ? 1 : 0;
	}
	return out;
}
