import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { outboxMessage, resendMessage } from '$lib/server/notifications/admin';

/** POST /api/v1/outbox/{id}/resend — queues a failed message again, at once (admins); 409 for any other state. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'resendOutboxMessage',
		tag: 'Notifications',
		summary: 'Send a failed message again',
		description: 'Queues it at once with a fresh count of attempts; the Message-ID stays the same.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'Queued again.', schema: S.OutboxMessageResponse } },
		errors: { ...AUTH, 404: 'No such message in your organization.', 409: 'The message has not failed.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		const deps = event.locals.ctx;
		await resendMessage(deps, actor, event.params.id);
		return outboxMessage(deps, actor, event.params.id);
	}
);
