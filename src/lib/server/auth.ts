/**
 * Sessions the Lucia way (lucia-auth.com): a random token in an HttpOnly cookie, only its SHA-256
 * stored, 30-day expiry renewed when less than half is left. Passwords hashed with argon2id.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Sql } from '../../../db/client';
import type { Role } from '$lib/contract/roles';
import { generateToken, hashToken } from './tokens';
import { addressKey } from './address';
import { recordAttempt, throttleMessage, type ThrottleScope } from './sign-in-throttle';
import { asLocale, BASE_LOCALE, type Locale } from '$lib/i18n/locale';
import { m } from '$lib/paraglide/messages';

export const SESSION_COOKIE = 'parley_session';
export const SESSION_TTL_MS = 30 * 24 * 3600_000;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	timezone: string | null;
	/** Their own language choice (Settings); null until they make one. */
	locale: Locale | null;
	memberships: { orgId: string; orgName: string; orgTimezone: string; orgLocale: Locale; role: Role }[];
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
	kind: 'password' | 'link';
}

export { generateToken, hashToken };

/** Hashes a password with argon2id and the library's recommended parameters. */
export function hashPassword(password: string): Promise<string> {
	return hash(password, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
}

/** Checks a password against a stored hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/**
 * Creates a session for the user and returns the token for the cookie. A session opened by a
 * candidate's personal link names the link and never outlives it.
 */
export async function createSession(
	sql: Sql,
	userId: string,
	kind: Session['kind'] = 'password',
	link?: { id: string; expiresAt: Date }
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const expiresAt = new Date(Math.min(Date.now() + SESSION_TTL_MS, link?.expiresAt.getTime() ?? Infinity));
	const session: Session = { id: hashToken(token), userId, expiresAt, kind };
	await sql`insert into sessions (id, user_id, expires_at, kind, link_id)
		values (${session.id}, ${userId}, ${session.expiresAt}, ${kind}, ${link?.id ?? null})`;
	return { token, session };
}

/**
 * Resolves a cookie token to its session and user; expired or unknown → null. Renews at half-life.
 * A link session also ends as soon as its link is revoked, replaced or expired.
 */
export async function validateSessionToken(
	sql: Sql,
	token: string
): Promise<{ session: Session; user: SessionUser } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	const [row] = await sql<
		{ user_id: string; expires_at: Date; kind: Session['kind']; link_expires_at: Date | null; link_ok: boolean }[]
	>`select s.user_id, s.expires_at, s.kind, l.expires_at as link_expires_at,
			coalesce(l.revoked_at is null and l.expires_at > now(), false) as link_ok
		from sessions s left join candidate_links l on l.id = s.link_id
		where s.id = ${id}`;
	if (!row) return null;
	const now = Date.now();
	if (row.expires_at.getTime() <= now || (row.kind === 'link' && !row.link_ok)) {
		await sql`delete from sessions where id = ${id}`;
		return null;
	}
	const session: Session = { id, userId: row.user_id, expiresAt: row.expires_at, kind: row.kind };
	const limit = row.kind === 'link' && row.link_expires_at ? row.link_expires_at.getTime() : Infinity;
	if (row.expires_at.getTime() - now < SESSION_TTL_MS / 2 && row.expires_at.getTime() < limit) {
		session.expiresAt = new Date(Math.min(now + SESSION_TTL_MS, limit));
		await sql`update sessions set expires_at = ${session.expiresAt} where id = ${id}`;
	}
	const user = await loadSessionUser(sql, row.user_id);
	return user ? { session, user } : null;
}

/** The user with their memberships, as `locals.user` carries them. */
export async function loadSessionUser(sql: Sql, userId: string): Promise<SessionUser | null> {
	const rows = await sql<
		{
			id: string;
			email: string;
			name: string;
			timezone: string | null;
			locale: string | null;
			org_id: string | null;
			org_name: string | null;
			org_timezone: string | null;
			org_locale: string | null;
			role: Role | null;
		}[]
	>`select u.id, u.email, u.name, u.timezone, u.locale, m.org_id, o.name as org_name, o.timezone as org_timezone,
			o.default_locale as org_locale, m.role
		from users u
		left join memberships m on m.user_id = u.id
		left join organizations o on o.id = m.org_id
		where u.id = ${userId}
		order by o.name`;
	const first = rows[0];
	if (!first) return null;
	return {
		id: first.id,
		email: first.email,
		name: first.name,
		timezone: first.timezone,
		locale: asLocale(first.locale),
		memberships: rows
			.filter((r) => r.org_id && r.role)
			.map((r) => ({
				orgId: r.org_id!,
				orgName: r.org_name!,
				orgTimezone: r.org_timezone!,
				orgLocale: asLocale(r.org_locale) ?? BASE_LOCALE,
				role: r.role!
			}))
	};
}

/** Deletes one session (sign-out). */
export async function invalidateSession(sql: Sql, sessionId: string): Promise<void> {
	await sql`delete from sessions where id = ${sessionId}`;
}

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; scope: ThrottleScope; retryAfterSec: number; message: string };

/** What a refused sign-in says, in the request's language; never which of the two was wrong. */
export function invalidLoginMessage(): string {
	return m.login_invalid();
}

/**
 * Checks an email and password from a client address. Wrong email and wrong password answer alike
 * (and take about as long); too many failures for this email from this address, or from this address
 * at all, are refused outright (sign-in-throttle.ts), never for anybody elsewhere.
 */
export async function checkLogin(sql: Sql, emailRaw: string, password: string, address: string): Promise<LoginResult> {
	const email = emailRaw.trim().toLowerCase();
	const attempt = await recordAttempt(sql, email, addressKey(address));
	if (attempt.throttled) {
		const { scope, retryAfterSec } = attempt.throttled;
		return { ok: false, reason: 'rate_limited', scope, retryAfterSec, message: throttleMessage(attempt.throttled) };
	}
	const [user] = await sql<{ id: string; password_hash: string | null }[]>`
		select id, password_hash from users where email = ${email}`;
	// Verify against a dummy hash when the user is unknown so both failures cost the same time.
	const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
	if (user && user.password_hash && ok) {
		await attempt.succeeded();
		return { ok: true, userId: user.id };
	}
	return { ok: false, reason: 'invalid' };
}

// argon2id hash of a random string nobody knows; only used to equalise timing.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0nVwBXUu7PoxiVJX6dPlCeBJbx3sYOdDZ6PLW6RTEJ4';
