import { statusEndpoint } from '$lib/server/status-endpoint';

/** POST /api/v1/interviews/{id}/complete — marks it completed (admins and the panel). */
export const POST = statusEndpoint('completed', ['admin', 'interviewer'], false);
