import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { readLoop, specOf } from '$lib/server/loops';
import { loopDaysJson, loopStartsJson, searchLoop } from '$lib/server/loop-search';

/** GET /api/v1/loops/{id}/availability — where a booked loop may move as a unit. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'loopMoveAvailability',
		tag: 'Availability',
		summary: 'Free starts to move a loop to',
		description:
			'The starts (earliest first, at most 300) to which the whole loop can move as a unit: laid out again from each start as it was booked, every session passes the judge against the calendar without the loop’s own sessions (their times are freed) and with the sessions before it. The first session starts at or after `from` and the last ends by `to` (at most 62 days later). When none is found, `details.days` explains each day, per session, person and day, as `POST /api/v1/loops/availability` does.',
		access: ['admin'],
		who: 'Admins.',
		query: S.LoopRangeQuery,
		responses: { 200: { description: 'The starts.', schema: S.LoopStartList } },
		errors: { ...AUTH, 404: 'No such loop in your organization.', 422: 'The range is empty or over 62 days.' }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const q = input.query();
		const loop = await readLoop(event.locals.ctx, actor, event.params.id);
		const spec = specOf(loop);
		const found = await searchLoop(
			event.locals.ctx.sql,
			actor.orgId,
			spec,
			{ from: new Date(q.from), to: new Date(q.to) },
			{ ids: loop.sessions.map((s) => s.id), rounds: loop.sessions.map((s) => s.round) }
		);
		if (found.starts.length) return loopStartsJson(found.starts, spec);
		// Nowhere to move it: why, day by day in the loop's zone.
		return {
			...loopStartsJson([], spec),
			details: { timezone: spec.timezone, days: loopDaysJson(found.whyNone(spec.timezone), found.names) }
		};
	}
);
