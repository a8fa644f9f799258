import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { createSession } from '$lib/server/auth';
import { redeemCandidateLink } from '$lib/server/candidate-links';
import { setSessionCookie } from '$lib/server/cookies';

/** A candidate's personal link: signs them in (session kind 'link': their own pages only) and opens /me. */
export const load: PageServerLoad = async (event) => {
	const sql = event.locals.ctx.sql;
	const link = await redeemCandidateLink(sql, event.params.token);
	if (!link) {
		event.setHeaders({ 'cache-control': 'no-store' });
		return { valid: false };
	}
	const { token, session } = await createSession(sql, link.userId, 'link', link);
	setSessionCookie(event, token, session.expiresAt);
	redirect(303, '/me');
};
