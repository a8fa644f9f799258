import { statusEndpoint } from '$lib/server/status-endpoint';

/** POST /api/v1/interviews/{id}/no-show — records that the candidate did not come (admins). */
export const POST = statusEndpoint('no_show', ['admin'], false);
