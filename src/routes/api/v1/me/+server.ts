import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { userJson } from '$lib/server/users';

/** GET /api/v1/me — the signed-in user with their memberships. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	if (!locals.user) throw fail.unauthenticated();
	return { user: userJson(locals.user) };
});
