import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { BODY, MEMBER } from '$lib/server/api-docs';
import { requireUser } from '$lib/server/guards';
import { markRead } from '$lib/server/notifications/inbox';

/** POST /api/v1/me/notifications/read — marks one's own notifications read (`ids`, or `all: true`). */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'markNotificationsRead',
		tag: 'Notifications',
		summary: 'Mark notifications as read',
		description: '`{"ids": [...]}` marks those (ids that are not mine change nothing); `{"all": true}` marks all.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in, for their own inbox.',
		body: S.MarkReadBody,
		responses: { 200: { description: 'The unread count after.', schema: S.UnreadResponse } },
		errors: { ...MEMBER, ...BODY }
	},
	async (event, input) => {
		const actor = requireUser(event);
		const body = await input.body();
		return markRead(event.locals.ctx, actor.user, body);
	}
);
