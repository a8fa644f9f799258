import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './auth';

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(event: { cookies: Cookies; url: URL }, token: string, expiresAt: Date): void {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: expiresAt
	});
}

/** Removes the session cookie. */
export function clearSessionCookie(event: { cookies: Cookies }): void {
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
}
