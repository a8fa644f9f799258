import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, QUERY } from '$lib/server/api-docs';
import { applicationJson, queryApplications } from '$lib/server/applications';
import { requireRole } from '$lib/server/guards';

/** GET /api/v1/applications?cycle_id=&status=&q=&page=&page_size= (admins). */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listApplications',
		tag: 'Applications',
		summary: 'Applications, filtered and paged',
		description: '`q` matches the candidate’s name or email. Sorted by candidate name.',
		access: ['admin'],
		who: 'Admins.',
		query: S.ApplicationsQuery,
		responses: { 200: { description: 'One page of applications.', schema: S.ApplicationPage } },
		errors: { ...AUTH, ...QUERY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const q = input.query();
		const { rows, total } = await queryApplications(event.locals.ctx.sql, {
			orgId: actor.orgId,
			cycleId: q.cycle_id,
			status: q.status,
			q: q.q,
			limit: q.page_size,
			offset: (q.page - 1) * q.page_size
		});
		return { data: rows.map(applicationJson), page: q.page, page_size: q.page_size, total };
	}
);
