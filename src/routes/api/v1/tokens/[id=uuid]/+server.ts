import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';

/** DELETE /api/v1/tokens/{id} — revokes one of the admin's tokens at once. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const rows = await db()`update api_tokens set revoked_at = coalesce(revoked_at, now())
		where id = ${event.params.id} and user_id = ${actor.user.id} returning id`;
	if (!rows.length) throw fail.notFound('The token');
	return { id: event.params.id, revoked: true };
});
