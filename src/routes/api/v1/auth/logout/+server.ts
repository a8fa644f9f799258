import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { signOut } from '$lib/server/access-change';
import { clearSessionCookie } from '$lib/server/cookies';
import { endpoint } from '$lib/server/endpoint';
import { db, runtime } from '$lib/server/runtime';

/** POST /api/v1/auth/logout — ends the cookie session and closes its collab connections (idempotent). */
export const POST: RequestHandler = endpoint(async (event) => {
	if (event.locals.session) await signOut({ sql: db(), bus: runtime().bus }, event.locals.session);
	clearSessionCookie(event);
	return json({ ok: true });
});
