import type { RequestHandler } from './$types';
import { loadReport, loadRowJson, limitJson } from '$lib/server/calendar-rules';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { LoadQuery } from '$lib/server/rules-schemas';
import { db } from '$lib/server/runtime';
import { readQuery } from '$lib/server/validate';

/** GET /api/v1/load — each interviewer's interviews per week against their limits. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const q = readQuery(event.url, LoadQuery);
	const report = await loadReport(db(), actor, { weeksBack: q.weeks_back, weeksAhead: q.weeks_ahead });
	return { weeks: report.weeks, default: limitJson(report.default), data: report.interviewers.map(loadRowJson) };
});
