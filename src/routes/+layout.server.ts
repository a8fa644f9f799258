import type { LayoutServerLoad } from './$types';
import { membershipOf } from '$lib/server/guards';
import { unreadCount } from '$lib/server/notifications/inbox';
import { acceptedLanguages, resolveLocale } from '$lib/format/locale';

export const load: LayoutServerLoad = async ({ locals, request }) => {
	// The language every page is drawn in; the browser reads it from here (src/hooks.client.ts), so a
	// navigation that changes it (sign-in, Settings) redraws in the new one without a reload.
	const locale = locals.locale;
	// The locale dates and numbers are written in: the browser's own variant of that language
	// ("en-US" or "en-GB", "fr-CA"), else the language itself.
	const sameLanguage = acceptedLanguages(request.headers.get('accept-language')).filter(
		(tag) => tag.toLowerCase().split('-')[0] === locale
	);
	const formatLocale = resolveLocale(sameLanguage, locale === 'en' ? [] : [locale]);
	const user = locals.user;
	if (!user) return { user: null, locale, formatLocale };
	const m = membershipOf(user);
	return {
		locale,
		formatLocale,
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
