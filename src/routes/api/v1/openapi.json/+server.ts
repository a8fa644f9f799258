import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import { openApiDocument } from '../../routes.server';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas; public and cacheable. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'openapi',
		tag: 'Service',
		summary: 'This OpenAPI 3.1 document',
		description: 'Generated at start from the zod schemas the handlers validate with. Cacheable; carries an ETag.',
		access: 'public',
		who: 'Anybody.',
		responses: {
			200: {
				description: 'The OpenAPI document.',
				media: { type: 'application/json', description: 'An OpenAPI 3.1 document' }
			},
			304: { description: 'Unchanged since the ETag given in `If-None-Match`.' }
		},
		errors: {}
	},
	async ({ request }) => {
		const { json, etag } = await openApiDocument();
		const headers = { etag, 'cache-control': 'public, max-age=300, must-revalidate' };
		const wanted = (request.headers.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
		if (wanted.includes(etag) || wanted.includes('*')) return new Response(null, { status: 304, headers });
		return new Response(json, { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
	}
);
