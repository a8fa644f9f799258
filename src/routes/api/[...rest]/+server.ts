import type { RequestHandler } from './$types';
import { ApiError, errorResponse } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';

/** Any unknown API path: a JSON 404 (not the HTML error page). */
const notFound: RequestHandler = ({ url }) =>
	errorResponse(new ApiError('not_found', m.api_no_endpoint({ path: url.pathname })));
export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
