/**
 * The generated API reference: /api/v1/openapi.json and /api/docs are public and complete, and the
 * response schemas they document match what the running endpoints really answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import type { HttpMethod } from '../../src/lib/server/openapi';
import { apiRoutes } from '../../src/routes/api/routes.server';
import { ErrorBody } from '../../src/lib/contract/api';
import { databaseKinds } from '../helpers/db';
import { startTestApp, type TestApp } from '../helpers/app';
import { bookDirect } from '../helpers/calendar';

const kinds = await databaseKinds();
/** The route table as the app builds it: from the entries its handlers carry. */
const ROUTES = await apiRoutes();
const [INES, , PRIYA] = DEMO_ACCOUNTS.interviewers;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Doc = {
	openapi: string;
	info: { title: string; version: string };
	paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
	components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
};

/** The documented route for a concrete path: `/api/v1/interviews/<uuid>/logs` → `/api/v1/interviews/{id}/logs`. */
function routeFor(method: HttpMethod, path: string) {
	const bare = path.split('?')[0]!;
	const route = ROUTES.find(
		(r) => r.method === method && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[0-9a-f-]{36}')}$`).test(bare)
	);
	if (!route) throw new Error(`no documented route for ${method} ${bare}`);
	return route;
}

/**
 * Fails unless the answer's status is documented for the route and its body is exactly the documented
 * schema: parsing drops unknown keys, so an undocumented field makes the parsed body differ.
 */
function expectDocumented(method: HttpMethod, path: string, res: { status: number; body: unknown }) {
	const route = routeFor(method, path);
	const where = `${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
	if (res.status >= 400) {
		expect(route.errors[res.status as keyof typeof route.errors], `undocumented error: ${where}`).toBeTruthy();
		expect(ErrorBody.parse(res.body), where).toEqual(res.body);
		return;
	}
	const ok = route.responses[res.status as keyof typeof route.responses];
	expect(ok, `undocumented status: ${where}`).toBeTruthy();
	if (ok?.schema) expect(ok.schema.parse(res.body), where).toEqual(res.body);
}

describe.each(kinds)('the API reference against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let doc: Doc;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
	});
	afterAll(async () => {
		await app?.close();
	});

	/** A JSON request whose answer must match the document. */
	async function call(method: HttpMethod, path: string, cookie?: string, body?: unknown) {
		const res = await app.api(method, path, cookie, body);
		expectDocumented(method, path, res);
		return res;
	}

	it('serves /api/v1/openapi.json without signing in, as cacheable OpenAPI 3.1', async () => {
		const res = await app.request('/api/v1/openapi.json');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('cache-control')).toMatch(/public/);
		const etag = res.headers.get('etag');
		expect(etag).toMatch(/^".+"$/);
		doc = await res.json();
		expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
		expect(doc.info).toMatchObject({ title: 'Parley API', version: expect.any(String) });
		expect(Object.keys(doc.paths).length).toBeGreaterThan(25);
		expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerToken', 'sessionCookie']);
		for (const [path, ops] of Object.entries(doc.paths)) {
			expect(path).toMatch(/^\/api\//);
			for (const [method, op] of Object.entries(ops)) {
				expect(METHODS).toContain(method);
				expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
			}
		}
		const again = await app.request('/api/v1/openapi.json', { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
	});

	it('carries the constraints of the request schemas in schemas.ts', () => {
		const post = doc.paths['/api/v1/interviews']!.post as unknown as {
			requestBody: { content: { 'application/json': { schema: { $ref: string } } } };
		};
		const ref = post.requestBody.content['application/json'].schema.$ref;
		expect(ref).toBe('#/components/schemas/NewInterviewBody');
		const body = doc.components.schemas.NewInterviewBody as {
			properties: Record<string, Record<string, unknown>>;
			required: string[];
		};
		expect(body.properties.duration_min!.type).toBe('integer');
		expect(body.properties.panel).toMatchObject({
			type: 'array',
			maxItems: 12,
			items: { type: 'string', format: 'uuid' }
		});
		expect(body.properties.mode!.enum).toEqual(['online', 'offline']);
		expect(body.properties.start).toMatchObject({ type: 'string', format: 'date-time' });
		expect(body.required).toEqual(expect.arrayContaining(['application_id', 'start', 'duration_min', 'panel']));
		expect(doc.components.schemas.PatchInterviewBody!.additionalProperties).toBe(false);
		expect(doc.components.schemas.Interview!.required).toEqual(
			expect.arrayContaining(['id', 'candidate', 'start', 'end', 'panel', 'status', 'conflicts', 'problems'])
		);
	});

	it('names its servers and license, and describes every operation', () => {
		const full = doc as Doc & { servers?: { url: string }[]; info: { license?: { name: string } } };
		expect(full.servers?.length).toBeGreaterThan(0);
		expect(full.info.license?.name).toBeTruthy();
		for (const [path, ops] of Object.entries(doc.paths))
			for (const [method, op] of Object.entries(ops))
				expect((op as { description?: string }).description, `${method} ${path}`).toBeTruthy();
	});

	it('documents the 401 that every public endpoint answers to a bad bearer token, and answers it', async () => {
		const publicOps = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.entries(ops)
				.filter(([, op]) => (op as { security?: unknown[] }).security?.length === 0)
				.map(([method, op]) => ({ method: method.toUpperCase(), path, op }))
		);
		expect(publicOps.length).toBeGreaterThan(4);
		for (const { method, path, op } of publicOps) {
			expect(op.responses['401'], `${method} ${path}`).toBeDefined();
			const concrete = path.replace(/\{\w+\}/g, 'abcdefghijklmnopqrstuvwxyz234567');
			const res = await app.request(concrete, {
				method,
				headers: { authorization: 'Bearer prl_not-a-token', 'content-type': 'application/json' },
				body: method === 'GET' ? undefined : '{}'
			});
			expect(res.status, `${method} ${path}`).toBe(401);
			expect(ErrorBody.parse(await res.json()).error.code).toBe('unauthenticated');
		}
	});

	it('renders /api/docs as a public HTML page listing every operation', async () => {
		const res = await app.request('/api/docs');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await res.text();
		expect(html).toContain('<title>API reference · Parley</title>');
		for (const [path, ops] of Object.entries(doc.paths)) {
			for (const [method, op] of Object.entries(ops)) {
				expect(html, `${method} ${path}`).toContain(`id="${op.operationId}"`);
				expect(html).toContain(path);
			}
		}
		for (const name of ['NewInterviewBody', 'Interview', 'Error']) expect(html).toContain(`id="schema-${name}"`);
		expect(html).toContain('duration_min');
		expect(html).toContain('href="/api/v1/openapi.json"');
	});

	it('still answers unknown API paths with the JSON 404', async () => {
		const res = await app.api('GET', '/api/v1/openapi.yaml');
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('not_found');
	});

	it('documents what the read endpoints really answer', async () => {
		await call('GET', '/api/health');
		await call('GET', '/api/v1/me', admin);
		await call('GET', '/api/v1/me');
		await call('GET', '/api/v1/members?role=candidate', admin);
		await call('GET', '/api/v1/members?role=nobody', admin);
		await call('GET', '/api/v1/cycles', admin);
		await call('GET', '/api/v1/applications?page_size=5', admin);
		await call('GET', '/api/v1/interviews?status=scheduled,in_progress&sort=-start', admin);
		await call('GET', '/api/v1/interviews');
		await call('GET', '/api/v1/interviews/upcoming?days_ahead=30', admin);
		await call('GET', '/api/v1/collab/token', admin);
		await call('GET', '/api/v1/tokens', admin);
		const candidate = await app.login(DEMO_ACCOUNTS.candidates[6]!.email);
		const mine = await call('GET', '/api/v1/me/interviews', candidate);
		expect(mine.body.data.length).toBeGreaterThan(0);
		await call('GET', '/api/v1/interviews', candidate);
		const interviewer = await app.login(INES!.email);
		await call('GET', '/api/v1/me/interviews', interviewer);
		await call('GET', '/api/v1/members', interviewer);
	});

	it('documents what scheduling, scorecards, the room and the audit log really answer', async () => {
		const priya = ids[PRIYA!.email]!;
		const apps = (await app.api('GET', '/api/v1/applications?q=Sam', admin)).body.data;
		const sam = apps[0] as { id: string; candidate: { id: string } };
		const from = new Date(Date.now() + 3 * 86400_000).toISOString();
		const to = new Date(Date.now() + 10 * 86400_000).toISOString();
		const slots = await call(
			'GET',
			`/api/v1/availability?interviewer_ids=${priya}&candidate_id=${sam.candidate.id}&from=${from}&to=${to}&duration_min=45`,
			admin
		);
		expect(slots.body.data.length).toBeGreaterThan(0);
		await call('GET', `/api/v1/availability?interviewer_ids=${priya}&from=${to}&to=${from}&duration_min=45`, admin);

		const created = await call('POST', '/api/v1/interviews', admin, {
			application_id: sam.id,
			start: slots.body.data[0].start,
			duration_min: 45,
			timezone: 'Europe/Berlin',
			type: 'video',
			mode: 'online',
			panel: [priya]
		});
		expect(created.status).toBe(201);
		const id = created.body.id as string;
		await call('POST', '/api/v1/interviews', admin, { application_id: sam.id });
		await call('POST', '/api/v1/interviews', admin, '{not json');
		await call('GET', `/api/v1/interviews/${id}`, admin);
		await call('PATCH', `/api/v1/interviews/${id}`, admin, { location: 'Zoom', reason: 'clearer' });
		await call('PATCH', `/api/v1/interviews/${id}`, admin, { reason: 'nothing else' });
		await call('GET', `/api/v1/candidates/${sam.candidate.id}/interviews`, admin);

		const interviewer = await app.login(PRIYA!.email);
		await call('GET', `/api/v1/interviews/${id}/scorecards`, interviewer);
		// Too early: 409 until the interview starts.
		const early = await call('PUT', `/api/v1/interviews/${id}/scorecards/mine`, interviewer, {
			rating: 4,
			recommendation: 'hire'
		});
		expect(early.status).toBe(409);
		const [held] = await bookDirect(app, [
			{ candidate: DEMO_ACCOUNTS.candidates[2].email, startInMin: -40, mode: 'online', panel: [PRIYA!.email], round: 8 }
		]);
		const put = await call('PUT', `/api/v1/interviews/${held}/scorecards/mine`, interviewer, {
			rating: 4,
			recommendation: 'proceed',
			feedback: 'Clear thinking.'
		});
		expect(put.status).toBe(201);
		await call('PUT', `/api/v1/interviews/${held}/scorecards/mine`, admin, { rating: 4, recommendation: 'hire' });
		await call('POST', `/api/v1/interviews/${held}/finalize`, admin);
		await call('GET', `/api/v1/interviews/${held}/logs`, interviewer);
		await call('GET', `/api/v1/interviews/${id}/scorecards`, admin);
		await call('GET', `/api/v1/interviews/${id}/join`, interviewer);
		await call('POST', `/api/v1/interviews/${id}/join`, interviewer);
		// Inside a join window the answers are the documented 200s.
		const [open] = await bookDirect(app, [
			{ candidate: DEMO_ACCOUNTS.candidates[1].email, startInMin: 5, mode: 'online', panel: [PRIYA!.email], round: 9 }
		]);
		const joined = await call('POST', `/api/v1/interviews/${open}/join`, interviewer);
		expect(joined.status).toBe(200);
		await call('GET', `/api/v1/interviews/${open}/join`, interviewer);
		const left = await app.request(`/api/v1/interviews/${open}/join?peer_id=${joined.body.peer_id}`, {
			method: 'DELETE',
			cookie: interviewer
		});
		expect(left.status).toBe(204);
		const ics = await app.request(`/api/v1/interviews/${id}/ics`, { cookie: interviewer });
		expect(ics.status).toBe(200);
		expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);

		await call('POST', `/api/v1/interviews/${id}/cancel`, admin, {});
		const cancelled = await call('POST', `/api/v1/interviews/${id}/cancel`, admin, { reason: 'Candidate withdrew' });
		expect(cancelled.body.status).toBe('cancelled');
		await call('POST', `/api/v1/interviews/${id}/complete`, admin);
		const logs = await call('GET', `/api/v1/interviews/${id}/logs`, admin);
		expect(logs.body.data.map((l: { action: string }) => l.action)).toContain('cancelled');
		await call('GET', `/api/v1/interviews/${crypto.randomUUID()}`, admin);
	});

	it('documents what API tokens and candidate links really answer', async () => {
		const created = await call('POST', '/api/v1/tokens', admin, { name: 'openapi test' });
		expect(created.status).toBe(201);
		const bearer = { authorization: `Bearer ${created.body.token}` };
		const me = await app.request('/api/v1/me', { headers: bearer });
		expectDocumented('GET', '/api/v1/me', { status: me.status, body: await me.json() });
		const minted = await app.request('/api/v1/tokens', {
			method: 'POST',
			headers: { ...bearer, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'from a token' })
		});
		expect(minted.status).toBe(403);
		expectDocumented('POST', '/api/v1/tokens', { status: minted.status, body: await minted.json() });
		await call('DELETE', `/api/v1/tokens/${created.body.id}`, admin);
		await call('GET', '/api/v1/tokens', admin);

		const candidate = ids[DEMO_ACCOUNTS.candidates[0]!.email]!;
		await call('POST', `/api/v1/candidates/${candidate}/link`, admin);
		await call('POST', `/api/v1/candidates/${ids[INES!.email]}/link`, admin);
		const revoked = await app.request(`/api/v1/candidates/${candidate}/link`, { method: 'DELETE', cookie: admin });
		expect(revoked.status).toBe(204);
		expect(routeFor('DELETE', `/api/v1/candidates/${candidate}/link`).responses[204]).toBeTruthy();
	});

	it('documents what changing one’s own time zone and working hours really answers', async () => {
		const interviewer = await app.login(INES!.email);
		const set = await call('PATCH', '/api/v1/me', interviewer, {
			timezone: 'Europe/Lisbon',
			working_hours: { weekdays: [1, 2, 3], start_time: '07:30', end_time: '15:00' }
		});
		expect(set.status).toBe(200);
		await call('GET', '/api/v1/me', interviewer);
		const reset = await call('PATCH', '/api/v1/me', interviewer, { working_hours: null });
		expect(reset.body.user.working_hours).toBeNull();
		await call('PATCH', '/api/v1/me', interviewer, { timezone: 'Nowhere/Special' });
		await call('PATCH', '/api/v1/me', interviewer, '{"timezone":');
		await call('PATCH', '/api/v1/me', undefined, { timezone: 'UTC' });
		const candidate = await app.login(DEMO_ACCOUNTS.candidates[1]!.email);
		await call('GET', '/api/v1/me', candidate);
		const refused = await call('PATCH', '/api/v1/me', candidate, { working_hours: null });
		expect(refused.status).toBe(403);
	});
});
