/** Short-lived tokens a signed-in user hands to the collab-server (stored hashed). */
import type { Sql } from '../../../db/client';
import { generateToken, hashToken } from './auth';

export const COLLAB_TOKEN_TTL_MS = 10 * 60_000;

/**
 * The credential a collab token was fetched with, and lives no longer than: the session of a signed-in
 * browser, or an API token.
 */
export type CollabCredential = { sessionId: string } | { apiTokenId: string };

/**
 * Issues a collab token for the user and prunes expired ones. Given an organization, the token opens
 * only that organization's documents (what the request that asked for it could reach). It is bound to
 * the credential of that request: signing out, the session ending or the API token being revoked
 * refuses it, and closes the connections opened with it (collab-server/revocation.ts).
 */
export async function issueCollabToken(
	sql: Sql,
	userId: string,
	orgId: string | null,
	credential: CollabCredential
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(Date.now() + COLLAB_TOKEN_TTL_MS);
	const sessionId = 'sessionId' in credential ? credential.sessionId : null;
	const apiTokenId = 'apiTokenId' in credential ? credential.apiTokenId : null;
	await sql`delete from collab_tokens where expires_at < now()`;
	await sql`insert into collab_tokens (token_hash, user_id, org_id, expires_at, session_id, api_token_id)
		values (${hashToken(token)}, ${userId}, ${orgId}, ${expiresAt}, ${sessionId}, ${apiTokenId})`;
	return { token, expiresAt };
}
