/** The names of the collab documents: `org:<orgId>:calendar` and `interview:<interviewId>:notes`. */

// Ids are lower-case uuids (isUuid), so one organization or interview has exactly one document name.
import { isUuid } from '../domain/ids';

const CALENDAR_RE = /^org:([^:]+):calendar$/;
const NOTES_RE = /^interview:([^:]+):notes$/;

/** What a document name refers to. */
export type DocRef = { kind: 'calendar'; orgId: string } | { kind: 'notes'; interviewId: string };

function canonicalUuid(id: string, what: string): string {
	const lower = id.toLowerCase();
	if (!isUuid(lower)) throw new RangeError(`${what} must be a uuid, got ${JSON.stringify(id)}`);
	return lower;
}

/** The calendar document name of an organization. */
export function calendarDocName(orgId: string): string {
	return `org:${canonicalUuid(orgId, 'orgId')}:calendar`;
}

/** The notes document name of an interview. */
export function notesDocName(interviewId: string): string {
	return `interview:${canonicalUuid(interviewId, 'interviewId')}:notes`;
}

/** Parses a document name; null for anything that is not exactly one of the two known forms. */
export function parseDocName(name: string): DocRef | null {
	const cal = CALENDAR_RE.exec(name);
	if (cal && isUuid(cal[1])) return { kind: 'calendar', orgId: cal[1] };
	const notes = NOTES_RE.exec(name);
	if (notes && isUuid(notes[1])) return { kind: 'notes', interviewId: notes[1] };
	return null;
}
