import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { outboxMessage } from '$lib/server/notifications/admin';

/** GET /api/v1/outbox/{id} — one message with its HTML and text parts and its calendar invitation (admins). */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'getOutboxMessage',
		tag: 'Notifications',
		summary: 'One message, rendered',
		description:
			'The HTML and text parts and the calendar invitation as they are (or were) sent, rendered from the stored facts. The one-time link of a sent invitation or personal link is removed from the stored copy.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The message.', schema: S.OutboxMessageResponse } },
		errors: { ...AUTH, 404: 'No such message in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		return outboxMessage(event.locals.ctx, actor, event.params.id);
	}
);
