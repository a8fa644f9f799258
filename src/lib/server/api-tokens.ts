/**
 * Personal API tokens of admins: `prl_` + a random token, stored as SHA-256 only, bound to the
 * organization they were created in. Used by /api/v1/tokens and the settings page.
 */
import type { Sql } from '../../../db/client';
import { announceAccessChange, type AccessDeps } from './access-change';
import { generateToken, hashToken } from './auth';

export interface ApiTokenRow {
	id: string;
	name: string;
	created_at: Date;
	last_used_at: Date | null;
	revoked_at: Date | null;
}

/** The admin's tokens in one organization, newest first (never the secrets). */
export function listApiTokens(sql: Sql, userId: string, orgId: string): Promise<ApiTokenRow[]> {
	return sql<ApiTokenRow[]>`
		select id, name, created_at, last_used_at, revoked_at from api_tokens
		where user_id = ${userId} and org_id = ${orgId} order by created_at desc`;
}

/** How precisely a token's "last used" is kept, in seconds. */
export const TOKEN_USE_PRECISION_S = 60;

/**
 * The live token with this secret, noting its use to the minute: a client calling many times a
 * minute writes "last used" once, and every other request stays a read (nothing to commit).
 */
export async function useApiToken(
	sql: Sql,
	token: string
): Promise<{ id: string; user_id: string; org_id: string } | null> {
	const [row] = await sql<{ id: string; user_id: string; org_id: string }[]>`
		with found as (
			select id, user_id, org_id, last_used_at from api_tokens
			where token_hash = ${hashToken(token)} and revoked_at is null
		), used as (
			update api_tokens t set last_used_at = now() from found
			where t.id = found.id
				and (found.last_used_at is null or found.last_used_at < now() - make_interval(secs => ${TOKEN_USE_PRECISION_S}))
		)
		select id, user_id, org_id from found`;
	return row ?? null;
}

/** Creates a token; the secret is returned here once and never stored. */
export async function createApiToken(
	sql: Sql,
	userId: string,
	orgId: string,
	name: string
): Promise<{ id: string; name: string; token: string; created_at: Date }> {
	const token = `prl_${generateToken()}`;
	const [row] = await sql<{ id: string; created_at: Date }[]>`
		insert into api_tokens (token_hash, user_id, org_id, name) values (${hashToken(token)}, ${userId}, ${orgId}, ${name})
		returning id, created_at`;
	return { id: row!.id, name, token, created_at: row!.created_at };
}

/**
 * Revokes one of the admin's tokens in this organization at once, with the collab tokens fetched with
 * it, and closes the collab connections they opened; false when there is none such.
 */
export async function revokeApiToken(deps: AccessDeps, userId: string, orgId: string, id: string): Promise<boolean> {
	const rows = await deps.sql.begin(async (tx) => {
		const revoked = await tx`update api_tokens set revoked_at = coalesce(revoked_at, now())
			where id = ${id} and user_id = ${userId} and org_id = ${orgId} returning id`;
		if (revoked.length) await tx`delete from collab_tokens where api_token_id = ${id}`;
		return revoked;
	});
	if (rows.length) await announceAccessChange(deps.bus, [userId], orgId);
	return rows.length > 0;
}
