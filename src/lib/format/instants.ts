/**
 * Instants inside text written where the viewer's zone is not known yet (a history described on the
 * server): marked there, written in the viewer's zone by the page.
 */
import { viewerFormat } from './viewer';

// Private-use characters around an ISO instant: no message or name contains them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const INSTANT_RE = /\uE000([^\uE001]*)\uE001/g;

/** An instant marked for `showInstants`: text written before the viewer's zone is known. */
export function markInstant(iso: string): string {
	return `${OPEN}${iso}${CLOSE}`;
}

/** `text` with every marked instant written in `zone` (an unreadable one as it came). */
export function showInstants(text: string, zone: string): string {
	return text.replace(INSTANT_RE, (_, iso: string) => {
		try {
			return viewerFormat(zone).dateTimeZoned(iso);
		} catch {
			return iso;
		}
	});
}
