import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, QUERY } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { interviewJson, queryInterviews } from '$lib/server/interviews';
import { requireCandidate } from '$lib/server/users';

/** GET /api/v1/candidates/{id}/interviews — every interview of one candidate, paged (admins). */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'candidateInterviews',
		tag: 'Candidates',
		summary: 'Every interview of one candidate',
		description: 'Paged.',
		access: ['admin'],
		who: 'Admins.',
		query: S.PageQuery,
		responses: { 200: { description: 'The interviews, earliest first.', schema: S.InterviewPage } },
		errors: { ...AUTH, ...QUERY, 404: 'No such candidate in your organization.' }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		await requireCandidate(event.locals.ctx.sql, actor.orgId, event.params.id);
		const { page, page_size } = input.query();
		const { rows, total } = await queryInterviews(event.locals.ctx.sql, {
			orgId: actor.orgId,
			candidateId: event.params.id,
			limit: page_size,
			offset: (page - 1) * page_size
		});
		return { data: rows.map(interviewJson), page, page_size, total };
	}
);
