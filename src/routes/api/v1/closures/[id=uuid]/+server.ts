import type { RequestHandler } from './$types';
import { removeClosure } from '$lib/server/calendar-rules';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';

/** DELETE /api/v1/closures/{id} — removes a holiday or blackout date. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	if (!(await removeClosure(db(), actor, event.params.id))) throw fail.notFound('The closure');
	return { id: event.params.id, removed: true };
});
