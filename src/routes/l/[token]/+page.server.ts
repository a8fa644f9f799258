import { m } from '$lib/paraglide/messages';
import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { createSession } from '$lib/server/auth';
import { linkState, redeemCandidateLink } from '$lib/server/candidate-links';
import { setSessionCookie } from '$lib/server/cookies';

/**
 * A candidate's personal link: signs them in (session kind 'link': their own pages only) and opens
 * /me. A link that no longer works answers 410 Gone (replaced, revoked, or its cycle ended) and one
 * never issued 404, with a page that says so (+error.svelte beside this file).
 */
export const load: PageServerLoad = async (event) => {
	const sql = event.locals.ctx.sql;
	const link = await redeemCandidateLink(sql, event.params.token);
	if (!link) {
		event.setHeaders({ 'cache-control': 'no-store' });
		const state = await linkState(sql, event.params.token);
		if (state === 'unknown') error(404, m.link_unknown());
		error(410, state === 'expired' ? m.link_expired() : m.link_revoked());
	}
	const { token, session } = await createSession(sql, link.userId, 'link', link);
	setSessionCookie(event, token, session.expiresAt);
	redirect(303, '/me');
};
