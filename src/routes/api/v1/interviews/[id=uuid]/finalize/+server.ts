import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { finalizeScorecards, listScorecards, scorecardInterview } from '$lib/server/scorecards';

/** POST /api/v1/interviews/{id}/finalize — an admin freezes the interview's scorecards (idempotent). */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'finalizeScorecards',
		tag: 'Scorecards',
		summary: 'Freeze the scorecards of an interview',
		description: 'Idempotent. No body.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The scorecards, now finalized.', schema: S.ScorecardListResponse } },
		errors: { ...AUTH, 404: 'No such interview in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		const row = await scorecardInterview(event.locals.ctx.sql, actor, event.params.id);
		await finalizeScorecards(event.locals.ctx.sql, actor, row);
		return listScorecards(event.locals.ctx.sql, actor, row);
	}
);
