import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { pendingChanges } from '$lib/server/candidate-changes';
import { requireRole } from '$lib/server/guards';

/** GET /api/v1/change-requests — candidates' requests waiting for an admin, oldest first. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listChangeRequests',
		tag: 'Change requests',
		summary: 'Candidates’ requests waiting for an admin',
		description: 'Oldest first.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The waiting requests.', schema: S.ChangeRequestList } },
		errors: { ...AUTH }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		return {
			data: (await pendingChanges(event.locals.ctx.sql, actor.orgId)).map((c) => ({
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
	}
);
