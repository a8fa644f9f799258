/**
 * The language switch of the pages one sees signed out (sign-in, invitations): `POST /language`
 * with `locale` and `back` (a same-site path). The choice is kept in a cookie for a year, and the
 * browser is sent back to draw that page again in the chosen language. Signed-in people choose in
 * Settings, which their account keeps.
 */
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { asLocale, LOCALE_COOKIE } from '$lib/i18n/locale';
import { readForm } from '$lib/server/forms';

/** Only a path on this site, never `//elsewhere`. */
function sameSitePath(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/login';
}

export const POST: RequestHandler = async (event) => {
	const form = await readForm(event.request);
	const locale = asLocale(form.get('locale'));
	if (locale)
		event.cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			maxAge: 365 * 24 * 3600,
			httpOnly: false,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:'
		});
	redirect(303, sameSitePath(form.get('back') ?? null));
};
