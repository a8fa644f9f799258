import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { json } from '@sveltejs/kit';
import { signOut } from '$lib/server/access-change';
import { clearSessionCookie } from '$lib/server/cookies';

/** POST /api/v1/auth/logout — ends the cookie session and closes its collab connections (idempotent). */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'logout',
		tag: 'Auth',
		summary: 'Sign out',
		description:
			'Ends the cookie session, if any, and clears the cookie; the collab tokens it fetched stop working and the live connections they opened are closed (4401 `session-ended`). Idempotent; no body.',
		access: 'public',
		who: 'Anybody (a call without a session changes nothing).',
		responses: { 200: { description: 'Signed out.', schema: S.OkResponse } },
		errors: {}
	},
	async (event) => {
		if (event.locals.session) await signOut(event.locals.ctx, event.locals.session);
		clearSessionCookie(event);
		return json({ ok: true });
	}
);
