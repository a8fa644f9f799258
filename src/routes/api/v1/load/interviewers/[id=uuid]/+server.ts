import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { ownLimitAnswer, setOwnLoadLimit } from '$lib/server/calendar-rules';
import { requireRole } from '$lib/server/guards';

/** PUT /api/v1/load/interviewers/{id} — an interviewer's own limits (admins for anyone, interviewers for themselves). */
export const PUT: RequestHandler = defineRoute(
	{
		operationId: 'setInterviewerLoadLimit',
		tag: 'Calendar rules',
		summary: 'An interviewer’s own load limits',
		description:
			'A field left out follows the organization’s default; null means no limit. `{}` goes back to the default for both.',
		access: ['admin', 'interviewer'],
		who: 'Admins for any interviewer of the organization; an interviewer for themselves.',
		body: S.OwnLoadLimitBody,
		responses: { 200: { description: 'The interviewer’s own and effective limits.', schema: S.OwnLoadLimitResponse } },
		errors: {
			...AUTH,
			...BODY,
			403: 'An interviewer naming somebody else, or a candidate.',
			404: 'No such interviewer in your organization.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		const body = await input.body();
		const own = {
			...(body.per_day !== undefined ? { perDay: body.per_day } : {}),
			...(body.per_week !== undefined ? { perWeek: body.per_week } : {})
		};
		const id = event.params.id.toLowerCase();
		await setOwnLoadLimit(event.locals.ctx.sql, actor, id, own);
		return ownLimitAnswer(event.locals.ctx.sql, actor.orgId, id);
	}
);
