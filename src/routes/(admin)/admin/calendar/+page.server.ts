import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { loadCalendarData } from '$lib/server/calendar-page';
import { loadFirstView } from '$lib/server/calendar-first-view';

/**
 * The admins' live calendar: people, applications and the first view come from Postgres, so the
 * page shows its interviews at once; the document syncs in the browser and then takes over.
 */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const calendar = await loadCalendarData(event, actor);
	const first = await loadFirstView(event.locals.ctx.sql, actor.orgId, calendar.me.timezone ?? calendar.orgTimezone, {
		view: event.url.searchParams.get('view'),
		date: event.url.searchParams.get('date')
	});
	return { calendar: { ...calendar, first }, email: actor.user.email };
};
