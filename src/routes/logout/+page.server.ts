import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signOut } from '$lib/server/access-change';
import { clearSessionCookie } from '$lib/server/cookies';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) await signOut(event.locals.ctx, event.locals.session);
		clearSessionCookie(event);
		redirect(303, '/login');
	}
};
