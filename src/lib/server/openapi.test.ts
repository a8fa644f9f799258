import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateScorecard } from '$lib/domain/scorecards';
import { ROLES } from '$lib/roles';
import { ApiError, type ErrorCode } from './errors';
import { buildOpenApiDocument, ERROR_CODES_BY_STATUS, ROUTES, TAGS, type RouteDoc } from './openapi';
import * as S from './schemas';

const ROUTES_DIR = fileURLToPath(new URL('../../routes', import.meta.url));
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'fallback'] as const;

interface Handler {
	method: string;
	path: string;
	file: string;
	/** The source of this one export (up to the next exported handler). */
	source: string;
}

/** Every exported handler of every +server.ts under src/routes/api, except the catch-all 404. */
function apiHandlers(): Handler[] {
	const files = readdirSync(join(ROUTES_DIR, 'api'), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('+server.ts'))
		.map((f) => join(ROUTES_DIR, 'api', f))
		.filter((f) => !f.includes('[...'));
	return files.flatMap((file) => {
		const dir = relative(ROUTES_DIR, file).split(sep).slice(0, -1);
		const path =
			'/' +
			dir
				.filter((seg) => !/^\(.*\)$/.test(seg))
				.map((seg) => seg.replace(/^\[(\w+)(=\w+)?\]$/, '{$1}'))
				.join('/');
		const text = readFileSync(file, 'utf8');
		const exportRe = new RegExp(`export\\s+(?:const|(?:async\\s+)?function)\\s+(${METHODS.join('|')})\\b`, 'g');
		const found = [...text.matchAll(exportRe)];
		return found.map((m, i) => ({
			method: m[1]!,
			path,
			file: relative(ROUTES_DIR, file),
			source: text.slice(m.index, found[i + 1]?.index ?? text.length)
		}));
	});
}

const handlers = apiHandlers();
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const schemaName = (schema: unknown) =>
	Object.entries(S).find(([, value]) => value === schema)?.[0] ?? (schema ? '(not in schemas.ts)' : undefined);
const routeOf = (h: Handler) => ROUTES.find((r) => key(r) === key(h));

/** What a handler's source says it reads: the body and query schema names. */
function readsOf(h: Handler): { body?: string; query?: string } {
	const body =
		/readJson\(event\.request,\s*(\w+)\)/.exec(h.source)?.[1] ??
		(/statusEndpoint\([^)]*,\s*true\)/.test(h.source) ? 'ReasonBody' : undefined) ??
		// Scorecards are validated by the domain's validateScorecard, which ScorecardBody describes.
		(/parseScorecard\(/.test(h.source) ? 'ScorecardBody' : undefined);
	const query =
		/readQuery\(event\.url,\s*(\w+)\)/.exec(h.source)?.[1] ??
		(/searchParams\.get\('peer_id'\)/.test(h.source) ? 'LeaveRoomQuery' : undefined);
	return { body, query };
}

/** The roles a handler's guard lets through, as written in its source. */
function guardOf(h: Handler): string[] | 'public' | 'signed_in' {
	const roles = (list: string) => [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]!).sort();
	const requireRole = /requireRole\(event,\s*([^)]*)\)/.exec(h.source);
	if (requireRole) return roles(requireRole[1]!);
	const status = /statusEndpoint\('\w+',\s*\[([^\]]*)\]/.exec(h.source);
	if (status) return roles(status[1]!);
	if (/visibleInterview\(/.test(h.source)) return ['admin', 'interviewer'];
	if (/requireUser\(event\)/.test(h.source)) return [...ROLES].sort();
	if (/locals\.user/.test(h.source)) return 'signed_in';
	return 'public';
}

/** Routes whose handler narrows its guard further: the access documented is the narrower one. */
const NARROWER_THAN_GUARD: Record<string, RouteDoc['access']> = {
	// requireRole(admin, interviewer), then 403 for anybody not on the panel, admins included.
	'PUT /api/v1/interviews/{id}/scorecards/mine': ['interviewer']
};

describe('the OpenAPI route table', () => {
	it('finds the API handlers on disk (the walk itself works)', () => {
		expect(handlers.length).toBeGreaterThan(30);
		expect(handlers.map(key)).toContain('PATCH /api/v1/interviews/{id}');
		expect(handlers.map(key)).toContain('GET /api/health');
	});

	it('documents every exported handler under src/routes/api and nothing that does not exist', () => {
		const onDisk = handlers.map(key).sort();
		const documented = ROUTES.map(key).sort();
		expect(documented.filter((k) => !onDisk.includes(k))).toEqual([]);
		expect(onDisk.filter((k) => !documented.includes(k))).toEqual([]);
		expect(new Set(documented).size).toBe(documented.length);
	});

	it('puts every documented operation into the generated document', () => {
		const doc = buildOpenApiDocument();
		const inDoc = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)
		);
		expect(inDoc.sort()).toEqual(handlers.map(key).sort());
	});

	it.each(handlers.map((h) => [key(h), h] as const))('%s names the schemas its handler reads', (_, h) => {
		const route = routeOf(h)!;
		const reads = readsOf(h);
		expect({ body: schemaName(route.body), query: schemaName(route.query) }).toEqual(reads);
	});

	it.each(handlers.map((h) => [key(h), h] as const))('%s names the roles its guard admits', (_, h) => {
		const route = routeOf(h)!;
		const documented =
			route.access === 'public' || route.access === 'signed_in' ? route.access : [...route.access].sort();
		expect(documented).toEqual(NARROWER_THAN_GUARD[key(h)] ?? guardOf(h));
	});

	it.each(handlers.map((h) => [key(h), h] as const))('%s documents the success statuses it answers', (_, h) => {
		const route = routeOf(h)!;
		const literal = [...h.source.matchAll(/\b(20[014])\b/g)].map((m) => Number(m[1]));
		const answered = literal.length ? [...new Set(literal)].sort() : [200];
		const documented = Object.keys(route.responses)
			.map(Number)
			.filter((s) => s < 300)
			.sort();
		expect(documented).toEqual(answered);
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

	it('uses only tags it describes, and describes no tag it does not use', () => {
		expect([...new Set(ROUTES.map((r) => r.tag))].sort()).toEqual(TAGS.map((t) => t.name).sort());
	});

	it('gives every operation a unique operationId', () => {
		const ids = ROUTES.map((r) => r.operationId);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('the generated document', () => {
	const doc = buildOpenApiDocument();

	it('resolves every $ref to a component', () => {
		const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
		expect(refs.length).toBeGreaterThan(20);
		for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
	});

	it('carries the request constraints of schemas.ts', () => {
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
