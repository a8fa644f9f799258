import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { MEMBER, QUERY } from '$lib/server/api-docs';
import { requireUser } from '$lib/server/guards';
import { listInbox } from '$lib/server/notifications/inbox';

/** GET /api/v1/me/notifications — the signed-in person's inbox, newest first, with the unread count. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listNotifications',
		tag: 'Notifications',
		summary: 'My inbox',
		description:
			'Every notification about me, newest first (scheduled, moved, cancelled, panel changes, reminders, scorecard requests), whatever my email preferences say. `unread=true` lists the unread ones only. New ones are announced on `/api/v1/me/events` as `notification.created`.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in, for their own inbox.',
		query: S.InboxQuery,
		responses: { 200: { description: 'A page of notifications and the unread count.', schema: S.InboxPage } },
		errors: { ...MEMBER, ...QUERY }
	},
	async (event, input) => {
		const actor = requireUser(event);
		const q = input.query();
		return listInbox(event.locals.ctx, actor.user, { unread: q.unread, page: q.page, pageSize: q.page_size });
	}
);
