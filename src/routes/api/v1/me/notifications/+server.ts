import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { listInbox } from '$lib/server/notifications/inbox';
import { db } from '$lib/server/runtime';
import { InboxQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/** GET /api/v1/me/notifications — the signed-in person's inbox, newest first, with the unread count. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const q = readQuery(event.url, InboxQuery);
	return listInbox({ sql: db() }, actor.user, { unread: q.unread, page: q.page, pageSize: q.page_size });
});
