import type { RequestHandler } from './$types';
import { openApiDocument } from '$lib/server/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas; public and cacheable. */
export const GET: RequestHandler = ({ request }) => {
	const { json, etag } = openApiDocument();
	const headers = { etag, 'cache-control': 'public, max-age=300, must-revalidate' };
	const wanted = (request.headers.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
	if (wanted.includes(etag) || wanted.includes('*')) return new Response(null, { status: 304, headers });
	return new Response(json, { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
};
