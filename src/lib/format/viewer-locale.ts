/**
 * The viewer's locale for browser code (see `viewer.ts`), apart from the date formats: the root
 * layout sets it on every page, the login page included, which formats no date, so that page does
 * not preload the formats (decision 82).
 */
import { DEFAULT_LOCALE, resolveLocale } from './locale';

let current = DEFAULT_LOCALE;

/** Sets the viewer's locale (the root layout does, on every render). */
export function setViewerLocale(locale: string | null | undefined): string {
	current = resolveLocale(locale, typeof navigator === 'undefined' ? [] : navigator.languages);
	return current;
}

/** The viewer's locale. */
export function viewerLocale(): string {
	return current;
}
