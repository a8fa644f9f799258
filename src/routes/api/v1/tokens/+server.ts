import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { generateToken, hashToken } from '$lib/server/auth';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { NewApiTokenBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/tokens — the admin's personal API tokens (never the secrets). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const rows = await db()<
		{ id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }[]
	>`
		select id, name, created_at, last_used_at, revoked_at from api_tokens
		where user_id = ${actor.user.id} and org_id = ${actor.orgId} order by created_at desc`;
	return { data: rows };
});

/** POST /api/v1/tokens — creates a token; its secret is shown in this answer only. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	// A token cannot mint more tokens: creating one needs a signed-in session.
	if (event.locals.apiToken)
		throw fail.forbidden('Create API tokens from a signed-in session, not with another token.');
	const { name } = await readJson(event.request, NewApiTokenBody);
	const token = `prl_${generateToken()}`;
	const [row] = await db()<{ id: string; created_at: Date }[]>`
		insert into api_tokens (token_hash, user_id, org_id, name) values (${hashToken(token)}, ${actor.user.id}, ${actor.orgId}, ${name})
		returning id, created_at`;
	return json({ id: row!.id, name, token, created_at: row!.created_at.toISOString() }, { status: 201 });
});
