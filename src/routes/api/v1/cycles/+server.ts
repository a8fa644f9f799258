import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';

/** GET /api/v1/cycles — the organization's admission cycles or job openings. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const rows = await db()<{ id: string; name: string; starts_on: Date; ends_on: Date; status: string }[]>`
		select id, name, starts_on, ends_on, status from cycles where org_id = ${actor.orgId} order by starts_on desc`;
	return {
		data: rows.map((c) => ({
			...c,
			starts_on: c.starts_on.toISOString().slice(0, 10),
			ends_on: c.ends_on.toISOString().slice(0, 10)
		}))
	};
});
