import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, NOT_VISIBLE } from '$lib/server/api-docs';
import { visibleInterview } from '$lib/server/access';
import { interviewLogs } from '$lib/server/history';

/** GET /api/v1/interviews/{id}/logs — the audit history, oldest first. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'interviewLogs',
		tag: 'Interviews',
		summary: 'The audit history of an interview',
		description:
			'Oldest first. Scorecard entries carry rating and recommendation, never the feedback text; an interviewer who has not submitted their own scorecard reads the others’ entries as `{"hidden": true}` (the rule of the scorecards endpoint).',
		access: ['admin', 'interviewer'],
		who: 'Admins of its organization; interviewers on its panel.',
		responses: { 200: { description: 'The log entries.', schema: S.LogList } },
		errors: { ...AUTH, 404: NOT_VISIBLE }
	},
	async (event) => {
		const { actor, row } = await visibleInterview(event, event.params.id);
		return { data: await interviewLogs(event.locals.ctx.sql, actor, row) };
	}
);
