/**
 * Text as every store can hold it. A JavaScript string may hold a lone UTF-16 surrogate (JSON's
 * `"\ud800"` parses into one); UTF-8, Postgres' `jsonb` and Yjs' wire format cannot carry it, so a
 * string that keeps one fails later and far away. Every boundary (API bodies and queries, form posts,
 * the calendar document's reads) passes strings through here: a lone surrogate becomes U+FFFD, as a
 * UTF-8 decoder would make of it. NUL is not replaced but refused by the caller: no text column
 * stores it, and silently dropping it would change what the person wrote.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The replacement character: what a lone surrogate becomes. */
export const REPLACEMENT_CHAR = '\uFFFD';

/** The string with each lone surrogate replaced by U+FFFD (the same string when there is none). */
export function wellFormed(s: string): string {
	return s.replace(LONE_SURROGATE, REPLACEMENT_CHAR);
}

/** True when the string holds a NUL character. */
export function hasNul(s: string): boolean {
	return s.includes('\u0000');
}

/**
 * A copy of a JSON-like value (what `JSON.parse` or a form gives) whose strings and object keys are
 * well formed. Values of other kinds are kept as they are.
 */
export function wellFormedDeep<T>(value: T): T {
	if (typeof value === 'string') return wellFormed(value) as T;
	if (Array.isArray(value)) return value.map((v) => wellFormedDeep(v)) as T;
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			// defineProperty, not assignment: a `__proto__` key from JSON stays a plain key.
			Object.defineProperty(out, wellFormed(k), {
				value: wellFormedDeep(v),
				enumerable: true,
				writable: true,
				configurable: true
			});
		}
		return out as T;
	}
	return value;
}
