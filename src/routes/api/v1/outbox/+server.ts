import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { listOutbox } from '$lib/server/notifications/admin';
import { previewDeps } from '$lib/server/notifications/deps';
import { OutboxQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/** GET /api/v1/outbox — the organization's outgoing email, newest first, with each message's state (admins). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const q = readQuery(event.url, OutboxQuery);
	return listOutbox(previewDeps(), actor, {
		status: q.status,
		interviewId: q.interview_id,
		page: q.page,
		pageSize: q.page_size
	});
});
