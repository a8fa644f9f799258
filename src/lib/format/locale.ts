/**
 * Which locale a viewer reads dates in: their own setting when there is one, else what their browser
 * asks for (Accept-Language on the server, navigator.languages in the browser), else the default.
 * Pure: no Svelte, no I/O.
 */

/** The locale when nothing usable is asked for (24-hour clock, day before month). */
export const DEFAULT_LOCALE = 'en-GB';

/** A BCP 47 tag this runtime formats dates in, canonicalized ("en-us" → "en-US"), or null. */
export function supportedLocale(tag: string | null | undefined): string | null {
	if (!tag || typeof tag !== 'string' || tag.length > 35 || tag === '*') return null;
	try {
		const [found] = Intl.DateTimeFormat.supportedLocalesOf([tag], { localeMatcher: 'lookup' });
		return found ?? null;
	} catch {
		return null;
	}
}

/** The tags of an Accept-Language header, best first ("fr-CH, fr;q=0.9, en;q=0.8"). */
export function acceptedLanguages(header: string | null | undefined): string[] {
	if (!header) return [];
	return header
		.split(',')
		.slice(0, 20)
		.map((part, i) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, i };
		})
		.filter((t) => t.tag && t.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.i - b.i)
		.map((t) => t.tag);
}

/** The first usable locale among the candidates (the user's setting first), else the default. */
export function resolveLocale(...candidates: (string | null | undefined | readonly string[])[]): string {
	for (const c of candidates.flat()) {
		const found = supportedLocale(c);
		if (found) return found;
	}
	return DEFAULT_LOCALE;
}
