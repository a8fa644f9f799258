import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { markRead } from '$lib/server/notifications/inbox';
import { db } from '$lib/server/runtime';
import { MarkReadBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** POST /api/v1/me/notifications/read — marks one's own notifications read (`ids`, or `all: true`). */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const body = await readJson(event.request, MarkReadBody);
	return markRead({ sql: db() }, actor.user, body);
});
