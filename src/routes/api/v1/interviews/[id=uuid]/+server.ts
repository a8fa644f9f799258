import type { RequestHandler } from './$types';
import { visibleInterview } from '$lib/server/access';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { findInterview, interviewJson } from '$lib/server/interviews';
import { db } from '$lib/server/runtime';
import { editInterview } from '$lib/server/scheduling';
import { PatchInterviewBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/interviews/{id} */
export const GET: RequestHandler = endpoint(async (event) => {
	const { row } = await visibleInterview(event, event.params.id);
	return interviewJson(row);
});

/**
 * PATCH /api/v1/interviews/{id} — edits; a new start is a reschedule (admins). Also repairs a damaged
 * calendar entry ("needs repair"): the fields sent, over what still reads and the last stored state.
 */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const body = await readJson(event.request, PatchInterviewBody);
	const { reason, duration_min, ...rest } = body;
	await editInterview(
		actor.orgId,
		actor.user.id,
		event.params.id,
		{ ...rest, ...(duration_min !== undefined ? { durationMin: duration_min } : {}) },
		reason ?? null
	);
	const row = await findInterview(db(), actor.orgId, event.params.id);
	if (!row) throw fail.notFound('The interview');
	return interviewJson(row);
});
