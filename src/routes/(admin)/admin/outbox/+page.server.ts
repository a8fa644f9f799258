import { m } from '$lib/paraglide/messages';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isUuid } from '$lib/domain/ids';
import { OUTBOX_STATUSES, type OutboxStatus } from '$lib/contract/notifications';
import { ApiError } from '$lib/server/errors';
import { readForm } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { listOutbox, resendMessage } from '$lib/server/notifications/admin';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const wanted = event.url.searchParams.get('status');
	const status = (OUTBOX_STATUSES as readonly string[]).includes(wanted ?? '') ? (wanted as OutboxStatus) : undefined;
	const page = Math.max(1, Math.min(10_000, Number(event.url.searchParams.get('page')) || 1));
	const list = await listOutbox(event.locals.ctx, actor, { status, page, pageSize: PAGE_SIZE });
	return { ...list, status: status ?? null, transport: event.locals.ctx.mail.kind };
};

export const actions: Actions = {
	/** Sends a failed message again. */
	resend: async (event) => {
		const actor = requireRole(event, 'admin');
		const id = (await readForm(event.request)).get('id') ?? '';
		if (!isUuid(id)) return fail(404, { error: m.outbox_not_found() });
		try {
			await resendMessage(event.locals.ctx, actor, id);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { error: err.message });
			throw err;
		}
		return { resent: id };
	}
};
