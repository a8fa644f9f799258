import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';

/** Every page under /admin is for the organization's admins only. */
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'admin');
	return {};
};
