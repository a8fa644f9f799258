import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { migrate } from '../../db/migrate';
import { hashToken } from '../../src/lib/server/auth';
import { databaseKinds } from '../helpers/db';
import { startTestApp, type TestApp } from '../helpers/app';

const kinds = await databaseKinds();
const ADMIN = DEMO_ACCOUNTS.admin.email;
const CANDIDATE = DEMO_ACCOUNTS.candidates[0].email;

describe.each(kinds)('foundation against the %s database', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind);
	});
	afterAll(async () => {
		await app?.close();
	});

	const post = (path: string, body: unknown, cookie?: string) =>
		app.request(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: typeof body === 'string' ? body : JSON.stringify(body),
			cookie
		});

	it('reports health and the database kind', async () => {
		const res = await app.request('/api/health');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ status: 'ok', db: kind, mail: 'log', outbox: { sending: 0, failed: 0 } });
		// The demo's booked interviews queued their invitations; nothing sends them in this test.
		expect(body.outbox.queued).toBeGreaterThan(0);
	});

	it('applies migrations once and records them', async () => {
		expect(await migrate(app.runtime.db.sql)).toEqual([]);
		const rows = await app.runtime.db.sql`select name from schema_migrations order by name`;
		expect(rows.map((r) => r.name)).toContain('001_core.sql');
	});

	it('signs a demo admin in and sets an HttpOnly SameSite=Lax session cookie', async () => {
		const res = await post('/api/v1/auth/login', { email: ADMIN, password: 'parley-demo' });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.user.email).toBe(ADMIN);
		expect(body.user.memberships[0].role).toBe('admin');
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^parley_session=[a-z2-7]{32};/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).not.toMatch(/Secure/i);
	});

	it('refuses a cookie-driven API write from another site, and allows one without an Origin', async () => {
		const cookie = await app.login(ADMIN);
		const res = await fetch(`${app.url}/api/v1/auth/logout`, {
			method: 'POST',
			headers: { cookie, origin: 'https://evil.example' }
		});
		expect(res.status).toBe(403);
		expect((await res.json()).error.code).toBe('forbidden');
		expect((await app.api('GET', '/api/v1/me', cookie)).status).toBe(200);
		const plain = await fetch(`${app.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
		expect(plain.status).toBeLessThan(300);
		expect((await app.api('GET', '/api/v1/me', cookie)).status).toBe(401);
	});

	it('stores only the SHA-256 of the session token', async () => {
		const cookie = await app.login(ADMIN);
		const token = cookie.split('=')[1]!;
		const rows = await app.runtime.db.sql`select id from sessions`;
		expect(rows.map((r) => r.id)).toContain(hashToken(token));
		expect(rows.map((r) => r.id)).not.toContain(token);
	});

	it('answers a wrong email and a wrong password with one and the same 401', async () => {
		const a = await post('/api/v1/auth/login', { email: 'nobody@x.test', password: 'whatever-123' });
		const b = await post('/api/v1/auth/login', {
			email: DEMO_ACCOUNTS.interviewers[0].email,
			password: 'wrong-password'
		});
		expect(a.status).toBe(401);
		expect(b.status).toBe(401);
		const [ja, jb] = [await a.json(), await b.json()];
		expect(ja).toEqual(jb);
		expect(ja.error.code).toBe('unauthenticated');
	});

	it('refuses the eleventh failed sign-in for one email within 15 minutes with 429', async () => {
		const email = DEMO_ACCOUNTS.candidates[5].email;
		for (let i = 0; i < 10; i++)
			expect((await post('/api/v1/auth/login', { email, password: `bad-${i}` })).status).toBe(401);
		const res = await post('/api/v1/auth/login', { email, password: 'parley-demo' });
		expect(res.status).toBe(429);
		expect((await res.json()).error.code).toBe('rate_limited');
	});

	it('returns the user with memberships from /me, and 401 without a session', async () => {
		const cookie = await app.login(CANDIDATE);
		const me = await app.request('/api/v1/me', { cookie });
		expect(me.status).toBe(200);
		expect((await me.json()).user.memberships[0]).toMatchObject({
			role: 'candidate',
			org_name: 'Northfield University Admissions'
		});
		const anon = await app.request('/api/v1/me');
		expect(anon.status).toBe(401);
		expect((await anon.json()).error).toMatchObject({ code: 'unauthenticated' });
	});

	it('treats a tampered or unknown cookie as signed out', async () => {
		const res = await app.request('/api/v1/me', { cookie: 'parley_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
		expect(res.status).toBe(401);
		const junk = await app.request('/api/v1/me', { cookie: 'parley_session=%00%ff<script>' });
		expect(junk.status).toBe(401);
	});

	it('treats an expired session as signed out and deletes it', async () => {
		const cookie = await app.login(ADMIN);
		const id = hashToken(cookie.split('=')[1]!);
		await app.runtime.db.sql`update sessions set expires_at = now() - interval '1 minute' where id = ${id}`;
		expect((await app.request('/api/v1/me', { cookie })).status).toBe(401);
		expect(await app.runtime.db.sql`select 1 from sessions where id = ${id}`).toHaveLength(0);
	});

	it('renews a session that is past half of its life', async () => {
		const cookie = await app.login(ADMIN);
		const id = hashToken(cookie.split('=')[1]!);
		await app.runtime.db.sql`update sessions set expires_at = now() + interval '3 days' where id = ${id}`;
		const res = await app.request('/api/v1/me', { cookie });
		expect(res.status).toBe(200);
		const [row] = await app.runtime.db.sql`select expires_at from sessions where id = ${id}`;
		expect((row!.expires_at as Date).getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
	});

	it('signs out: the session is deleted and the cookie stops working', async () => {
		const cookie = await app.login(ADMIN);
		expect((await post('/api/v1/auth/logout', {}, cookie)).status).toBe(200);
		expect((await app.request('/api/v1/me', { cookie })).status).toBe(401);
	});

	it('answers malformed JSON with 400, a missing field with 422 naming it, and a large body with 413', async () => {
		const bad = await post('/api/v1/auth/login', '{"email": ');
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.code).toBe('bad_json');
		const missing = await post('/api/v1/auth/login', { email: ADMIN });
		expect(missing.status).toBe(422);
		expect((await missing.json()).error.details.fields).toHaveProperty('password');
		const big = await post('/api/v1/auth/login', { email: ADMIN, password: 'x'.repeat(1024 * 1024 + 10) });
		expect(big.status).toBe(413);
		expect((await big.json()).error.code).toBe('payload_too_large');
	});

	it('answers unknown API paths and wrong methods in the error shape', async () => {
		const res = await app.request('/api/v1/nope');
		expect(res.status).toBe(404);
		expect((await res.json()).error.code).toBe('not_found');
		const wrong = await app.request('/api/v1/me', { method: 'DELETE' });
		expect(wrong.status).toBe(405);
		expect((await wrong.json()).error.code).toBe('method_not_allowed');
	});

	it('lets an admin invite an interviewer who sets a password once and signs in', async () => {
		const admin = await app.login(ADMIN);
		const res = await post(
			'/api/v1/members',
			{ email: 'New.Person@Northfield.test', name: 'New Person', role: 'interviewer' },
			admin
		);
		expect(res.status).toBe(201);
		const { invitation_url, invitation_mailed, invitation_email } = await res.json();
		// This server has no mail server (no SMTP_URL): the answer says so instead of "mailed".
		expect([invitation_mailed, invitation_email]).toEqual([false, 'no_mail_server']);
		// The invitation is queued with the member and only logged by the outbox worker (no SMTP_URL).
		await app.runtime.outbox.drain();
		const mail = app.runtime.mail.recent.find((m) => m.to.address === 'new.person@northfield.test')!;
		expect(mail).toMatchObject({
			to: { address: 'new.person@northfield.test' },
			subject: 'Northfield University Admissions invited you to Parley'
		});
		expect(mail.text).toContain(invitation_url);
		const token = new URL(invitation_url).pathname.split('/').pop()!;
		const [stored] = await app.runtime.db
			.sql`select token_hash from invitations where token_hash = ${hashToken(token)}`;
		expect(stored).toBeTruthy();
		const form = new URLSearchParams({ password: 'a-good-password', confirm: 'a-good-password' });
		const accept = await app.request(`/invite/${token}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: form.toString()
		});
		expect(accept.status).toBe(303);
		expect(accept.headers.get('location')).toBe('/my/interviews');
		await app.login('new.person@northfield.test', 'a-good-password');
		const again = await app.request(`/invite/${token}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: form.toString()
		});
		expect(again.status).toBe(410);
	});

	it('refuses member creation by a non-admin (403) and validates fields (422)', async () => {
		const interviewer = await app.login(DEMO_ACCOUNTS.interviewers[1].email);
		const res = await post('/api/v1/members', { email: 'x@y.test', name: 'X', role: 'candidate' }, interviewer);
		expect(res.status).toBe(403);
		const admin = await app.login(ADMIN);
		const invalid = await post('/api/v1/members', { email: 'not-an-email', name: '', role: 'boss' }, admin);
		expect(invalid.status).toBe(422);
		const fields = (await invalid.json()).error.details.fields;
		expect(Object.keys(fields).sort()).toEqual(['email', 'name', 'role']);
		expect(await app.runtime.db.sql`select 1 from users where email = 'x@y.test'`).toHaveLength(0);
	});

	it('redirects a signed-out visit to an admin page to /login and refuses a candidate', async () => {
		const anon = await app.request('/admin/calendar');
		expect(anon.status).toBe(303);
		expect(anon.headers.get('location')).toBe('/login?next=%2Fadmin%2Fcalendar');
		const candidate = await app.login(CANDIDATE);
		const res = await app.request('/admin/calendar', { cookie: candidate });
		expect(res.status).toBe(403);
	});
});
