import type { RequestHandler } from './$types';
import { decideChange } from '$lib/server/candidate-changes';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { db, runtime } from '$lib/server/runtime';
import { DecideChangeBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** POST /api/v1/change-requests/{id}/decide — approve (the change is made, judged again) or decline. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const body = await readJson(event.request, DecideChangeBody);
	const status = await decideChange({ sql: db(), kind: runtime().db.kind }, actor, event.params.id, {
		approve: body.approve,
		note: body.note?.trim() || null
	});
	return { id: event.params.id, status };
});
