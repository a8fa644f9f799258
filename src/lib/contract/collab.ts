/**
 * What the collab-server tells a client that it refuses or closes, and the client acts on: the
 * refusal reasons of authentication (sent as Hocuspocus' permission-denied reason) and the close of a
 * connection whose access was revoked.
 */

/** Named refusal reasons of the collab-server's authentication. */
export const COLLAB_REFUSAL = {
	/** A token it does not know or that expired. Not final: a fresh token may well be accepted. */
	badToken: 'invalid-or-expired-token',
	/** A document name that names no document. */
	badName: 'unknown-document',
	/** A document the person may not open. */
	forbidden: 'forbidden'
} as const;
export type CollabRefusal = (typeof COLLAB_REFUSAL)[keyof typeof COLLAB_REFUSAL];

/** The close a notes connection gets when its person lost access (left the panel). */
export const ACCESS_REVOKED = { code: 4403, reason: 'access-revoked' } as const;

/**
 * The close a connection gets when its update would make the document larger than the server keeps
 * (`COLLAB_MAX_DOCUMENT_BYTES`, decision 87). The update is not applied; sent again, it is refused again.
 */
export const DOCUMENT_FULL = { code: 4413, reason: 'document-full' } as const;

/**
 * The stateless message a client of a replaced calendar generation gets (decision 69): the live
 * calendar is generation `generation`; `refused` names interviews whose edits it sent were refused
 * because they were archived meanwhile.
 */
export const CALENDAR_MOVED = 'calendar.moved';
export interface CalendarMoved {
	type: typeof CALENDAR_MOVED;
	generation: number;
	refused: string[];
}

/** Reads a stateless payload as a `CalendarMoved`, or null. */
export function parseCalendarMoved(payload: string): CalendarMoved | null {
	try {
		const m = JSON.parse(payload) as Partial<CalendarMoved> | null;
		if (m?.type !== CALENDAR_MOVED || !Number.isSafeInteger(m.generation) || (m.generation as number) < 1) return null;
		const refused = Array.isArray(m.refused) ? m.refused.filter((id): id is string => typeof id === 'string') : [];
		return { type: CALENDAR_MOVED, generation: m.generation as number, refused };
	} catch {
		return null;
	}
}
