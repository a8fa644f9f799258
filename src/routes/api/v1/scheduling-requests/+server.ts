import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { db, runtime } from '$lib/server/runtime';
import { NewSchedulingRequestBody } from '$lib/server/schemas';
import { createRequest, requestJson, requestOfOrg, requestsOfOrg } from '$lib/server/self-scheduling';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/scheduling-requests — the organization's scheduling requests, newest first. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const now = new Date();
	return { data: (await requestsOfOrg(db(), actor.orgId)).map((r) => requestJson(r, now)) };
});

/** POST /api/v1/scheduling-requests — asks a candidate to pick their interview time; emails them the link. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const b = await readJson(event.request, NewSchedulingRequestBody);
	const made = await createRequest(
		{ sql: db(), bus: runtime().bus },
		actor,
		{
			applicationId: b.application_id,
			round: b.round,
			panel: [...new Set(b.panel)],
			pool: { members: b.pool, count: b.pool_count },
			durationMin: b.duration_min,
			type: b.type,
			mode: b.mode,
			location: b.location,
			windowStart: new Date(b.window_start),
			windowEnd: new Date(b.window_end),
			deadline: b.deadline ? new Date(b.deadline) : null
		},
		runtime().origin ?? event.url.origin
	);
	const row = await requestOfOrg(db(), actor.orgId, made.id);
	return json({ ...requestJson(row!), url: made.url, expires_at: made.expiresAt.toISOString() }, { status: 201 });
});
