import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { candidateFile } from '$lib/server/views/candidate-file';

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const file = await candidateFile(event.locals.ctx.sql, actor, event.params.id);
	if (!file) error(404, 'The candidate was not found.');
	return file;
};
