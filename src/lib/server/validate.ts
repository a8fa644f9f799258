/**
 * Reading request input through zod schemas, with the API's 400/413/422 answers. Every string is
 * normalized on the way in (a lone surrogate becomes U+FFFD) and a NUL character is refused with 422:
 * what passes here can be stored in the calendar document and in every Postgres column.
 */
import type { z } from 'zod';
import { wellFormedDeep } from '$lib/domain/text';
import { ApiError, apiError } from './errors';
import { issuePhrases } from './field-errors';
import { m } from '$lib/paraglide/messages';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body of at most 1 MiB and validates it; throws ApiError on any defect. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > MAX_BODY_BYTES) throw tooLarge();
	const raw = await readLimited(request);
	let body: unknown;
	try {
		body = raw.length === 0 ? undefined : JSON.parse(raw);
	} catch {
		throw new ApiError('bad_json', m.api_bad_json());
	}
	if (body === undefined) throw new ApiError('bad_json', m.api_empty_body());
	return parseWith(schema, body);
}

/** Validates query parameters (all strings) with a schema that coerces as it needs. */
export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
	const query: Record<string, string> = {};
	for (const [k, v] of url.searchParams) query[k] = v;
	return parseWith(schema, query);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
	let v = value;
	for (const key of path) {
		if (v === null || typeof v !== 'object') return undefined;
		v = (v as Record<PropertyKey, unknown>)[key];
	}
	return v;
}

/** Paths of the strings in a value that hold a NUL character, which no text column can store. */
export function nulPaths(value: unknown, path: string[] = []): string[] {
	if (typeof value === 'string') return value.includes('\u0000') ? [path.join('.') || '(body)'] : [];
	if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, [...path, String(i)]));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => [
			...(k.includes('\u0000') ? [[...path, k].join('.')] : []),
			...nulPaths(v, [...path, k])
		]);
	}
	return [];
}

/** The 422 for input holding NUL characters, naming each field. */
export function nulError(paths: string[]): ApiError {
	return apiError.fields(Object.fromEntries(paths.map((p) => [p, m.api_nul()])));
}

/** Normalizes the strings of `raw`, runs a schema on it and turns its issues into a 422 naming each field. */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
	const nul = nulPaths(raw);
	if (nul.length) throw nulError(nul);
	const value = wellFormedDeep(raw);
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const fields = issuePhrases(result.error, (path) => valueAt(value, path));
	throw apiError.fields(fields);
}

function tooLarge() {
	return new ApiError('payload_too_large', m.api_too_large({ mib: MAX_BODY_BYTES / 1024 / 1024 }), {
		limit_bytes: MAX_BODY_BYTES
	});
}

async function readLimited(request: Request): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_BODY_BYTES) {
			await reader.cancel();
			throw tooLarge();
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}
