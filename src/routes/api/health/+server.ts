import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { ApiError } from '$lib/server/errors';
import { runtime } from '$lib/server/runtime';

/** GET /api/health — liveness and which database this process uses. */
export const GET: RequestHandler = endpoint(async () => {
	const r = runtime();
	try {
		await r.db.sql`select 1`;
	} catch {
		throw new ApiError('unavailable', 'The database does not answer.');
	}
	return { status: 'ok', db: r.db.kind };
});
