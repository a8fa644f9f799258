import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { readLoop, specOf } from '$lib/server/loops';
import { findLoopStarts, loopStartsJson } from '$lib/server/loop-search';

/** GET /api/v1/loops/{id}/availability — where a booked loop may move as a unit. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'loopMoveAvailability',
		tag: 'Availability',
		summary: 'Free starts to move a loop to',
		description:
			'The starts (earliest first, at most 300) to which the whole loop can move as a unit: laid out again from each start as it was booked, every session passes the judge against the calendar without the loop’s own sessions (their times are freed) and with the sessions before it. The first session starts at or after `from` and the last ends by `to` (at most 62 days later).',
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
		const starts = await findLoopStarts(
			event.locals.ctx.sql,
			actor.orgId,
			spec,
			{ from: new Date(q.from), to: new Date(q.to) },
			{ ids: loop.sessions.map((s) => s.id), rounds: loop.sessions.map((s) => s.round) }
		);
		return loopStartsJson(starts, spec);
	}
);
