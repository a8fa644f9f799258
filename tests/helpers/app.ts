/** Boots a real Parley (built app, collab-server, peer-server) on a free port for a test suite. */
import type { DbKind } from '../../db/client';
import { migrate } from '../../db/migrate';
import { completeDemo, seedDemo, DEMO_PASSWORD } from '../../db/seed';
import { loadConfig } from '../../server/config';
import { startParley, type Running } from '../../server/http';
import { projectCalendar } from '../../server/runtime';
import { createTestDatabase } from './db';

export interface TestApp extends Running {
	kind: DbKind;
	/** The demo organization. */
	orgId: string;
	/** fetch against the app with an optional cookie jar. */
	request(path: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
	/** Signs in through the API and returns the session cookie. */
	login(email: string, password?: string): Promise<string>;
	/** The organization's members as the API lists them to this admin: email → id. */
	memberIds(cookie: string): Promise<Record<string, string>>;
	/** Stops the servers (documents stored, connections closed) and starts new ones on the same database. */
	restart(): Promise<void>;
	/** JSON request with a cookie; returns status and parsed body. */
	api(method: string, path: string, cookie?: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Starts Parley on a fresh database of the given kind, seeded with the demo organization: its core
 * (the people and interviews the tests rely on) unless `demo: 'full'` asks for what `npm start` seeds.
 */
export async function startTestApp(
	kind: DbKind,
	env: Record<string, string> = {},
	opts: { demo?: 'core' | 'full' } = {}
): Promise<TestApp> {
	const db = await createTestDatabase(kind);
	await migrate(db.sql);
	const orgId = (await seedDemo(db.sql, { demo: opts.demo ?? 'core' }))!;
	const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: '0', PARLEY_JOBS: '0', ...env });
	let running = await startParley({ config, db, log: () => {} });
	await projectCalendar(running.runtime.collab, orgId);
	if (opts.demo === 'full') await completeDemo(db.sql, orgId);
	const app: TestApp = {
		...running,
		kind,
		orgId,
		async close() {
			await running.close();
			await db.close();
		},
		async restart() {
			await running.close();
			running = await startParley({ config: { ...config, PORT: running.port }, db, log: () => {} });
			Object.assign(app, { server: running.server, runtime: running.runtime });
		},
		async api(method, path, cookie, body) {
			const res = await app.request(path, {
				method,
				cookie,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
			});
			const text = await res.text();
			let parsed: unknown = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				// not JSON: keep the text
			}
			return { status: res.status, body: parsed };
		},
		request(path, init = {}) {
			const headers = new Headers(init.headers);
			if (init.cookie) headers.set('cookie', init.cookie);
			// Same-origin, as a browser would send it (SvelteKit checks Origin on form posts).
			if (init.method && init.method !== 'GET') headers.set('origin', app.url);
			return fetch(app.url + path, { ...init, headers, redirect: 'manual' });
		},
		async memberIds(cookie) {
			const members = (await app.api('GET', '/api/v1/members', cookie)).body.data as { id: string; email: string }[];
			return Object.fromEntries(members.map((m) => [m.email, m.id]));
		},
		async login(email, password = DEMO_PASSWORD) {
			const res = await app.request('/api/v1/auth/login', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, password })
			});
			if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
			const cookie = res.headers.get('set-cookie') ?? '';
			return cookie.split(';')[0] ?? '';
		}
	};
	return app;
}
