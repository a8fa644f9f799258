import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { ApiError } from '$lib/server/errors';
import { outboxBacklog } from '$lib/server/notifications/outbox';
import { runtime } from '$lib/server/runtime';

/** GET /api/health — liveness, which database this process uses, and how much mail waits to be sent. */
export const GET: RequestHandler = endpoint(async () => {
	const r = runtime();
	try {
		return { status: 'ok', db: r.db.kind, mail: r.mail.kind, outbox: await outboxBacklog(r.db.sql) };
	} catch {
		throw new ApiError('unavailable', 'The database does not answer.');
	}
});
