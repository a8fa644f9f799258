import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { interviewIcs, mailAddress } from '$lib/server/ics';
import { roomAccess } from '$lib/server/room';
import { db, runtime } from '$lib/server/runtime';

/**
 * GET /api/v1/interviews/{id}/ics — "Add to calendar" for the interview's candidate, its panel and
 * the organization's admins; 404 for anybody else.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const { row } = await roomAccess(db(), actor, event.params.id);
	const orgName = actor.user.memberships.find((m) => m.orgId === actor.orgId)?.orgName ?? 'Parley';
	const body = interviewIcs(row, {
		orgName,
		origin: event.url.origin,
		organizerEmail: mailAddress(runtime().config.MAIL_FROM),
		attendee: { name: actor.user.name, email: actor.user.email }
	});
	const day = row.start_at.toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="interview-${day}.ics"`,
			'cache-control': 'no-store'
		}
	});
});
