import { statusEndpoint } from '$lib/server/status-endpoint';

/**
 * POST /api/v1/interviews/{id}/cancel — cancels; the reason is required (admins). A damaged calendar
 * entry is cancelled too; one that never reached the database is removed from the calendar.
 */
export const POST = statusEndpoint('cancelled', ['admin'], true); // 200 the cancelled interview; 204 removed
