import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { listScorecards, scorecardInterview } from '$lib/server/scorecards';

/**
 * GET /api/v1/interviews/{id}/scorecards — admins see all; a panel interviewer sees their own, and
 * the others' only after submitting theirs (`hidden_until_you_submit`).
 */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const row = await scorecardInterview(db(), actor, event.params.id);
	return listScorecards(db(), actor, row);
});
