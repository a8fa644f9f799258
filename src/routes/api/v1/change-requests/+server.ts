import type { RequestHandler } from './$types';
import { pendingChanges } from '$lib/server/candidate-changes';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';

/** GET /api/v1/change-requests — candidates' requests waiting for an admin, oldest first. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	return {
		data: (await pendingChanges(db(), actor.orgId)).map((c) => ({
			id: c.id,
			interview_id: c.interview_id,
			candidate: { id: c.candidate_id, name: c.candidate_name },
			kind: c.kind,
			reason: c.reason,
			start: c.start_at.toISOString(),
			new_start: c.new_start?.toISOString() ?? null,
			created_at: c.created_at.toISOString()
		}))
	};
});
