/**
 * The API's route table, collected from the handlers themselves: every `+server.ts` under
 * src/routes/api exports its methods made by `defineRoute`, which carry their OpenAPI entry; the path
 * and the method are where the handler is exported. The OpenAPI document (/api/v1/openapi.json) and
 * /api/docs are built from this table, so they cannot drift from the handlers.
 */
import { createHash } from 'node:crypto';
import { buildOpenApiDocument, TAGS, type HttpMethod, type OpenApiDocument, type RouteDoc } from '$lib/server/openapi';
import { docOf } from '$lib/server/route';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const modules = import.meta.glob<Record<string, unknown>>(['./**/+server.ts', '!./**/\\[...*\\]/+server.ts']);

/** `./v1/interviews/[id=uuid]/+server.ts` → `/api/v1/interviews/{id}`. */
export function pathOf(file: string): string {
	const dir = file.replace(/^\.\//, '').replace(/\/?\+server\.ts$/, '');
	return ['/api', ...dir.split('/').filter((seg) => seg && !/^\(.*\)$/.test(seg))]
		.map((seg) => seg.replace(/^\[(\w+)(=\w+)?\]$/, '{$1}'))
		.join('/');
}

/** Every exported handler under /api with its entry; throws for a handler exported without one. */
export async function apiRoutes(): Promise<RouteDoc[]> {
	const routes: RouteDoc[] = [];
	for (const [file, load] of Object.entries(modules)) {
		const mod = await load();
		for (const method of METHODS) {
			if (!(method in mod)) continue;
			const doc = docOf(mod[method]);
			if (!doc)
				throw new Error(
					`${method} in src/routes/api/${file.slice(2)} is not made by defineRoute: it has no OpenAPI entry`
				);
			const { admits: _admits, ...entry } = doc;
			routes.push({ ...entry, method, path: pathOf(file) });
		}
	}
	const tagOrder = (r: RouteDoc) => TAGS.findIndex((t) => t.name === r.tag);
	return routes.sort(
		(a, b) =>
			tagOrder(a) - tagOrder(b) || a.path.localeCompare(b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method)
	);
}

let cached: Promise<{ document: OpenApiDocument; json: string; etag: string }> | null = null;

/** The document, its JSON text and an ETag for it, built once per process. */
export function openApiDocument(): Promise<{ document: OpenApiDocument; json: string; etag: string }> {
	cached ??= apiRoutes().then((routes) => {
		const document = buildOpenApiDocument(routes);
		const json = JSON.stringify(document);
		return { document, json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
	});
	return cached;
}
