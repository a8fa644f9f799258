import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invalidateSession } from '$lib/server/auth';
import { clearSessionCookie } from '$lib/server/cookies';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) await invalidateSession(db(), event.locals.session.id);
		clearSessionCookie(event);
		redirect(303, '/login');
	}
};
