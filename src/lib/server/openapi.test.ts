import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { validateScorecard } from '$lib/domain/scorecards';
import * as S from '$lib/contract/api';
import { apiRoutes, pathOf } from '../../routes/api/routes.server';
import { ApiError, type ErrorCode } from './errors';
import { buildOpenApiDocument, ERROR_CODES_BY_STATUS, errorDescription, TAGS } from './openapi';
import { defineRoute, docOf, type RouteSpec } from './route';

/** The route table as the app builds it: from the entries the handlers carry. */
const ROUTES = await apiRoutes();
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

const SPEC: RouteSpec<typeof S.PageQuery, typeof S.ReasonBody> = {
	operationId: 'test',
	tag: 'Interviews',
	summary: 'A test route',
	access: ['admin'],
	who: 'Admins.',
	query: S.PageQuery,
	body: S.ReasonBody,
	responses: { 200: { description: 'What it read.' } },
	errors: {}
};

/** A request to the API as the hooks leave it, by a member with this role (or nobody). */
function apiEvent(role: 'admin' | 'interviewer' | null, url: string, body?: unknown): RequestEvent {
	const user = role && {
		id: 'u1',
		name: 'Test',
		email: 't@example.com',
		timezone: null,
		locale: null,
		memberships: [{ orgId: 'o1', orgName: 'Org', orgTimezone: 'UTC', orgLocale: 'en', role }]
	};
	return {
		url: new URL(url),
		request: new Request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body ?? {})
		}),
		locals: { user, session: null, apiToken: null },
		params: {}
	} as unknown as RequestEvent;
}

describe('the route table', () => {
	it('is collected from the handlers under src/routes/api', () => {
		expect(ROUTES.length).toBeGreaterThan(40);
		expect(ROUTES.map(key)).toContain('PATCH /api/v1/interviews/{id}');
		expect(ROUTES.map(key)).toContain('GET /api/health');
		expect(ROUTES.map(key)).toContain('POST /api/v1/interviews/{id}/cancel');
		expect(new Set(ROUTES.map(key)).size).toBe(ROUTES.length);
	});

	it('takes the path from where the handler is exported', () => {
		expect(pathOf('./v1/interviews/[id=uuid]/scorecards/mine/+server.ts')).toBe(
			'/api/v1/interviews/{id}/scorecards/mine'
		);
		expect(pathOf('./v1/feeds/[token]/+server.ts')).toBe('/api/v1/feeds/{token}');
		expect(pathOf('./health/+server.ts')).toBe('/api/health');
	});

	it('puts every route into the generated document', () => {
		const doc = buildOpenApiDocument(ROUTES);
		const inDoc = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)
		);
		expect(inDoc.sort()).toEqual(ROUTES.map(key).sort());
	});

	it('lists 401 for every guarded route and 400/413/422 for every route that reads a body', () => {
		for (const route of ROUTES) {
			if (route.access !== 'public') expect(route.errors[401], key(route)).toBeTruthy();
			if (route.body) for (const s of [400, 413, 422] as const) expect(route.errors[s], key(route)).toBeTruthy();
			if (route.query && route.query !== S.LeaveRoomQuery) expect(route.errors[422], key(route)).toBeTruthy();
			if (route.path.includes('{id}') && route.method !== 'DELETE' && !route.path.endsWith('/join'))
				expect(route.errors[404], key(route)).toBeTruthy();
		}
	});

	it('keeps the status of each error code as errors.ts assigns it', () => {
		const codes = S.ErrorBody.shape.error.shape.code.options;
		for (const code of codes) {
			const status = new ApiError(code as ErrorCode, '').status as keyof typeof ERROR_CODES_BY_STATUS;
			expect(ERROR_CODES_BY_STATUS[status], code).toContain(code);
		}
		expect(Object.values(ERROR_CODES_BY_STATUS).flat().sort()).toEqual([...codes].sort());
	});

	it('lists `archived` on the 409 of the routes that can answer it, and of no other', () => {
		const doc = buildOpenApiDocument(ROUTES) as unknown as {
			paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
		};
		const conflicts = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.entries(ops).flatMap(([method, op]) =>
				op.responses?.['409'] ? [[`${method.toUpperCase()} ${path}`, op.responses['409'].description] as const] : []
			)
		);
		const listing = (d: string) => d.slice(d.lastIndexOf('(code '));
		const archived = conflicts.filter(([, d]) => listing(d).includes('`archived`')).map(([k]) => k);
		expect(archived).toContain('PATCH /api/v1/interviews/{id}');
		expect(archived).toContain('POST /api/v1/interviews/{id}/cancel');
		expect(archived).not.toContain('POST /api/v1/members');
		expect(archived).not.toContain('POST /api/v1/interviews');
		for (const [key, d] of conflicts) expect(listing(d).includes('`archived`'), key).toBe(d.includes('(`archived`'));
		expect(errorDescription(409, 'The message has not failed.')).toBe('The message has not failed. (code `conflict`)');
		expect(errorDescription(422, 'Bad.')).toBe('Bad. (code `validation_failed` or `rule_violated`)');
	});

	it('uses only tags it describes, and describes no tag it does not use', () => {
		expect([...new Set(ROUTES.map((r) => r.tag))].sort()).toEqual(TAGS.map((t) => t.name).sort());
	});

	it('gives every operation a unique operationId', () => {
		const ids = ROUTES.map((r) => r.operationId);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('defineRoute', () => {
	const route = defineRoute(SPEC, async (_event, input) => ({ query: input.query(), body: await input.body() }));

	it('carries its entry', () => {
		expect(docOf(route)).toBe(SPEC);
		expect(docOf(async () => new Response())).toBeNull();
	});

	it('answers 401 and 403 for callers outside its access before the handler runs', async () => {
		let ran = false;
		const guarded = defineRoute(SPEC, async () => {
			ran = true;
			return {};
		});
		expect((await guarded(apiEvent(null, 'http://x/api/v1/t'))).status).toBe(401);
		expect((await guarded(apiEvent('interviewer', 'http://x/api/v1/t'))).status).toBe(403);
		expect(ran).toBe(false);
		expect((await guarded(apiEvent('admin', 'http://x/api/v1/t'))).status).toBe(200);
		expect(ran).toBe(true);
	});

	it('reads the query and the body with the schemas of its entry', async () => {
		const ok = await route(apiEvent('admin', 'http://x/api/v1/t?page=2', { reason: ' Moved ' }));
		expect(await ok.json()).toEqual({ query: { page: 2, page_size: 50 }, body: { reason: 'Moved' } });
		const badQuery = await route(apiEvent('admin', 'http://x/api/v1/t?page=0', { reason: 'x' }));
		expect(badQuery.status).toBe(422);
		const badBody = await route(apiEvent('admin', 'http://x/api/v1/t', { reason: '' }));
		expect(badBody.status).toBe(422);
	});
});

describe('the generated document', () => {
	const doc = buildOpenApiDocument(ROUTES);

	it('resolves every $ref to a component', () => {
		const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
		expect(refs.length).toBeGreaterThan(20);
		for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
	});

	it('carries the request constraints of the contract', () => {
		const body = doc.components.schemas.NewInterviewBody as {
			properties: Record<string, Record<string, unknown>>;
			required: string[];
		};
		expect(body.properties.duration_min).toEqual({ type: 'integer' });
		expect(body.properties.panel).toMatchObject({
			type: 'array',
			maxItems: 12,
			items: { type: 'string', format: 'uuid' }
		});
		expect(body.properties.type!.enum).toEqual(S.INTERVIEW_TYPE.options);
		expect(body.properties.round).toMatchObject({ type: 'integer', minimum: 1, maximum: 20, default: 1 });
		expect(body.required).not.toContain('round');
		expect(body.required).toContain('panel');
		const patch = doc.components.schemas.PatchInterviewBody as { additionalProperties?: boolean };
		expect(patch.additionalProperties).toBe(false);
	});

	it('shows a comma-separated list parameter as an unexploded array', () => {
		const params = doc.paths['/api/v1/interviews']!.get!.parameters as Record<string, unknown>[];
		expect(params.find((p) => p.name === 'status')).toMatchObject({
			in: 'query',
			style: 'form',
			explode: false,
			schema: { type: 'array', items: { enum: S.INTERVIEW_STATUS.options } }
		});
		const slots = doc.paths['/api/v1/availability']!.get!.parameters as Record<string, unknown>[];
		expect(slots.find((p) => p.name === 'interviewer_ids')).toMatchObject({
			required: true,
			schema: { type: 'array', minItems: 1, maxItems: 12, items: { format: 'uuid' } }
		});
	});
});

describe('ScorecardBody', () => {
	const samples: unknown[] = [
		{ rating: 3, recommendation: 'hire' },
		{ rating: 5, recommendation: 'reject', feedback: 'Clear and kind.' },
		{ rating: 1, recommendation: 'maybe', feedback: '' },
		{ rating: 0, recommendation: 'hire' },
		{ rating: 6, recommendation: 'hire' },
		{ rating: 2.5, recommendation: 'hire' },
		{ rating: 3, recommendation: 'strong_hire' },
		{ rating: 3 },
		{ recommendation: 'proceed' },
		{ rating: 3, recommendation: 'proceed', feedback: 'x'.repeat(20_001) },
		{ rating: 3, recommendation: 'proceed', feedback: 'x'.repeat(20_000) },
		{ rating: 3, recommendation: 'proceed', feedback: 42 },
		[],
		'text'
	];
	it.each(samples.map((s) => [JSON.stringify(s).slice(0, 60), s]))(
		'accepts %s exactly when validateScorecard does',
		(_, sample) => {
			expect(S.ScorecardBody.safeParse(sample).success).toBe(validateScorecard(sample).ok);
		}
	);
});
