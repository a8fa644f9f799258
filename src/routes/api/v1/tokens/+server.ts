import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { createApiToken, listApiTokens } from '$lib/server/api-tokens';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { NewApiTokenBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/tokens — the admin's personal API tokens (never the secrets). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	return { data: await listApiTokens(db(), actor.user.id, actor.orgId) };
});

/** POST /api/v1/tokens — creates a token; its secret is shown in this answer only. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	// A token cannot mint more tokens: creating one needs a signed-in session.
	if (event.locals.apiToken)
		throw fail.forbidden('Create API tokens from a signed-in session, not with another token.');
	const { name } = await readJson(event.request, NewApiTokenBody);
	const created = await createApiToken(db(), actor.user.id, actor.orgId, name);
	return json({ ...created, created_at: created.created_at.toISOString() }, { status: 201 });
});
