/**
 * A person's own working hours: checking the hours someone asks for, and the hours scheduling reads
 * them in (their own, else their organization's default from the policy).
 *
 * The rules follow the slot finder (`slots.ts`): weekdays are ISO weekdays (Monday = 1 … Sunday = 7)
 * on which a shift STARTS; times are local wall times `HH:MM`; an end earlier than the start runs
 * into the next day (22:00–06:00 is a night shift), `24:00` is midnight at the end of the day. A
 * shift shorter than the shortest interview could never host one, so it is refused.
 */
import { isWallTime } from './policy';
import type { WorkingHours } from './types';

/**
 * A candidate's hours: candidates set none, so any reasonable local daytime suits them, every day,
 * read in their own zone (else their organization's). The judge warns outside them and the slot
 * finder offers nothing outside them.
 */
export const CANDIDATE_HOURS: Readonly<WorkingHours> = Object.freeze({
	startTime: '08:00',
	endTime: '20:00',
	weekdays: Object.freeze([1, 2, 3, 4, 5, 6, 7])
});

/** The shortest shift accepted: the policy's shortest interview by default. */
export const MIN_SHIFT_MIN = 15;
const DAY_MIN = 24 * 60;

/** The fields a problem is reported on, named as the API names them. */
export type WorkingHoursField = 'weekdays' | 'start_time' | 'end_time';

/** The outcome of `validateWorkingHours`: tidy hours, or a problem per field. */
export type WorkingHoursCheck =
	{ ok: true; value: WorkingHours } | { ok: false; errors: Partial<Record<WorkingHoursField, string>> };

function minutesOf(hm: string): number {
	return Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
}

/**
 * Minutes from start to end of one shift, as the slot finder reads it: an end before the start is on
 * the next day; an equal start and end is no shift at all (0).
 */
export function shiftLengthMin(startTime: string, endTime: string): number {
	const start = minutesOf(startTime);
	const end = minutesOf(endTime);
	if (end === start) return 0;
	return end > start ? end - start : end + DAY_MIN - start;
}

/**
 * Checks a person's working hours (shape of `WorkingHours`, from a form or the API) and returns them
 * tidied (weekdays without repeats, in order), or a message per field that is wrong.
 */
export function validateWorkingHours(input: unknown): WorkingHoursCheck {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { ok: false, errors: { weekdays: 'is required', start_time: 'is required', end_time: 'is required' } };
	}
	const o = input as Partial<Record<keyof WorkingHours, unknown>>;
	const errors: Partial<Record<WorkingHoursField, string>> = {};

	let weekdays: number[] = [];
	if (!Array.isArray(o.weekdays)) errors.weekdays = 'must be a list of weekdays';
	else if (!o.weekdays.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7))
		errors.weekdays = 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)';
	else if (o.weekdays.length === 0) errors.weekdays = 'must name at least one day';
	else weekdays = [...new Set(o.weekdays as number[])].sort((a, b) => a - b);

	// A shift starts within a day; 24:00 only closes one.
	const startOk = isWallTime(o.startTime) && o.startTime !== '24:00';
	if (!startOk) errors.start_time = 'must be a time HH:MM from 00:00 to 23:59';
	const endOk = isWallTime(o.endTime);
	if (!endOk) errors.end_time = 'must be a time HH:MM from 00:00 to 24:00';
	if (startOk && endOk && shiftLengthMin(o.startTime as string, o.endTime as string) < MIN_SHIFT_MIN) {
		errors.end_time = `must be at least ${MIN_SHIFT_MIN} minutes after the start (an end before the start is on the next day)`;
	}

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { startTime: o.startTime as string, endTime: o.endTime as string, weekdays } };
}

/**
 * The hours scheduling reads a person in: their own when they set valid ones, else the
 * organization's default. Stored hours that no longer pass the check fall back to the default
 * rather than hide the person from every slot.
 */
export function effectiveWorkingHours(own: unknown, orgDefault: WorkingHours): WorkingHours {
	if (own === null || own === undefined) return orgDefault;
	const checked = validateWorkingHours(own);
	return checked.ok ? checked.value : orgDefault;
}
