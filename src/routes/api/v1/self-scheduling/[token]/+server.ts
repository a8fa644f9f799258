import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { db } from '$lib/server/runtime';
import { requestByToken } from '$lib/server/self-scheduling';
import { requestView } from '$lib/server/self-scheduling-view';

/** GET /api/v1/self-scheduling/{token} — the request a candidate's link opens, with the free times. */
export const GET: RequestHandler = endpoint(async (event) => {
	const row = await requestByToken(db(), event.params.token);
	if (!row) throw fail.notFound('The scheduling request');
	event.setHeaders({ 'cache-control': 'no-store' });
	return requestView(db(), row);
});
