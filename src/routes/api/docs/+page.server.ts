import type { PageServerLoad } from './$types';
import { openApiDocument } from '$lib/server/openapi';

/** /api/docs — the API reference, rendered from the same OpenAPI document as /api/v1/openapi.json. Public. */
export const load: PageServerLoad = () => ({ document: openApiDocument().document });
