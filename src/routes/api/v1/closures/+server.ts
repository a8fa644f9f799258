import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { addClosure, closureJson, listClosures } from '$lib/server/calendar-rules';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { NewClosureBody } from '$lib/server/rules-schemas';
import { db } from '$lib/server/runtime';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/closures — the organization's holidays and blackout dates. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const [org] = await db()<{ timezone: string }[]>`select timezone from organizations where id = ${actor.orgId}`;
	return { data: (await listClosures(db(), actor.orgId)).map(closureJson), timezone: org?.timezone ?? 'UTC' };
});

/** POST /api/v1/closures — adds a holiday or blackout; the judge and the slot finder respect it at once. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const body = await readJson(event.request, NewClosureBody);
	const created = await addClosure(db(), actor, {
		kind: body.kind,
		name: body.name,
		startDate: body.start_date,
		endDate: body.end_date
	});
	return json(closureJson(created), { status: 201 });
});
