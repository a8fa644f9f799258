import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { BODY } from '$lib/server/api-docs';
import { ApiError } from '$lib/server/errors';
import { checkLogin, createSession, invalidLoginMessage, loadSessionUser } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/cookies';
import { userJson } from '$lib/server/users';

/** POST /api/v1/auth/login — email and password in, the user and the session cookie out. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'login',
		tag: 'Auth',
		summary: 'Sign in with email and password',
		description:
			'Sets the `parley_session` cookie (HttpOnly, SameSite=Lax, 30 days, renewed while used). A wrong email and a wrong password get the same answer.',
		access: 'public',
		who: 'Anybody.',
		body: S.LoginBody,
		responses: {
			200: {
				description: 'Signed in; the session cookie is set.',
				schema: S.UserEnvelope,
				headers: { 'set-cookie': 'parley_session=…; HttpOnly; SameSite=Lax' }
			}
		},
		errors: {
			...BODY,
			401: 'The email or the password is wrong.',
			429: 'Too many failed sign-ins for this email from this address (ten within 15 minutes), or from this address for any emails (fifty); `details.scope` says which (`email` or `address`), `details.retry_after_s` and the `Retry-After` header how long to wait.'
		}
	},
	async (event, input) => {
		const body = await input.body();
		const sql = event.locals.ctx.sql;
		const result = await checkLogin(sql, body.email, body.password, event.getClientAddress());
		if (!result.ok) {
			if (result.reason === 'rate_limited')
				throw new ApiError('rate_limited', result.message, {
					retry_after_s: result.retryAfterSec,
					scope: result.scope
				});
			throw new ApiError('unauthenticated', invalidLoginMessage());
		}
		const { token, session } = await createSession(sql, result.userId);
		setSessionCookie(event, token, session.expiresAt);
		const user = await loadSessionUser(sql, result.userId);
		return { user: userJson(user!) };
	}
);
