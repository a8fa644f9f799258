/**
 * Working-hours questions about one person, for the scheduling form: does an interview lie inside
 * their working hours (read in their own time zone), and when is the next start that does. The slot
 * finder answers the same questions for a whole panel; these are its one-person special cases.
 */
import { findSlots, workingWindows } from './slots';
import { DAY_MS, MINUTE_MS } from './time';
import type { WorkingHours } from './types';

/** Whose hours: a zone and the weekly hours read in it. */
export interface WorkingPerson {
	timezone: string;
	workingHours: WorkingHours;
}

const toMs = (v: Date | string | number): number => (v instanceof Date ? v.getTime() : new Date(v).getTime());

/** True when [start, start + durationMin) lies inside one of the person's working shifts. */
export function isWithinWorkingHours(
	person: WorkingPerson,
	start: Date | string | number,
	durationMin: number
): boolean {
	const s = toMs(start);
	if (Number.isNaN(s) || !(durationMin > 0)) return false;
	const e = s + durationMin * MINUTE_MS;
	return workingWindows(person, s, e).some(([a, b]) => a <= s && e <= b);
}

/**
 * The first start at or after `notBefore`, on the `stepMin` grid (aligned to UTC, as the slot
 * finder's), at which a `durationMin` interview fits the person's working hours; null when there is
 * none within `horizonDays` (default 14).
 */
export function nextWorkingStart(
	person: WorkingPerson,
	opts: { notBefore: Date | string | number; durationMin: number; stepMin: number; horizonDays?: number }
): string | null {
	const from = toMs(opts.notBefore);
	if (Number.isNaN(from)) return null;
	const [first] = findSlots({
		people: [{ id: 'person', ...person }],
		busy: new Map(),
		durationMin: opts.durationMin,
		from,
		to: from + (opts.horizonDays ?? 14) * DAY_MS,
		stepMin: opts.stepMin,
		limit: 1
	});
	return first ?? null;
}
