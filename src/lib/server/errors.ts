/**
 * The one error shape of the API: `{"error": {"code", "message", "details"}}`. Every endpoint throws
 * or returns these; hooks.server.ts turns anything unexpected into a 500 with the same shape.
 */
import { json } from '@sveltejs/kit';
import { fieldSentence } from './field-errors';
import { m } from '$lib/paraglide/messages';

export type ErrorCode =
	| 'bad_json'
	| 'unauthenticated'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'archived'
	| 'payload_too_large'
	| 'validation_failed'
	| 'rule_violated'
	| 'rate_limited'
	| 'method_not_allowed'
	| 'unavailable'
	| 'internal';

const STATUS: Record<ErrorCode, number> = {
	bad_json: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	conflict: 409,
	archived: 409,
	payload_too_large: 413,
	validation_failed: 422,
	rule_violated: 422,
	rate_limited: 429,
	internal: 500,
	unavailable: 503
};

/** An error an endpoint raises on purpose; its status follows from the code. */
export class ApiError extends Error {
	readonly status: number;
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
		this.status = STATUS[code];
	}
}

/** The JSON response for an error, with the standard body. */
export function errorResponse(err: ApiError, headers?: HeadersInit): Response {
	const h = new Headers(headers);
	// The unread rest of an oversized body would poison a kept-alive connection: close it.
	if (err.code === 'payload_too_large') h.set('connection', 'close');
	// A refusal that ends on its own says when (RFC 9110 Retry-After, in seconds).
	const retry = err.details.retry_after_s;
	if (typeof retry === 'number' && Number.isFinite(retry)) h.set('retry-after', String(Math.max(1, Math.ceil(retry))));
	return json(
		{ error: { code: err.code, message: err.message, details: err.details } },
		{ status: err.status, headers: h }
	);
}

/** What a 404 names, and its sentence in the request's language. */
const NOT_FOUND = {
	interview: () => m.problem_not_found(),
	application: () => m.api_nf_application(),
	candidate: () => m.api_nf_candidate(),
	message: () => m.api_nf_message(),
	scheduling_request: () => m.api_nf_scheduling_request(),
	open_scheduling_request: () => m.api_nf_open_scheduling_request(),
	request: () => m.api_nf_request(),
	calendar_feed: () => m.api_nf_calendar_feed(),
	closure: () => m.api_nf_closure(),
	interviewer: () => m.api_nf_interviewer(),
	loop: () => m.api_nf_loop(),
	loop_sessions: () => m.api_nf_loop_sessions(),
	token: () => m.api_nf_token(),
	person: () => m.api_nf_person(),
	resource: () => m.api_nf_resource()
} as const satisfies Record<string, () => string>;
export type Missing = keyof typeof NOT_FOUND;

/**
 * Shorthands for the errors every endpoint raises (`apiError.notFound('interview')`). Not to be
 * confused with SvelteKit's `fail`, which a form action returns.
 */
export const apiError = {
	unauthenticated: () => new ApiError('unauthenticated', m.api_sign_in()),
	forbidden: (message?: string) => new ApiError('forbidden', message ?? m.api_forbidden()),
	notFound: (what: Missing = 'resource') => new ApiError('not_found', NOT_FOUND[what]()),
	fields: (fields: Record<string, string>, message?: string) => {
		const entries = Object.entries(fields);
		const [first] = entries;
		const more = entries.length > 1 ? m.field_and_more({ count: entries.length - 1 }) : '';
		return new ApiError(
			'validation_failed',
			message ??
				(first ? `${fieldSentence(first[0], first[1]).replace(/\.$/, '')}${more}.` : m.field_request_invalid()),
			{ fields }
		);
	}
};

/** @deprecated The old name of `apiError`, kept for code written before it; use `apiError`. */
export const fail = apiError;
