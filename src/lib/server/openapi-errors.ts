/** The error statuses of the API reference, the codes behind each, and how a route's error reads. */

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/** The error codes behind each status (errors.ts maps code → status; a unit test checks both agree). */
export const ERROR_CODES_BY_STATUS: Record<ErrorStatus | 405 | 500, readonly string[]> = {
	400: ['bad_json'],
	401: ['unauthenticated'],
	403: ['forbidden'],
	404: ['not_found'],
	405: ['method_not_allowed'],
	409: ['conflict', 'archived'],
	413: ['payload_too_large'],
	422: ['validation_failed', 'rule_violated'],
	429: ['rate_limited'],
	500: ['internal'],
	503: ['unavailable']
};

/** Codes only a few routes answer: listed on a route whose text names them, never by default. */
const NAMED_ONLY: ReadonlySet<string> = new Set(['archived']);

/**
 * The route's own words and the codes it may answer with that status: those the text names in
 * backticks, or else every code of the status but those only some routes answer.
 */
export function errorDescription(status: ErrorStatus, when: string): string {
	const all = ERROR_CODES_BY_STATUS[status];
	const named = all.filter((c) => when.includes(`\`${c}\``));
	const codes = named.length > 0 ? named : all.filter((c) => !NAMED_ONLY.has(c));
	return `${when} (code ${codes.map((c) => `\`${c}\``).join(' or ')})`;
}
