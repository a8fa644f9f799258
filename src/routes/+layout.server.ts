import type { LayoutServerLoad } from './$types';
import { membershipOf } from '$lib/server/guards';
import { unreadCount } from '$lib/server/notifications/inbox';

export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	// The language every page is drawn in; the browser reads it from here (src/hooks.client.ts), so a
	// navigation that changes it (sign-in, Settings) redraws in the new one without a reload.
	const locale = locals.locale;
	if (!user) return { user: null, locale };
	const m = membershipOf(user);
	return {
		user: {
			id: user.id,
			name: user.name,
			email: user.email,
			role: m?.role ?? null,
			orgName: m?.orgName ?? null,
			orgTimezone: m?.orgTimezone ?? null,
			timezone: user.timezone
		},
		// The bell's count as the page is drawn; the inbox keeps it current from then on.
		unread: m ? await unreadCount(locals.ctx.sql, user.id) : 0,
		locale
	};
};
