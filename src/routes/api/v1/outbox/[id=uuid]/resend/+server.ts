import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { outboxMessage, resendMessage } from '$lib/server/notifications/admin';
import { previewDeps } from '$lib/server/notifications/deps';

/** POST /api/v1/outbox/{id}/resend — queues a failed message again, at once (admins); 409 for any other state. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const deps = previewDeps();
	await resendMessage(deps, actor, event.params.id);
	return outboxMessage(deps, actor, event.params.id);
});
