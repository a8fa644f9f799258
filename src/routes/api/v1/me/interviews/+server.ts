import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { interviewJson, queryInterviews } from '$lib/server/interviews';
import { db } from '$lib/server/runtime';
import { PageQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/** GET /api/v1/me/interviews?page=&page_size= — a candidate's own interviews, or those an interviewer sits on. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const filter =
		actor.role === 'candidate'
			? { orgId: actor.orgId, candidateId: actor.user.id }
			: { orgId: actor.orgId, interviewerId: actor.user.id };
	const { page, page_size } = readQuery(event.url, PageQuery);
	const { rows, total } = await queryInterviews(db(), {
		...filter,
		limit: page_size,
		offset: (page - 1) * page_size
	});
	const data = rows.map(interviewJson);
	return {
		// A candidate sees their slot, not the panel's internal bookkeeping.
		data: actor.role === 'candidate' ? data.map(({ conflicts: _c, problems: _p, ...rest }) => rest) : data,
		page,
		page_size,
		total
	};
});
