import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { checkLogin, createSession, INVALID_LOGIN_MESSAGE, loadSessionUser } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/cookies';
import { homeFor, membershipOf } from '$lib/server/guards';
import { readForm } from '$lib/server/forms';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string | null {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user)
		redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(membershipOf(locals.user)?.role ?? null));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const fields: Record<string, string> = {};
		if (!email) fields.email = 'Enter your email address.';
		else if (email.length > 254) fields.email = 'An email address has at most 254 characters.';
		if (!password) fields.password = 'Enter your password.';
		else if (password.length > 256) fields.password = 'A password has at most 256 characters.';
		if (Object.keys(fields).length) return fail(422, { email, fields, message: null });
		const sql = event.locals.ctx.sql;
		const result = await checkLogin(sql, email, password, event.getClientAddress());
		if (!result.ok) {
			const limited = result.reason === 'rate_limited';
			if (limited) event.setHeaders({ 'retry-after': String(result.retryAfterSec) });
			const message = limited ? result.message : INVALID_LOGIN_MESSAGE;
			return fail(limited ? 429 : 401, {
				email,
				fields: {} as Record<string, string>,
				message
			});
		}
		const { token, session } = await createSession(sql, result.userId);
		setSessionCookie(event, token, session.expiresAt);
		const user = await loadSessionUser(sql, result.userId);
		redirect(
			303,
			safeNext(event.url.searchParams.get('next')) ?? homeFor(user ? (membershipOf(user)?.role ?? null) : null)
		);
	}
};
