import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { MEMBER, QUERY } from '$lib/server/api-docs';
import { requireUser } from '$lib/server/guards';
import { interviewJson, queryInterviews } from '$lib/server/interviews';

/** GET /api/v1/me/interviews?page=&page_size= — a candidate's own interviews, or those an interviewer sits on. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'myInterviews',
		tag: 'Me',
		summary: 'My interviews',
		description:
			'A candidate gets their own interviews, without `conflicts` and `problems`; anybody else the interviews whose panel they sit on. Paged.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Any member of an organization.',
		query: S.PageQuery,
		responses: { 200: { description: 'The interviews, earliest first.', schema: S.MyInterviewsResponse } },
		errors: { ...MEMBER, ...QUERY }
	},
	async (event, input) => {
		const actor = requireUser(event);
		const filter =
			actor.role === 'candidate'
				? { orgId: actor.orgId, candidateId: actor.user.id }
				: { orgId: actor.orgId, interviewerId: actor.user.id };
		const { page, page_size } = input.query();
		const { rows, total } = await queryInterviews(event.locals.ctx.sql, {
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
	}
);
