import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { applicationJson, queryApplications } from '$lib/server/applications';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { ApplicationsQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/** GET /api/v1/applications?cycle_id=&status=&q=&page=&page_size= (admins). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const q = readQuery(event.url, ApplicationsQuery);
	const { rows, total } = await queryApplications(db(), {
		orgId: actor.orgId,
		cycleId: q.cycle_id,
		status: q.status,
		q: q.q,
		limit: q.page_size,
		offset: (q.page - 1) * q.page_size
	});
	return { data: rows.map(applicationJson), page: q.page, page_size: q.page_size, total };
});
