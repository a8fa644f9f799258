/** Wraps an API handler: ApiErrors become their status and body; anything else a logged 500. */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { ApiError, errorResponse } from './errors';
import { m } from '$lib/paraglide/messages';

/** An API handler that returns a Response or a value to send as JSON (200). */
export function endpoint<E extends RequestEvent>(
	fn: (event: E) => Promise<Response | unknown>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			const result = await fn(event);
			return result instanceof Response ? result : json(result);
		} catch (err) {
			return toErrorResponse(err, event);
		}
	};
}

/** The API response for any thrown value. */
export function toErrorResponse(err: unknown, event?: RequestEvent): Response {
	if (err instanceof ApiError) return errorResponse(err);
	// SvelteKit redirects and errors thrown by guards shared with pages.
	if (isHttpError(err))
		return errorResponse(new ApiError(err.status === 404 ? 'not_found' : 'forbidden', err.body.message));
	console.error(`[api] ${event?.request.method} ${event?.url.pathname} failed`, err);
	return errorResponse(new ApiError('internal', m.api_internal()));
}

function isHttpError(err: unknown): err is { status: number; body: { message: string } } {
	return typeof err === 'object' && err !== null && 'status' in err && 'body' in err;
}

export type { RequestHandler };
