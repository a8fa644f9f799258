import type { RequestHandler } from './$types';
import { ownLimitAnswer, setOwnLoadLimit } from '$lib/server/calendar-rules';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { OwnLoadLimitBody } from '$lib/server/rules-schemas';
import { db } from '$lib/server/runtime';
import { readJson } from '$lib/server/validate';

/** PUT /api/v1/load/interviewers/{id} — an interviewer's own limits (admins for anyone, interviewers for themselves). */
export const PUT: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const body = await readJson(event.request, OwnLoadLimitBody);
	const own = {
		...(body.per_day !== undefined ? { perDay: body.per_day } : {}),
		...(body.per_week !== undefined ? { perWeek: body.per_week } : {})
	};
	const id = event.params.id.toLowerCase();
	await setOwnLoadLimit(db(), actor, id, own);
	return ownLimitAnswer(db(), actor.orgId, id);
});
