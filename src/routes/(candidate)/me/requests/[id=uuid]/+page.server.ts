import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import { requestOfCandidate } from '$lib/server/self-scheduling';
import { bookFromPage, requestView } from '$lib/server/self-scheduling-page';

/** A scheduling request of the signed-in candidate (a personal link's session is enough). */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'candidate');
	const row = await requestOfCandidate(event.locals.ctx.sql, actor.user.id, event.params.id);
	if (!row) error(404, m.request_not_yours());
	return { view: await requestView(event.locals.ctx.sql, row) };
};

export const actions: Actions = {
	book: async (event) => {
		const actor = requireRole(event, 'candidate');
		const row = await requestOfCandidate(event.locals.ctx.sql, actor.user.id, event.params.id);
		if (!row) error(404, m.request_not_yours());
		return bookFromPage(event.locals.ctx, event.request, row);
	}
};
