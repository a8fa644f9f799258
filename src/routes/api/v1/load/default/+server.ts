import type { RequestHandler } from './$types';
import { limitJson, setDefaultLoadLimit } from '$lib/server/calendar-rules';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { LoadLimitBody } from '$lib/server/rules-schemas';
import { db } from '$lib/server/runtime';
import { readJson } from '$lib/server/validate';

/** PUT /api/v1/load/default — the organization's default limits for interviewers who set none. */
export const PUT: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const body = await readJson(event.request, LoadLimitBody);
	return limitJson(await setDefaultLoadLimit(db(), actor, { perDay: body.per_day, perWeek: body.per_week }));
});
