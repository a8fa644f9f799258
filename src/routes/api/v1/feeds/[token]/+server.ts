import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { addressOf } from '$lib/server/mail/transport';
import { feedCalendar } from '$lib/server/notifications/feed';
import { db, runtime } from '$lib/server/runtime';

/**
 * GET /api/v1/feeds/{token}.ics — a person's calendar subscription (public: the secret URL is the
 * credential, as calendar apps send no cookie); 404 for a revoked, replaced or made-up one.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	const body = await feedCalendar(db(), event.params.token, {
		origin: event.url.origin,
		organizerEmail: addressOf(runtime().config.MAIL_FROM)
	});
	if (body === null) throw fail.notFound('The calendar feed');
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="parley.ics"',
			'cache-control': 'private, max-age=300'
		}
	});
});
