import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { decideChange } from '$lib/server/candidate-changes';
import { requireRole } from '$lib/server/guards';

/** POST /api/v1/change-requests/{id}/decide — approve (the change is made, judged again) or decline. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'decideChangeRequest',
		tag: 'Change requests',
		summary: 'Approve or decline a candidate’s request',
		description:
			'Approving makes the change through the calendar, judged again (a time taken meanwhile is refused as any booking is); the candidate and the panel are told by the change itself. Declining tells the candidate, with the note.',
		access: ['admin'],
		who: 'Admins.',
		body: S.DecideChangeBody,
		responses: { 200: { description: 'Decided.', schema: S.DecidedChangeResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such request in your organization.',
			409: 'Already decided, the new time was taken meanwhile, or the interview is archived (`archived`).',
			422: 'The change now breaks a scheduling rule.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		const status = await decideChange(event.locals.ctx, actor, event.params.id, {
			approve: body.approve,
			note: body.note?.trim() || null
		});
		return { id: event.params.id, status };
	}
);
