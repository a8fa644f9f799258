import type { RequestHandler } from './$types';
import { asLocale } from '$lib/i18n/locale';
import { defineRoute } from '$lib/server/route';
import { MEMBER } from '$lib/server/api-docs';
import { requireUser } from '$lib/server/guards';
import { interviewIcs, mailAddress } from '$lib/server/ics';
import { roomAccess } from '$lib/server/room';

/**
 * GET /api/v1/interviews/{id}/ics — "Add to calendar" for the interview's candidate, its panel and
 * the organization's admins; 404 for anybody else.
 */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'interviewIcs',
		tag: 'Interviews',
		summary: 'The interview as an .ics file',
		description:
			'"Add to calendar": an iCalendar (RFC 5545) file with `METHOD:PUBLISH`, the organization as ORGANIZER and no ATTENDEE. The UID is the interview id for its whole life and SEQUENCE grows with every reschedule and the cancel; a cancelled interview comes with `STATUS:CANCELLED`. Invitations by email are the `REQUEST`/`CANCEL` counterparts, naming the candidate and the whole panel.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Its candidate, its panel and the admins of its organization.',
		responses: {
			200: {
				description: 'An iCalendar file (attachment).',
				media: { type: 'text/calendar', description: 'BEGIN:VCALENDAR …' }
			}
		},
		errors: { ...MEMBER, 404: 'No such interview, or you are not its candidate, on its panel or an admin.' }
	},
	async (event) => {
		const actor = requireUser(event);
		const { row } = await roomAccess(event.locals.ctx.sql, actor, event.params.id);
		const orgName = actor.user.memberships.find((m) => m.orgId === actor.orgId)?.orgName ?? 'Parley';
		const body = interviewIcs(row, {
			orgName,
			origin: event.url.origin,
			organizerEmail: mailAddress(event.locals.ctx.config.MAIL_FROM),
			// The person's own file, in their own language (a download sends the browser's Accept-Language).
			lang: asLocale(actor.user.locale) ?? event.locals.locale
		});
		const day = row.start_at.toISOString().slice(0, 10);
		return new Response(body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `attachment; filename="interview-${day}.ics"`,
				'cache-control': 'no-store'
			}
		});
	}
);
