import type { LayoutServerLoad } from './$types';
import { membershipOf } from '$lib/server/guards';
import { unreadCount } from '$lib/server/notifications/inbox';
import { acceptedLanguages, resolveLocale } from '$lib/format/locale';

export const load: LayoutServerLoad = async ({ locals, request }) => {
	// The locale dates are read in: the browser's languages (a user setting comes with French, issue 14).
	const locale = resolveLocale(acceptedLanguages(request.headers.get('accept-language')));
	const user = locals.user;
	if (!user) return { user: null, locale };
	const m = membershipOf(user);
	return {
		locale,
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
		unread: m ? await unreadCount(locals.ctx.sql, user.id) : 0
	};
};
