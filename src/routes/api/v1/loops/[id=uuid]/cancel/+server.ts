import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { cancelLoop, readLoop } from '$lib/server/loops';
import { loopJson } from '$lib/server/loop-search';

/** POST /api/v1/loops/{id}/cancel — cancels every scheduled session of the loop in one change. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'cancelLoop',
		tag: 'Interviews',
		summary: 'Cancel a loop as a unit',
		description:
			'Cancels every scheduled session of the loop in one change of the calendar, with the one reason; each session’s history records it once and the candidate and the panels are notified. Sessions already cancelled stay so. To cancel one session alone, `POST /api/v1/interviews/{id}/cancel`.',
		access: ['admin'],
		who: 'Admins.',
		body: S.LoopCancelBody,
		responses: { 200: { description: 'The loop as it is now.', schema: S.LoopDetail } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such loop in your organization.',
			409: 'A session is archived (`archived`, `details.session`): the loop is over and no longer changes.',
			422: 'No reason, a session has begun (`details.rule` = `loop_started`) or needs repair, or nothing is left to cancel.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const b = await input.body();
		await cancelLoop(event.locals.ctx, actor, event.params.id, b.reason);
		return loopJson(await readLoop(event.locals.ctx, actor, event.params.id));
	}
);
