/**
 * An API token's "last used" (settings and `GET /api/v1/tokens`) is kept to the minute: the first
 * request writes it, the next ones within the minute only read the token, a later one writes it
 * again; a revoked token is refused however recently it was used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { TOKEN_USE_PRECISION_S } from '../../src/lib/server/api-tokens';
import { databaseKinds } from '../helpers/db';
import { startTestApp, type TestApp } from '../helpers/app';

const kinds = await databaseKinds();

describe.each(kinds)('an API token’s last use on the %s database', (kind) => {
	let app: TestApp;
	let admin: string;

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
	});
	afterAll(async () => {
		await app?.close();
	});

	const withToken = (token: string) =>
		app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
	const lastUsed = async (id: string) => {
		const [row] = await app.runtime.db.sql<{ last_used_at: Date | null }[]>`
			select last_used_at from api_tokens where id = ${id}`;
		return row!.last_used_at?.getTime() ?? null;
	};

	it('writes it on the first use, not again within the minute, and again after it', async () => {
		const created = await app.api('POST', '/api/v1/tokens', admin, { name: 'Sync script' });
		expect(created.status).toBe(201);
		const { id, token } = created.body as { id: string; token: string };
		expect(await lastUsed(id)).toBeNull();

		expect(await withToken(token)).toBe(200);
		const first = await lastUsed(id);
		expect(first).not.toBeNull();
		await new Promise((r) => setTimeout(r, 20));
		for (let i = 0; i < 3; i++) expect(await withToken(token)).toBe(200);
		expect(await lastUsed(id)).toBe(first);

		// A minute and a bit later (moved back rather than waited for): the next use writes it again.
		const earlier = new Date(first! - (TOKEN_USE_PRECISION_S + 5) * 1000);
		await app.runtime.db.sql`update api_tokens set last_used_at = ${earlier} where id = ${id}`;
		expect(await withToken(token)).toBe(200);
		expect(await lastUsed(id)).toBeGreaterThan(earlier.getTime());
		const listed = (await app.api('GET', '/api/v1/tokens', admin)).body.data as { id: string; last_used_at: string }[];
		expect(Date.parse(listed.find((t) => t.id === id)!.last_used_at)).toBeGreaterThan(earlier.getTime());
	});

	it('refuses a revoked token, and an unknown one, without touching any row', async () => {
		const created = await app.api('POST', '/api/v1/tokens', admin, { name: 'Old script' });
		const { id, token } = created.body as { id: string; token: string };
		expect(await withToken(token)).toBe(200);
		expect((await app.api('DELETE', `/api/v1/tokens/${id}`, admin)).status).toBeLessThan(300);
		const before = await lastUsed(id);
		expect(await withToken(token)).toBe(401);
		expect(await withToken('prl_unknown')).toBe(401);
		expect(await lastUsed(id)).toBe(before);
	});
});
