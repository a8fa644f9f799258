import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { loadCalendarData } from '$lib/server/calendar-page';

/** The admins' live calendar: the document syncs in the browser; people and applications come from here. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	return { calendar: await loadCalendarData(event, actor), email: actor.user.email };
};
