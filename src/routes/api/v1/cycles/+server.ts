import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { listCycles } from '$lib/server/applications';
import { requireRole } from '$lib/server/guards';

/** GET /api/v1/cycles — the organization's admission cycles or job openings. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listCycles',
		tag: 'Cycles',
		summary: 'Admission cycles or job openings',
		description: 'The cycles of the organization that applications belong to, newest start first.',
		access: ['admin', 'interviewer'],
		who: 'Admins and interviewers.',
		responses: { 200: { description: 'The cycles, newest start first.', schema: S.CycleList } },
		errors: { ...AUTH }
	},
	async (event) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		return { data: await listCycles(event.locals.ctx.sql, actor.orgId) };
	}
);
