import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { listCandidates } from '$lib/server/views/people';

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const candidates = await listCandidates(event.locals.ctx.sql, actor.orgId);
	return { candidates };
};
