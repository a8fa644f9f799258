/**
 * Where the full demo's interviews go: a pure, deterministic placement of "wishes" (a day counted in
 * business days from today, a preferred wall time in the organization's zone, a panel, a length)
 * onto real instants, so the demo always looks current (decision "The full demo: a core the tests
 * keep, the rest placed relative to today, and a history rather than news"). Each interview lands on the business day asked for (never a weekend in the organization's
 * zone), at the first start from its preferred time on, on a quarter-hour, that lies inside every
 * panel member's working hours and the candidate's hours, each read in their own zone (so it stays
 * right across daylight-saving changes), and that overlaps nobody's other interview. A wish that
 * `clashesWith` another is the exception: it is put over that interview on purpose, sharing a panel
 * member, as two coordinators booking apart would (a conflict for the admin to resolve).
 *
 * No randomness: the same `now` gives the same calendar. `schedule.test.ts` checks, for arbitrary
 * dates, that every wish is placed and every rule holds.
 */
import { isWithinWorkingHours, type WorkingPerson } from '../../src/lib/domain/availability';
import { addDaysToYmd, isoWeekdayOfYmd, MINUTE_MS, zonedDate, zonedWallTimeToUtc } from '../../src/lib/domain/time';

/** One interview to place. People are named by keys of `PlaceInput.people`. */
export interface Wish {
	key: string;
	candidate: string;
	panel: readonly string[];
	/** Business days from today in the organization's zone: negative took place, positive is ahead (never 0). */
	day: number;
	/** The preferred start, `HH:MM` in the organization's zone. */
	at: string;
	durationMin: number;
	/** False for a cancelled interview: it held nobody's time. */
	holdsTime: boolean;
	/** The key of an interview placed before this one that this one double-books on purpose. */
	clashesWith?: string;
}

/** An interview whose time is already set (the core demo's), as busy time. */
export interface FixedInterview {
	start: string;
	durationMin: number;
	people: readonly string[];
}

export interface PlaceInput {
	now: Date;
	orgZone: string;
	/** Every person's zone and hours by key: interviewers their own, candidates the candidate hours. */
	people: ReadonlyMap<string, WorkingPerson>;
	/** The earliest start ahead of `now` a booking may have (the policy's minimum notice). */
	minNoticeMin: number;
	fixed: readonly FixedInterview[];
	wishes: readonly Wish[];
}

/** Spacing of the starts tried. */
export const STEP_MIN = 15;
/** The org-zone wall times a start is looked for in (the candidate hours' widest span). */
const FIRST_START = '07:00';
const LAST_START = '20:00';

/** The n-th business day (Monday to Friday) from today in `zone`; negative counts back. */
export function businessDay(now: Date, n: number, zone: string): string {
	let ymd = zonedDate(now, zone);
	const step = n >= 0 ? 1 : -1;
	for (let left = Math.abs(n); left > 0;) {
		ymd = addDaysToYmd(ymd, step);
		if (isoWeekdayOfYmd(ymd) <= 5) left--;
	}
	return ymd;
}

interface Busy {
	key: string;
	startMs: number;
	endMs: number;
}

const minuteOfDay = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * The starts tried for a wish on `ymd`: from its preferred time to the last start, then from the
 * first start up to it, a step apart. Counted from the first start's instant: zones change their
 * offset at night, outside these hours, and `fits` checks the instants themselves anyway.
 */
function startsOn(ymd: string, at: string, zone: string): number[] {
	const first = zonedWallTimeToUtc(ymd, FIRST_START, zone).getTime();
	const count = (minuteOfDay(LAST_START) - minuteOfDay(FIRST_START)) / STEP_MIN + 1;
	const pref = Math.max(0, Math.min(count - 1, Math.floor((minuteOfDay(at) - minuteOfDay(FIRST_START)) / STEP_MIN)));
	const order = [...Array(count).keys()].map((k) => (k + pref) % count);
	return order.map((k) => first + k * STEP_MIN * MINUTE_MS);
}

/** The starts tried for a planned clash: a step into the interview it clashes with, on it, a step before, and so on. */
function startsOver(target: Busy): number[] {
	const out = [target.startMs + STEP_MIN * MINUTE_MS, target.startMs];
	for (let j = 1; j <= 8; j++)
		out.push(target.startMs - j * STEP_MIN * MINUTE_MS, target.startMs + (j + 1) * STEP_MIN * MINUTE_MS);
	return out;
}

/** Places every wish; returns each one's start (ISO-8601 UTC) by key. Throws when one has no room. */
export function placeDemo(input: PlaceInput): Map<string, string> {
	const { now, orgZone, people, wishes } = input;
	const busy = new Map<string, Busy[]>();
	const hold = (person: string, b: Busy) => {
		const list = busy.get(person);
		if (list) list.push(b);
		else busy.set(person, [b]);
	};
	input.fixed.forEach((f, i) => {
		const startMs = Date.parse(f.start);
		for (const p of f.people) hold(p, { key: `fixed:${i}`, startMs, endMs: startMs + f.durationMin * MINUTE_MS });
	});
	const placed = new Map<string, string>();
	const spans = new Map<string, Busy>();
	const notBeforeMs = now.getTime() + input.minNoticeMin * MINUTE_MS;

	for (const wish of wishes) {
		if (wish.day === 0 || placed.has(wish.key)) throw new Error(`demo interview ${wish.key}: bad or repeated wish`);
		const whom = [...wish.panel, wish.candidate];
		for (const p of whom) if (!people.has(p)) throw new Error(`demo interview ${wish.key}: unknown person ${p}`);
		const target = (wish.clashesWith === undefined ? null : spans.get(wish.clashesWith)) ?? null;
		if (wish.clashesWith !== undefined && !target) throw new Error(`demo interview ${wish.key}: clashes with nothing`);
		const durMs = wish.durationMin * MINUTE_MS;
		const fits = (startMs: number): boolean => {
			const endMs = startMs + durMs;
			if (wish.day > 0 ? startMs < notBeforeMs : endMs > now.getTime()) return false;
			if (target && !(startMs < target.endMs && target.startMs < endMs)) return false;
			for (const p of whom) {
				if (!isWithinWorkingHours(people.get(p)!, startMs, wish.durationMin)) return false;
				if (!wish.holdsTime) continue;
				for (const b of busy.get(p) ?? []) {
					if (b.key === target?.key) continue;
					if (startMs < b.endMs && b.startMs < endMs) return false;
				}
			}
			return true;
		};
		const ymd = businessDay(now, wish.day, orgZone);
		const startMs = (target ? startsOver(target) : startsOn(ymd, wish.at, orgZone)).find(
			(ms) => zonedDate(ms, orgZone) === ymd && fits(ms)
		);
		if (startMs === undefined) throw new Error(`demo interview ${wish.key}: no room on ${ymd}`);
		const span = { key: wish.key, startMs, endMs: startMs + durMs };
		spans.set(wish.key, span);
		if (wish.holdsTime) for (const p of whom) hold(p, span);
		placed.set(wish.key, new Date(startMs).toISOString());
	}
	return placed;
}
