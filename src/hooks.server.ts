import type { Handle, HandleServerError } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { BASE_LOCALE, decideLocale, LOCALE_COOKIE } from '$lib/i18n/locale';
import { membershipOf } from '$lib/server/guards';
import { SESSION_COOKIE, validateSessionToken, loadSessionUser } from '$lib/server/auth';
import { useApiToken } from '$lib/server/api-tokens';
import { contextOf } from '$lib/server/context';
import { ApiError, errorResponse } from '$lib/server/errors';
import { MAX_BODY_BYTES } from '$lib/server/validate';
import { setSessionCookie } from '$lib/server/cookies';

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(self), microphone=(self), geolocation=()'
};

// Messages rendered while a request is handled speak its language; elsewhere (jobs, mail) the caller
// names the language (`m.key(inputs, { locale })`) and this answers the base language.
overwriteGetLocale(() => {
	try {
		return getRequestEvent().locals.locale ?? BASE_LOCALE;
	} catch {
		return BASE_LOCALE;
	}
});

export const handle: Handle = async ({ event, resolve }) => {
	const isApi = event.url.pathname.startsWith('/api/');
	/** The request's language: first from what it says, then again once we know who asks. */
	const localeFor = (user: App.Locals['user']) =>
		decideLocale({
			preference: user?.locale ?? null,
			orgDefault: user ? (membershipOf(user)?.orgLocale ?? null) : null,
			cookie: event.cookies.get(LOCALE_COOKIE),
			acceptLanguage: event.request.headers.get('accept-language'),
			api: isApi
		});
	event.locals.locale = localeFor(null);
	event.locals.user = null;
	event.locals.session = null;
	event.locals.apiToken = null;
	// The process's services (database, bus, collab-server, mail, configuration), put on the request by the server.
	event.locals.ctx = contextOf(event.platform);

	if (Number(event.request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) {
		return errorResponse(
			new ApiError('payload_too_large', m.api_too_large({ mib: MAX_BODY_BYTES / 1024 / 1024 }), {
				limit_bytes: MAX_BODY_BYTES
			})
		);
	}

	// CSRF for the JSON API: a browser sends the session cookie with a cross-site request, so a
	// write that names another origin is refused (SvelteKit checks the same for form posts; API
	// tokens and clients that send no Origin, such as curl, are not cookie-driven).
	const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(event.request.method);
	const origin = event.request.headers.get('origin');
	if (isApi && unsafe && origin && origin !== event.url.origin && !event.request.headers.has('authorization')) {
		return errorResponse(new ApiError('forbidden', m.api_cross_site()));
	}

	const { sql } = event.locals.ctx;
	// API tokens act on the JSON API only; pages and their form actions need a signed-in session
	// (so a token cannot, say, mint another token through the Settings page).
	const bearer = isApi ? event.request.headers.get('authorization') : null;
	if (bearer) {
		const token = /^Bearer\s+(\S{1,200})$/i.exec(bearer)?.[1];
		const row = token ? await useApiToken(sql, token) : null;
		if (!row) return errorResponse(new ApiError('unauthenticated', m.api_token_invalid()));
		const user = await loadSessionUser(sql, row.user_id);
		if (!user) return errorResponse(new ApiError('unauthenticated', m.api_token_invalid()));
		// A token acts in the organization it was created for.
		user.memberships = user.memberships.filter((m) => m.orgId === row.org_id);
		event.locals.user = user;
		event.locals.apiToken = { id: row.id, orgId: row.org_id };
	} else {
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const result = await validateSessionToken(sql, token);
			if (result) {
				event.locals.user = result.user;
				event.locals.session = result.session;
				setSessionCookie(event, token, result.session.expiresAt);
			} else {
				// Tampered, expired or signed out elsewhere: treat as signed out.
				event.cookies.delete(SESSION_COOKIE, { path: '/' });
			}
		}
	}

	event.locals.locale = localeFor(event.locals.user);
	// Read when the page is drawn: saving a new language in Settings changes it for that very answer.
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%parley.lang%', event.locals.locale)
	});
	if (!response.headers.has('content-language')) response.headers.set('content-language', event.locals.locale);
	for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(k)) response.headers.set(k, v);
	}
	if (isApi && response.status >= 400 && !(response.headers.get('content-type') ?? '').includes('json')) {
		// SvelteKit's own answers (405, unknown route) in the API's error shape.
		const code = response.status === 405 ? 'method_not_allowed' : response.status === 404 ? 'not_found' : 'internal';
		const message =
			response.status === 405
				? m.api_method_not_allowed({ method: event.request.method, path: event.url.pathname })
				: response.status === 404
					? m.api_no_endpoint({ path: event.url.pathname })
					: m.error_try_again();
		return errorResponse(new ApiError(code, message), { allow: response.headers.get('allow') ?? '' });
	}
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`[app] ${event.request.method} ${event.url.pathname} failed`, error);
	return {
		message: status === 404 ? m.error_page_missing() : m.error_try_again()
	};
};
