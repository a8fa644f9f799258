import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { limitJson, setDefaultLoadLimit } from '$lib/server/calendar-rules';
import { requireRole } from '$lib/server/guards';

/** PUT /api/v1/load/default — the organization's default limits for interviewers who set none. */
export const PUT: RequestHandler = defineRoute(
	{
		operationId: 'setDefaultLoadLimit',
		tag: 'Calendar rules',
		summary: 'The organization’s default load limits',
		description:
			'Most interviews per day and per week for interviewers who set no limit of their own; null for none. Over a limit the booking rules refuse and the slot finder offers nothing; from 80 % a booking carries a warning.',
		access: ['admin'],
		who: 'Admins.',
		body: S.LoadLimitBody,
		responses: { 200: { description: 'The limits now in force.', schema: S.LoadLimitResponse } },
		errors: { ...AUTH, ...BODY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		return limitJson(
			await setDefaultLoadLimit(event.locals.ctx.sql, actor, { perDay: body.per_day, perWeek: body.per_week })
		);
	}
);
