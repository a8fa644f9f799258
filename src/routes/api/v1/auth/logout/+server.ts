import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth';
import { clearSessionCookie } from '$lib/server/cookies';
import { endpoint } from '$lib/server/endpoint';
import { db } from '$lib/server/runtime';

/** POST /api/v1/auth/logout — ends the cookie session (idempotent). */
export const POST: RequestHandler = endpoint(async (event) => {
	if (event.locals.session) await invalidateSession(db(), event.locals.session.id);
	clearSessionCookie(event);
	return json({ ok: true });
});
