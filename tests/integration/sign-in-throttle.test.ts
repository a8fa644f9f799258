/**
 * Sign-in throttling (decision 39): failures count per email and address together, plus a ceiling
 * per address across emails, so a person who guesses from one address never locks the account for its
 * owner elsewhere. Requests come from distinct loopback addresses (tests/helpers/from-address.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed';
import { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS } from '../../src/lib/server/sign-in-throttle';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';
import { postFrom } from '../helpers/from-address';

const kinds = await databaseKinds();

describe.each(kinds)('sign-in throttling against the %s database', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind);
	});
	afterAll(async () => {
		await app?.close();
	});

	const signIn = (from: string, email: string, password: string) =>
		postFrom(from, app.url, '/api/v1/auth/login', { email, password });

	it('locks an email only for the address its failures came from, and says when to retry', async () => {
		const email = DEMO_ACCOUNTS.admin.email;
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
			expect((await signIn('127.0.0.2', email, `wrong-${i}`)).status).toBe(401);
		const refused = await signIn('127.0.0.2', email, DEMO_PASSWORD);
		expect(refused.status).toBe(429);
		expect(refused.body.error).toMatchObject({ code: 'rate_limited', details: { scope: 'email' } });
		expect(refused.body.error.message).toMatch(
			/^Too many failed sign-ins for this email from your network\. Try again in 1[45] minutes\.$/
		);
		const retryAfter = Number(refused.headers['retry-after']);
		expect(retryAfter).toBeGreaterThan(800);
		expect(retryAfter).toBeLessThanOrEqual(900);
		expect(refused.body.error.details.retry_after_s).toBe(retryAfter);

		// The owner, elsewhere, signs in at once; the attacker's address stays refused.
		const owner = await signIn('127.0.0.3', email, DEMO_PASSWORD);
		expect(owner.status).toBe(200);
		expect(owner.headers['set-cookie']?.[0]).toMatch(/^parley_session=/);
		expect((await signIn('127.0.0.2', email, DEMO_PASSWORD)).status).toBe(429);
	});

	it('refuses an address that sprays many emails, and nobody else', async () => {
		const from = '127.0.0.4';
		for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i += 5)
			await Promise.all(
				Array.from({ length: 5 }, async (_, j) => {
					const res = await signIn(from, `nobody-${i + j}@spray.test`, 'guess-123456');
					expect(res.status).toBe(401);
				})
			);
		// Every further attempt from there is refused, a real account's right password included.
		const refused = await signIn(from, DEMO_ACCOUNTS.interviewers[0]!.email, DEMO_PASSWORD);
		expect(refused.status).toBe(429);
		expect(refused.body.error).toMatchObject({ code: 'rate_limited', details: { scope: 'address' } });
		expect(refused.body.error.message).toMatch(/^Too many failed sign-ins from your network\./);
		expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
		// The same person from another address is not affected.
		expect((await signIn('127.0.0.5', DEMO_ACCOUNTS.interviewers[0]!.email, DEMO_PASSWORD)).status).toBe(200);
	});

	it('refuses on the sign-in page too, with the same sentence and a Retry-After', async () => {
		// app.request comes from 127.0.0.1, like the page's form post below.
		const email = DEMO_ACCOUNTS.interviewers[1]!.email;
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
			expect((await app.api('POST', '/api/v1/auth/login', undefined, { email, password: `wrong-${i}` })).status).toBe(
				401
			);
		const res = await app.request('/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString()
		});
		expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
		const answer = (await res.json()) as { type: string; status: number; data: string };
		expect(answer).toMatchObject({ type: 'failure', status: 429 });
		expect(answer.data).toContain('Too many failed sign-ins for this email from your network.');
		expect((await signIn('127.0.0.7', email, DEMO_PASSWORD)).status).toBe(200);
	});
});
