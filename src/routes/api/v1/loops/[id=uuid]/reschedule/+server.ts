import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { moveLoop, readLoop } from '$lib/server/loops';
import { loopJson } from '$lib/server/loop-search';

/** POST /api/v1/loops/{id}/reschedule — moves the whole loop: every session, all or none. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'rescheduleLoop',
		tag: 'Interviews',
		summary: 'Move a loop as a unit',
		description:
			'Lays the loop out again from `start` as it was booked (its break; one day or two) and moves every scheduled session there in one change of the calendar: each is judged as a move against the calendar without the loop’s own old times and with the sessions before it, and if any is refused nothing moves (`details.session`, from 0). Each session’s history records the move once, with the reason, and the candidate and the panels are notified. To move one session alone, `PATCH /api/v1/interviews/{id}`.',
		access: ['admin'],
		who: 'Admins.',
		body: S.LoopMoveBody,
		responses: { 200: { description: 'The loop as it is now.', schema: S.LoopDetail } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such loop in your organization.',
			409: 'A session would double-book someone (`conflict`), or is archived (`archived`, `details.session`); nothing moved.',
			422: 'A session breaks a rule, has begun (`details.rule` = `loop_started`) or needs repair; nothing moved.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const b = await input.body();
		await moveLoop(event.locals.ctx, actor, event.params.id, b);
		return loopJson(await readLoop(event.locals.ctx, actor, event.params.id));
	}
);
