/**
 * `defineRoute`: an API handler and its OpenAPI entry in one. The entry is the route's contract and
 * drives it: its `access` is checked before the handler runs, and the handler reads its query and body
 * through `input`, parsed with the entry's schemas. The method and the path come from where the
 * handler is exported (src/routes/api/routes.server.ts collects them), so the document cannot drift from the
 * handlers.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Role } from '$lib/contract/roles';
import { endpoint } from './endpoint';
import { apiError } from './errors';
import { requireRole } from './guards';
import type { RouteDoc } from './openapi';
import { readJson, readQuery } from './validate';

/** A route's OpenAPI entry, without what its place in the tree says (method, path). */
export type RouteSpec<
	Q extends z.ZodObject | undefined = z.ZodObject | undefined,
	B extends z.ZodType | undefined = z.ZodType | undefined
> = Omit<RouteDoc, 'method' | 'path' | 'query' | 'body'> & {
	query?: Q;
	body?: B;
	/**
	 * Who passes the first check when the handler narrows further itself and answers the others in its
	 * own words (default: `access`).
	 */
	admits?: readonly Role[];
};

/** What the handler reads, parsed with the entry's schemas when it asks (so it keeps its own order of checks). */
export interface RouteInput<Q, B> {
	query(): Q extends z.ZodType ? z.output<Q> : undefined;
	body(): Promise<B extends z.ZodType ? z.output<B> : undefined>;
}

/** A handler that carries its entry. */
export type DocumentedHandler<E extends RequestEvent> = ((event: E) => Promise<Response>) & { doc: RouteSpec };

/** The 401/403 of an entry's `access`, before the handler runs. */
function admit(event: RequestEvent, spec: RouteSpec): void {
	const access = spec.admits ?? spec.access;
	if (access === 'public') return;
	if (access === 'signed_in') {
		if (!event.locals.user) throw apiError.unauthenticated();
		return;
	}
	requireRole(event, ...access);
}

export function defineRoute<
	E extends RequestEvent,
	Q extends z.ZodObject | undefined = undefined,
	B extends z.ZodType | undefined = undefined
>(spec: RouteSpec<Q, B>, fn: (event: E, input: RouteInput<Q, B>) => Promise<Response | unknown>): DocumentedHandler<E> {
	const handler = endpoint(async (event: E) => {
		admit(event, spec);
		const input = {
			query: () => (spec.query ? readQuery(event.url, spec.query) : undefined),
			body: async () => (spec.body ? readJson(event.request, spec.body) : undefined)
		} as RouteInput<Q, B>;
		return fn(event, input);
	});
	return Object.assign(handler, { doc: spec as RouteSpec });
}

/** The entry of an exported handler, if it was made by `defineRoute`. */
export function docOf(handler: unknown): RouteSpec | null {
	return typeof handler === 'function' && 'doc' in handler ? (handler as { doc: RouteSpec }).doc : null;
}
