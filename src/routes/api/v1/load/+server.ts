import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, QUERY } from '$lib/server/api-docs';
import { loadReport, loadRowJson, limitJson } from '$lib/server/calendar-rules';
import { requireRole } from '$lib/server/guards';

/** GET /api/v1/load — each interviewer's interviews per week against their limits. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'loadReport',
		tag: 'Calendar rules',
		summary: 'Each interviewer’s interviews per week against their limits',
		description:
			'Weeks run Monday to Sunday in each interviewer’s zone and are named by their Monday (in the organization’s zone). Cancelled interviews do not count; every other status does.',
		access: ['admin'],
		who: 'Admins.',
		query: S.LoadQuery,
		responses: { 200: { description: 'The report.', schema: S.LoadReportResponse } },
		errors: { ...AUTH, ...QUERY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const q = input.query();
		const report = await loadReport(event.locals.ctx.sql, actor, {
			weeksBack: q.weeks_back,
			weeksAhead: q.weeks_ahead
		});
		return { weeks: report.weeks, default: limitJson(report.default), data: report.interviewers.map(loadRowJson) };
	}
);
