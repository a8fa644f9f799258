import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { finalizeScorecards, listScorecards, scorecardInterview } from '$lib/server/scorecards';

/** POST /api/v1/interviews/{id}/finalize — an admin freezes the interview's scorecards (idempotent). */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const row = await scorecardInterview(db(), actor, event.params.id);
	await finalizeScorecards(db(), actor, row);
	return listScorecards(db(), actor, row);
});
