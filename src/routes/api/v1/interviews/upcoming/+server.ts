import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { interviewJson, queryInterviews } from '$lib/server/interviews';
import { db } from '$lib/server/runtime';
import { UpcomingQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/** GET /api/v1/interviews/upcoming?days_ahead=7 — active interviews from now on. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const { days_ahead, page, page_size } = readQuery(event.url, UpcomingQuery);
	const now = new Date();
	const { rows, total } = await queryInterviews(db(), {
		limit: page_size,
		offset: (page - 1) * page_size,
		orgId: actor.orgId,
		status: ['scheduled', 'in_progress'],
		from: now,
		to: new Date(now.getTime() + days_ahead * 86400_000),
		interviewerId: actor.role === 'interviewer' ? actor.user.id : undefined
	});
	return { data: rows.map(interviewJson), page, page_size, total, days_ahead };
});
