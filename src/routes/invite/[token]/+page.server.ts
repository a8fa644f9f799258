import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createSession, loadSessionUser } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/cookies';
import { homeFor, membershipOf } from '$lib/server/guards';
import { password as passwordSchema } from '$lib/contract/api';
import { acceptInvitation, findInvitation } from '$lib/server/users';
import { readForm } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ params, locals }) => {
	const invitation = await findInvitation(locals.ctx.sql, params.token);
	return {
		invitation: invitation ? { name: invitation.name, email: invitation.email, orgName: invitation.org_name } : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const parsed = passwordSchema.safeParse(password);
		if (!parsed.success)
			return fail(422, {
				fields: {
					password: parsed.error.issues[0]?.code === 'too_big' ? m.login_password_too_long() : m.invite_password_short()
				}
			});
		if (password !== confirm) return fail(422, { fields: { confirm: m.invite_differ() } });
		const sql = event.locals.ctx.sql;
		const userId = await acceptInvitation(sql, event.params.token, password);
		if (!userId)
			return fail(410, {
				fields: {},
				message: m.invite_used()
			});
		const { token, session } = await createSession(sql, userId);
		setSessionCookie(event, token, session.expiresAt);
		const user = await loadSessionUser(sql, userId);
		redirect(303, homeFor(user ? (membershipOf(user)?.role ?? null) : null));
	}
};
