import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { interviewJson, queryInterviews } from '$lib/server/interviews';
import { db } from '$lib/server/runtime';
import { PageQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/** GET /api/v1/candidates/{id}/interviews — every interview of one candidate, paged (admins). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const [member] =
		await db()`select 1 from memberships where user_id = ${event.params.id} and org_id = ${actor.orgId} and role = 'candidate'`;
	if (!member) throw fail.notFound('The candidate');
	const { page, page_size } = readQuery(event.url, PageQuery);
	const { rows, total } = await queryInterviews(db(), {
		orgId: actor.orgId,
		candidateId: event.params.id,
		limit: page_size,
		offset: (page - 1) * page_size
	});
	return { data: rows.map(interviewJson), page, page_size, total };
});
