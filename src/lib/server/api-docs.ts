/** Sentences the API's route docs share (each route's doc sits beside its handler, in `defineRoute`). */

export const AUTH = {
	401: 'Not signed in (no session cookie or API token).',
	403: 'Signed in with a role that may not do this.'
} as const;
export const MEMBER = {
	401: AUTH[401],
	403: 'Not a member of any organization.'
} as const;
export const BODY = {
	400: 'The body is not JSON, or empty.',
	413: 'The body is larger than 1 MiB.',
	422: 'A field is missing or invalid; `details.fields` names each.'
} as const;
export const QUERY = { 422: 'A query parameter is invalid; `details.fields` names each.' } as const;
/** The 409 of a write to an interview archived out of the calendar (decision 69); it still reads. */
export const ARCHIVED =
	'The interview is archived: it left the calendar and still reads, but no longer changes (`archived`, `details.interview_id`, `details.archived_at`).';
export const NOT_VISIBLE = 'No such interview, or not one you may see (another organization’s is not revealed).';
