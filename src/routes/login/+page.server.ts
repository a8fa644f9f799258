import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { checkLogin, createSession, invalidLoginMessage, loadSessionUser } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/cookies';
import { homeFor, membershipOf } from '$lib/server/guards';
import { readForm } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

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
		if (!email) fields.email = m.login_enter_email();
		else if (email.length > 254) fields.email = m.login_email_too_long();
		if (!password) fields.password = m.login_enter_password();
		else if (password.length > 256) fields.password = m.login_password_too_long();
		if (Object.keys(fields).length) return fail(422, { email, fields, message: null });
		const sql = event.locals.ctx.sql;
		const result = await checkLogin(sql, email, password, event.getClientAddress());
		if (!result.ok) {
			const limited = result.reason === 'rate_limited';
			if (limited) event.setHeaders({ 'retry-after': String(result.retryAfterSec) });
			const message = limited ? result.message : invalidLoginMessage();
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
