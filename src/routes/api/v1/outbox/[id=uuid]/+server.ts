import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { outboxMessage } from '$lib/server/notifications/admin';
import { previewDeps } from '$lib/server/notifications/deps';

/** GET /api/v1/outbox/{id} — one message with its HTML and text parts and its calendar invitation (admins). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	return outboxMessage(previewDeps(), actor, event.params.id);
});
