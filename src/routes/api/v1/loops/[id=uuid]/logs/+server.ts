import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { loopLogs } from '$lib/server/loop-logs';
import { readLoop } from '$lib/server/loops';

/** GET /api/v1/loops/{id}/logs — the loop's own history, oldest first. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'loopLogs',
		tag: 'Interviews',
		summary: 'The history of a loop',
		description:
			'One entry each time the loop was booked, moved or cancelled as a unit: who, when, the reason, and for each session touched its time and status before and after. Each session keeps its own history too (`GET /api/v1/interviews/{id}/logs`), which also holds the changes made to it alone.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The loop’s history.', schema: S.LoopLogList } },
		errors: { ...AUTH, 404: 'No such loop in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		const loop = await readLoop(event.locals.ctx, actor, event.params.id);
		return { data: await loopLogs(event.locals.ctx.sql, actor, loop.id) };
	}
);
