/**
 * Which language a person reads Parley in. The languages are the ones Paraglide compiles
 * (`project.inlang/settings.json`), so adding one is a messages file and a line there. The choice
 * itself is a pure function of what the request and the account say (docs/decisions.md, "Languages"):
 *
 * - pages: the person's own preference, else the switch on the sign-in page (a cookie), else, once
 *   signed in, the organization's default, else the browser's `Accept-Language`, else English;
 * - the JSON API: `Accept-Language` first (a client asks for the language of its messages), then the
 *   same chain.
 */
import { baseLocale, isLocale, locales, type Locale } from '$lib/paraglide/runtime';
import { acceptedLanguages } from '$lib/format/locale';

export type { Locale };
export const LOCALES: readonly Locale[] = locales;
export const BASE_LOCALE: Locale = baseLocale;
/** The cookie the sign-in page's language switch sets (a year; it is a preference, not a secret). */
export const LOCALE_COOKIE = 'parley-locale';

/** `value` as a language Parley speaks, or null. */
export function asLocale(value: string | null | undefined): Locale | null {
	return typeof value === 'string' && isLocale(value) ? value : null;
}

/**
 * The best language of an `Accept-Language` header that Parley speaks, by quality then order;
 * a regional tag (`fr-CA`) counts for its language. Null when none matches.
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
	// One parser of the header for the language and for the date locale (src/lib/format/locale.ts).
	for (const tag of acceptedLanguages(header)) {
		const locale = asLocale(tag.toLowerCase().split('-')[0]);
		if (locale) return locale;
	}
	return null;
}

export interface LocaleInputs {
	/** The person's own choice in Settings; null when they never chose. */
	preference: Locale | null;
	/** Their organization's default; null when signed out. */
	orgDefault: Locale | null;
	/** The sign-in page's switch. */
	cookie: string | null | undefined;
	acceptLanguage: string | null | undefined;
	/** A JSON API request: its messages follow `Accept-Language` first. */
	api: boolean;
}

/** The language of one request (see the module comment for the order). */
export function decideLocale(input: LocaleInputs): Locale {
	const accepted = fromAcceptLanguage(input.acceptLanguage);
	if (input.api && accepted) return accepted;
	return input.preference ?? asLocale(input.cookie) ?? input.orgDefault ?? accepted ?? BASE_LOCALE;
}

/** The locale dates are written in for a language when no browser says which variant (mail, the API). */
const FORMAT_LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };

/** `locale`'s date locale: "fr" → "fr-FR" (24-hour clock, "lun. 30 nov."), "en" → "en-GB". */
export function formatLocaleOf(locale: Locale): string {
	return FORMAT_LOCALES[locale] ?? locale;
}
