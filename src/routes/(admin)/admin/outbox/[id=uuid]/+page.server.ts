import { m } from '$lib/paraglide/messages';
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ApiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { outboxMessage, resendMessage } from '$lib/server/notifications/admin';

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	try {
		return { message: await outboxMessage(event.locals.ctx, actor, event.params.id) };
	} catch (err) {
		if (err instanceof ApiError && err.code === 'not_found') error(404, m.outbox_message_not_found());
		throw err;
	}
};

export const actions: Actions = {
	resend: async (event) => {
		const actor = requireRole(event, 'admin');
		try {
			await resendMessage(event.locals.ctx, actor, event.params.id);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { error: err.message });
			throw err;
		}
		return { resent: true };
	}
};
