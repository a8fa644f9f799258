import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';

/** Pages for the people who sit on interview panels (and admins, who see everything). */
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'interviewer', 'admin');
	return {};
};
