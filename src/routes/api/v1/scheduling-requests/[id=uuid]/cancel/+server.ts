import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { cancelRequest } from '$lib/server/self-scheduling';

/** POST /api/v1/scheduling-requests/{id}/cancel — withdraws an open request; its link says so from now on. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'cancelSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'Withdraw a scheduling request',
		description: 'Its link says it was withdrawn from now on. No body.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'Withdrawn.', schema: S.CancelledRequestResponse } },
		errors: { ...AUTH, 404: 'No open request with that id in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		if (!(await cancelRequest(event.locals.ctx.sql, actor, event.params.id)))
			throw fail.notFound('open_scheduling_request');
		return { id: event.params.id, state: 'cancelled' };
	}
);
