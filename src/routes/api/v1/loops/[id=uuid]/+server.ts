import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { readLoop } from '$lib/server/loops';
import { loopJson } from '$lib/server/loop-search';

/** GET /api/v1/loops/{id} — a loop with its sessions in order. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'getLoop',
		tag: 'Interviews',
		summary: 'A loop and its sessions',
		description:
			'The loop’s sessions in order, each an ordinary interview (its own id, round, status and panel), with the break and the day split it was booked with.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The loop.', schema: S.LoopDetail } },
		errors: { ...AUTH, 404: 'No such loop in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		return loopJson(await readLoop(event.locals.ctx, actor, event.params.id));
	}
);
