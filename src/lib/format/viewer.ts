/**
 * The viewer's locale for browser code. The root layout sets it from the page data (Accept-Language,
 * later the user's setting) before anything below it renders; helpers then format with
 * `viewerFormat(zone)` without threading the locale through every component. Server rendering of one
 * page is synchronous, so one request's locale cannot leak into another's render; server code that is
 * not a page (mail, .ics) passes its locale to `formatFor` itself.
 */
import { formatFor, type DateFormat } from './dates';
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

/** Dates and times as the viewer reads them, in `zone`. */
export function viewerFormat(zone: string): DateFormat {
	return formatFor(current, zone);
}
