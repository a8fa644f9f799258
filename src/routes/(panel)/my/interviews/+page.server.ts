import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { loadCalendarData } from '$lib/server/calendar-page';
import { panelInterviews } from '$lib/server/views/my-interviews';

/** The interviews this person sits on as an interviewer (`panel_interviewers`), and the calendar, read-only. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'interviewer', 'admin');
	const now = Date.now();
	const mine = await panelInterviews(event.locals.ctx.sql, actor.orgId, actor.user.id);
	const ended = (m: (typeof mine)[number]) => Date.parse(m.start) + m.durationMin * 60_000 < now;
	const calendar = await loadCalendarData(event, actor);
	return {
		upcoming: mine.filter((m) => !ended(m) && (m.status === 'scheduled' || m.status === 'in_progress')),
		past: mine.filter((m) => ended(m) || !(m.status === 'scheduled' || m.status === 'in_progress')).reverse(),
		calendar: { ...calendar, canEdit: false },
		email: actor.user.email
	};
};
