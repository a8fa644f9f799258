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
