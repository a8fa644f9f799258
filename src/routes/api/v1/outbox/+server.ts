import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, QUERY } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { listOutbox } from '$lib/server/notifications/admin';

/** GET /api/v1/outbox — the organization's outgoing email, newest first, with each message's state (admins). */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listOutbox',
		tag: 'Notifications',
		summary: 'The organization’s outgoing email',
		description:
			'Every message written to the outbox (schedule changes, reminders, feedback requests, invitations, personal links), newest first, with its state: `queued` (waiting, or waiting for a retry at `next_attempt_at`), `sending`, `sent`, `failed` (given up; `last_error` says why) or `cancelled` (a reminder whose interview moved, a feedback request whose scorecard came in).',
		access: ['admin'],
		who: 'Admins (their organization’s messages).',
		query: S.OutboxQuery,
		responses: { 200: { description: 'A page of messages.', schema: S.OutboxPage } },
		errors: { ...AUTH, ...QUERY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const q = input.query();
		return listOutbox(event.locals.ctx, actor, {
			status: q.status,
			interviewId: q.interview_id,
			page: q.page,
			pageSize: q.page_size
		});
	}
);
