import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, QUERY } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { interviewJson, queryInterviews } from '$lib/server/interviews';

/** GET /api/v1/interviews/upcoming?days_ahead=7 — active interviews from now on. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'upcomingInterviews',
		tag: 'Interviews',
		summary: 'Active interviews of the next days',
		description: 'Scheduled or in progress, from now to `days_ahead` days ahead. Paged.',
		access: ['admin', 'interviewer'],
		who: 'Admins see the organization’s; interviewers those whose panel they sit on.',
		query: S.UpcomingQuery,
		responses: { 200: { description: 'The interviews, earliest first.', schema: S.UpcomingResponse } },
		errors: { ...AUTH, ...QUERY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		const { days_ahead, page, page_size } = input.query();
		const now = new Date();
		const { rows, total } = await queryInterviews(event.locals.ctx.sql, {
			limit: page_size,
			offset: (page - 1) * page_size,
			orgId: actor.orgId,
			status: ['scheduled', 'in_progress'],
			from: now,
			to: new Date(now.getTime() + days_ahead * 86400_000),
			interviewerId: actor.role === 'interviewer' ? actor.user.id : undefined
		});
		return { data: rows.map(interviewJson), page, page_size, total, days_ahead };
	}
);
