import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import { apiError } from '$lib/server/errors';
import { addressOf } from '$lib/server/mail/transport';
import { feedCalendar } from '$lib/server/notifications/feed';

/**
 * GET /api/v1/feeds/{token}.ics — a person's calendar subscription (public: the secret URL is the
 * credential, as calendar apps send no cookie); 404 for a revoked, replaced or made-up one.
 */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'calendarFeed',
		tag: 'Notifications',
		summary: 'A calendar feed (the subscription itself)',
		description:
			'`{token}` is the secret of the URL, usually followed by `.ics`. The interviews of its owner from 60 days back onward, cancelled ones left out; each with the UID and SEQUENCE of its invitations. No sign-in: the URL is the credential.',
		access: 'public',
		who: 'Whoever has the URL.',
		responses: {
			200: {
				description: 'The calendar.',
				media: { type: 'text/calendar', description: 'An iCalendar (RFC 5545) feed' }
			}
		},
		errors: { 404: 'No feed has this URL (revoked, regenerated, or never was).' }
	},
	async (event) => {
		const body = await feedCalendar(event.locals.ctx.sql, event.params.token, {
			origin: event.url.origin,
			organizerEmail: addressOf(event.locals.ctx.config.MAIL_FROM)
		});
		if (body === null) throw apiError.notFound('calendar_feed');
		return new Response(body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': 'inline; filename="parley.ics"',
				'cache-control': 'private, max-age=300'
			}
		});
	}
);
