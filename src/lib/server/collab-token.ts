/** Short-lived tokens a signed-in user hands to the collab-server (stored hashed). */
import type { Sql } from '../../../db/client';
import { generateToken, hashToken } from './auth';

export const COLLAB_TOKEN_TTL_MS = 10 * 60_000;

/**
 * Issues a collab token for the user and prunes expired ones. Given an organization, the token opens
 * only that organization's documents (what the request that asked for it could reach).
 */
export async function issueCollabToken(
	sql: Sql,
	userId: string,
	orgId: string | null = null
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(Date.now() + COLLAB_TOKEN_TTL_MS);
	await sql`delete from collab_tokens where expires_at < now()`;
	await sql`insert into collab_tokens (token_hash, user_id, org_id, expires_at)
		values (${hashToken(token)}, ${userId}, ${orgId}, ${expiresAt})`;
	return { token, expiresAt };
}
