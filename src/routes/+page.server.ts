import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { homeFor, membershipOf } from '$lib/server/guards';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	redirect(303, homeFor(membershipOf(locals.user)?.role ?? null));
};
