import type { RequestHandler } from './$types';
import { revokeApiToken } from '$lib/server/api-tokens';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db, runtime } from '$lib/server/runtime';

/** DELETE /api/v1/tokens/{id} — revokes one of the admin's tokens in this organization at once. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	if (!(await revokeApiToken({ sql: db(), bus: runtime().bus }, actor.user.id, actor.orgId, event.params.id)))
		throw fail.notFound('The token');
	return { id: event.params.id, revoked: true };
});
