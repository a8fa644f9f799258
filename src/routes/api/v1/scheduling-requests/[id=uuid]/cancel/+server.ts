import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { cancelRequest } from '$lib/server/self-scheduling';

/** POST /api/v1/scheduling-requests/{id}/cancel — withdraws an open request; its link says so from now on. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	if (!(await cancelRequest(db(), actor, event.params.id))) throw fail.notFound('An open scheduling request');
	return { id: event.params.id, state: 'cancelled' };
});
