import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { interviewJson, queryInterviews } from '$lib/server/interviews';
import { db } from '$lib/server/runtime';

/** GET /api/v1/me/interviews — a candidate's own interviews, or those an interviewer sits on. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const filter =
		actor.role === 'candidate'
			? { orgId: actor.orgId, candidateId: actor.user.id }
			: { orgId: actor.orgId, interviewerId: actor.user.id };
	const { rows } = await queryInterviews(db(), filter);
	const data = rows.map(interviewJson);
	// A candidate sees their slot, not the panel's internal bookkeeping.
	return { data: actor.role === 'candidate' ? data.map(({ conflicts: _c, problems: _p, ...rest }) => rest) : data };
});
