import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { loopDaysJson, loopSpecOf, loopStartsJson, searchLoop } from '$lib/server/loop-search';

/** POST /api/v1/loops/availability — the starts at which a whole loop passes the judge (a search; it books nothing). */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'loopAvailability',
		tag: 'Availability',
		summary: 'Free starts for a loop',
		description:
			'A search, sent as a body because a loop’s sessions do not fit a query string; nothing is booked. Answers the grid starts (earliest first, at most 300) at which every session of the loop, laid out as `POST /api/v1/loops` would lay it out, passes the booking judge against the calendar and the sessions before it, with nobody outside their working hours: the first session starts at or after `from` and the last ends by `to` (at most 62 days later). Each start lists every session’s time. When none is found, `details.days` explains each day of the range, per session, person and day: when the first session cannot start that day, as `GET /api/v1/availability` would (minimum notice, the 90-day limit, a holiday, working hours, load, busy); otherwise what refused the later sessions at every start the first could take (busy, outside working hours, the load limit, or the loop ending after `to`).',
		access: ['admin'],
		who: 'Admins.',
		body: S.LoopSearchBody,
		responses: { 200: { description: 'The starts.', schema: S.LoopStartList } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			422: 'A parameter is invalid, the range is empty or over 62 days, `split_after` does not fit, or someone named is not an interviewer of the organization.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const b = await input.body();
		const spec = loopSpecOf(b);
		const found = await searchLoop(event.locals.ctx.sql, actor.orgId, spec, {
			from: new Date(b.from),
			to: new Date(b.to)
		});
		if (found.starts.length) return loopStartsJson(found.starts, spec);
		// Nothing fits: why, day by day in the loop's zone.
		return {
			...loopStartsJson([], spec),
			details: { timezone: spec.timezone, days: loopDaysJson(found.whyNone(spec.timezone), found.names) }
		};
	}
);
