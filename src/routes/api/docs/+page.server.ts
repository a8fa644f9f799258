import type { PageServerLoad } from './$types';
import { openApiDocument } from '../routes.server';

/** /api/docs — the API reference, rendered from the same OpenAPI document as /api/v1/openapi.json. Public. */
export const load: PageServerLoad = async () => ({ document: (await openApiDocument()).document });
