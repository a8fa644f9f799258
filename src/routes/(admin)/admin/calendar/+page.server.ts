import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { calendarApplications, loadCalendarData } from '$lib/server/calendar-page';
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
	// The first view may open on a week long archived: its interviews' applications are named too.
	const known = new Set(calendar.applications.map((a) => a.id));
	const missing = [...new Set(first.interviews.map((iv) => iv.applicationId))].filter((id) => !known.has(id));
	const older = await calendarApplications(event.locals.ctx.sql, actor.orgId, calendar.orgTimezone, missing);
	return {
		calendar: { ...calendar, applications: [...calendar.applications, ...older], first },
		email: actor.user.email
	};
};
