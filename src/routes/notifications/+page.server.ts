import { m } from '$lib/paraglide/messages';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isUuid } from '$lib/domain/ids';
import { readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { listInbox, markRead } from '$lib/server/notifications/inbox';

const PAGE_SIZE = 30;

export const load: PageServerLoad = async (event) => {
	const actor = requireUser(event);
	const page = Math.max(1, Math.min(10_000, Number(event.url.searchParams.get('page')) || 1));
	const unreadOnly = event.url.searchParams.get('show') === 'unread';
	return {
		inbox: await listInbox(event.locals.ctx, actor.user, { unread: unreadOnly, page, pageSize: PAGE_SIZE }),
		unreadOnly
	};
};

export const actions: Actions = {
	read: async (event) => {
		const actor = requireUser(event);
		const id = (await readForm(event.request)).get('id') ?? '';
		if (!isUuid(id)) return fail(404, { error: m.inbox_not_found() });
		return markRead(event.locals.ctx, actor.user, { ids: [id] });
	},
	readAll: async (event) => {
		const actor = requireUser(event);
		return markRead(event.locals.ctx, actor.user, { all: true });
	}
};
