import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { listScorecards, scorecardInterview } from '$lib/server/scorecards';

/**
 * GET /api/v1/interviews/{id}/scorecards — admins see all; a panel interviewer sees their own, and
 * the others' only after submitting theirs (`hidden_until_you_submit`).
 */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listScorecards',
		tag: 'Scorecards',
		summary: 'The scorecards of an interview',
		description:
			'An interviewer sees the others’ scorecards only after submitting their own (`hidden_until_you_submit`).',
		access: ['admin', 'interviewer'],
		who: 'Admins see all; interviewers on its panel see their own and, once submitted, the others’.',
		responses: { 200: { description: 'What this viewer may see.', schema: S.ScorecardListResponse } },
		errors: {
			401: AUTH[401],
			403: 'A candidate, or an interviewer not on its panel.',
			404: 'No such interview in your organization.'
		}
	},
	async (event) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		const row = await scorecardInterview(event.locals.ctx.sql, actor, event.params.id);
		return listScorecards(event.locals.ctx.sql, actor, row);
	}
);
