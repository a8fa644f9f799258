/**
 * The viewer's locale for browser code. The root layout sets it from the page data (Accept-Language,
 * later the user's setting) before anything below it renders; helpers then format with
 * `viewerFormat(zone)` without threading the locale through every component. Server rendering of one
 * page is synchronous, so one request's locale cannot leak into another's render; server code that is
 * not a page (mail, .ics) passes its locale to `formatFor` itself.
 */
import { formatFor, type DateFormat } from './dates';
import { viewerLocale } from './viewer-locale';

export { setViewerLocale, viewerLocale } from './viewer-locale';

/** Dates and times as the viewer reads them, in `zone`. */
export function viewerFormat(zone: string): DateFormat {
	return formatFor(viewerLocale(), zone);
}
