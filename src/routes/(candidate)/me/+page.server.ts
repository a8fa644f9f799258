import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { candidateHome } from '$lib/server/views/candidate-home';

/** The candidate's home: their interviews and applications, nothing of anybody else. */
export const load: PageServerLoad = async (event) =>
	candidateHome(event.locals.ctx.sql, requireRole(event, 'candidate'));
