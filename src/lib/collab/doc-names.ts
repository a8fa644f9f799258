/**
 * The names of the collab documents: `org:<orgId>:calendar` (generation 0), `org:<orgId>:calendar:g<N>`
 * (generation N, after N compactions, decision 69) and `interview:<interviewId>:notes`.
 */

// Ids are lower-case uuids (isUuid), so one organization or interview has exactly one document name
// per generation.
import { isUuid } from '../domain/ids';

const CALENDAR_RE = /^org:([^:]+):calendar(?::g([1-9][0-9]{0,8}))?$/;
const NOTES_RE = /^interview:([^:]+):notes$/;

/** What a document name refers to. */
export type DocRef = { kind: 'calendar'; orgId: string; generation: number } | { kind: 'notes'; interviewId: string };

function canonicalUuid(id: string, what: string): string {
	const lower = id.toLowerCase();
	if (!isUuid(lower)) throw new RangeError(`${what} must be a uuid, got ${JSON.stringify(id)}`);
	return lower;
}

/** The calendar document name of an organization, in a generation (0 until its first compaction). */
export function calendarDocName(orgId: string, generation = 0): string {
	if (!Number.isSafeInteger(generation) || generation < 0 || generation > 999_999_999)
		throw new RangeError(`generation must be a whole number, got ${generation}`);
	const base = `org:${canonicalUuid(orgId, 'orgId')}:calendar`;
	return generation === 0 ? base : `${base}:g${generation}`;
}

/** The notes document name of an interview. */
export function notesDocName(interviewId: string): string {
	return `interview:${canonicalUuid(interviewId, 'interviewId')}:notes`;
}

/** Parses a document name; null for anything that is not exactly one of the known forms. */
export function parseDocName(name: string): DocRef | null {
	const cal = CALENDAR_RE.exec(name);
	if (cal && isUuid(cal[1])) return { kind: 'calendar', orgId: cal[1], generation: cal[2] ? Number(cal[2]) : 0 };
	const notes = NOTES_RE.exec(name);
	if (notes && isUuid(notes[1])) return { kind: 'notes', interviewId: notes[1] };
	return null;
}
