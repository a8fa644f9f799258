/**
 * The shape of the calendar document's entries: the fields of an interview, the checks each field
 * must pass (shared by tolerant reads and strict writes), and the `lastChange` record. See
 * `calendar.ts` for the document as a whole.
 */
import * as Y from 'yjs';
import { wellFormed } from '../domain/text';
import { isIsoUtc } from '../domain/time';
import { isInterviewMode, isInterviewStatus, isInterviewType, type Interview } from '../domain/types';

/** Name of the top-level map of the calendar document. */
export const INTERVIEWS_MAP = 'interviews';
/** Key of the extra per-interview field that carries the reason of the last change. */
export const LAST_CHANGE_KEY = 'lastChange';

/** The kinds of change recorded in `lastChange`. */
export type ChangeAction = 'create' | 'update' | 'status' | 'reschedule';

/** The side channel stored with each interview: who changed it last, how, and why. */
export interface ChangeRecord {
	action: ChangeAction;
	/** The reason given (required for a cancel), else null. */
	reason: string | null;
	actor: string | null;
	/** Equals the interview's `updatedAt` when written by the same change. */
	at: string;
	/** On the original of a reschedule: the id of the new interview. */
	replacedBy?: string;
}

/** The fields an ordinary edit may change. Status, links and bookkeeping have their own helpers. */
export type InterviewPatch = Partial<
	Pick<Interview, 'start' | 'durationMin' | 'timezone' | 'type' | 'mode' | 'location' | 'round' | 'panel'>
>;

/** Thrown when a caller passes data that does not fit the schema (a bug, not a user error). */
export class CalendarError extends Error {
	override readonly name = 'CalendarError';
	constructor(
		readonly code: 'malformed',
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

/** Every field of an interview entry, in the order they are written and reported. */
export const FIELDS = [
	'id',
	'applicationId',
	'candidateId',
	'cycleId',
	'start',
	'durationMin',
	'timezone',
	'type',
	'mode',
	'location',
	'round',
	'panel',
	'status',
	'rescheduledFrom',
	'updatedBy',
	'updatedAt'
] as const satisfies readonly (keyof Interview)[];

/** Text that every store can hold: a string without NUL characters, at most `max` long. */
export const text =
	(max: number, min = 0) =>
	(v: unknown): v is string =>
		typeof v === 'string' && v.length >= min && v.length <= max && !v.includes('\u0000');
export const nonEmpty = text(100, 1);
export const nullableId = (v: unknown): boolean => v === null || nonEmpty(v);
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** An ISO UTC instant between 1970 and 9999 (what Postgres and every browser agree on). */
const instant = (v: unknown): boolean => {
	if (!isIsoUtc(v)) return false;
	const t = Date.parse(v);
	return t >= 0 && t <= LAST_INSTANT_MS;
};
/** The longest an interview may last, in minutes: longer entries are malformed and never projected. */
export const MAX_DURATION_MIN = 24 * 60;

const wholeNumber = (min: number, max: number) => (v: unknown) =>
	Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Shape checks per scalar field, shared by reads (tolerant) and writes (strict). They bound what a
 * document may hold (a day at most, a thousand rounds, text without NUL); the scheduling rules in
 * the domain then judge what is sensible.
 */
export const SCALAR_CHECKS: { [K in Exclude<keyof Interview, 'panel'>]: (v: unknown) => boolean } = {
	id: nonEmpty,
	applicationId: nonEmpty,
	candidateId: nonEmpty,
	cycleId: nonEmpty,
	start: instant,
	durationMin: wholeNumber(1, MAX_DURATION_MIN),
	timezone: text(64, 1),
	type: isInterviewType,
	mode: isInterviewMode,
	location: text(500),
	round: wholeNumber(1, 1000),
	status: isInterviewStatus,
	rescheduledFrom: nullableId,
	updatedBy: nullableId,
	updatedAt: instant
};

/** A panel as the document may hold it: at most 50 ids. */
export function isPanel(v: unknown): v is readonly string[] {
	return Array.isArray(v) && v.length <= 50 && v.every(nonEmpty);
}

/** The panel without repeats, first occurrence kept. */
export function dedupe(panel: readonly string[]): string[] {
	return [...new Set(panel)];
}

/** The `interviews` map of a calendar document. */
export function interviewsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(INTERVIEWS_MAP);
}

/** A string as every store can hold it (a lone surrogate becomes U+FFFD); anything else as it is. */
export const normalized = (v: unknown): unknown => (typeof v === 'string' ? wellFormed(v) : v);

/** The fields in which two interviews differ (panel compared as a list). */
export function changedFields(before: Interview, after: Interview): (keyof Interview)[] {
	return FIELDS.filter((f) => (f === 'panel' ? !sameList(before.panel, after.panel) : before[f] !== after[f]));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Throws a `CalendarError` naming the first field of a whole interview that does not fit the schema. */
export function assertInterview(interview: Interview): void {
	for (const field of FIELDS) {
		const v = interview[field];
		const ok = field === 'panel' ? isPanel(v) : SCALAR_CHECKS[field](v);
		if (!ok) throw new CalendarError('malformed', field, `Interview field ${field} is malformed`);
	}
}

/** Throws a `CalendarError` naming the first patch field that is malformed or not editable. */
export function assertPatch(patch: InterviewPatch): void {
	for (const [field, v] of Object.entries(patch)) {
		if (v === undefined) continue;
		const ok =
			field === 'panel'
				? isPanel(v)
				: field in SCALAR_CHECKS &&
					!['id', 'status', 'rescheduledFrom', 'updatedBy', 'updatedAt'].includes(field) &&
					SCALAR_CHECKS[field as Exclude<keyof Interview, 'panel'>](v);
		if (!ok) throw new CalendarError('malformed', field, `Patch field ${field} is malformed or not editable`);
	}
}

/** Instants are stored in one spelling (`toISOString`, with milliseconds), so strings compare like times. */
export function canonicalInstant(iso: string): string {
	return new Date(iso).toISOString();
}
