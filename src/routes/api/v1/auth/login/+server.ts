import type { RequestHandler } from './$types';
import { ApiError } from '$lib/server/errors';
import { checkLogin, createSession, INVALID_LOGIN_MESSAGE, loadSessionUser } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/cookies';
import { endpoint } from '$lib/server/endpoint';
import { db } from '$lib/server/runtime';
import { LoginBody } from '$lib/server/schemas';
import { userJson } from '$lib/server/users';
import { readJson } from '$lib/server/validate';

/** POST /api/v1/auth/login — email and password in, the user and the session cookie out. */
export const POST: RequestHandler = endpoint(async (event) => {
	const body = await readJson(event.request, LoginBody);
	const sql = db();
	const result = await checkLogin(sql, body.email, body.password, event.getClientAddress());
	if (!result.ok) {
		if (result.reason === 'rate_limited')
			throw new ApiError('rate_limited', result.message, {
				retry_after_s: result.retryAfterSec,
				scope: result.scope
			});
		throw new ApiError('unauthenticated', INVALID_LOGIN_MESSAGE);
	}
	const { token, session } = await createSession(sql, result.userId);
	setSessionCookie(event, token, session.expiresAt);
	const user = await loadSessionUser(sql, result.userId);
	return { user: userJson(user!) };
});
