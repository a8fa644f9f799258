import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { requestByToken } from '$lib/server/self-scheduling';
import { bookFromPage, requestView } from '$lib/server/self-scheduling-page';

/** A scheduling request opened by the emailed link: no password, the token is the key. */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store' });
	const row = await requestByToken(event.locals.ctx.sql, event.params.token);
	if (!row) error(404, m.s_link_invalid());
	return { view: await requestView(event.locals.ctx.sql, row) };
};

export const actions: Actions = {
	book: async (event) => {
		const row = await requestByToken(event.locals.ctx.sql, event.params.token);
		if (!row) error(404, m.s_link_invalid_short());
		return bookFromPage(event.locals.ctx, event.request, row);
	}
};
