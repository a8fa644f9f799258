import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';

/** A candidate's own pages. */
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'candidate');
	return {};
};
