import { statusEndpoint } from '$lib/server/status-endpoint';

/** POST /api/v1/interviews/{id}/cancel — cancels; the reason is required (admins). */
export const POST = statusEndpoint('cancelled', ['admin'], true);
