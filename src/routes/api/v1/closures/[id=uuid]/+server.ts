import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { removeClosure } from '$lib/server/calendar-rules';
import { apiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';

/** DELETE /api/v1/closures/{id} — removes a holiday or blackout date. */
export const DELETE: RequestHandler = defineRoute(
	{
		operationId: 'removeClosure',
		tag: 'Calendar rules',
		summary: 'Remove a holiday or blackout date',
		description: 'Its days can be booked again at once.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'Removed.', schema: S.RemovedClosureResponse } },
		errors: { ...AUTH, 404: 'No such closure in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		if (!(await removeClosure(event.locals.ctx.sql, actor, event.params.id))) throw apiError.notFound('closure');
		return { id: event.params.id, removed: true };
	}
);
