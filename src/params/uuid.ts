import type { ParamMatcher } from '@sveltejs/kit';

/** Ids in routes are lower-case uuids; anything else is not found. */
export const match: ParamMatcher = (param) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(param);
