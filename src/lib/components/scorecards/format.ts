/** Display helpers shared by the interview page and the admin's candidate page. */
import { isValidTimeZone } from '$lib/domain/zone';
import { viewerFormat } from '$lib/format/viewer';

export { recommendationLabel } from '$lib/format/recommendation';

/** The zone to show times in: the person's own, else this browser's, else the organization's. */
export function viewerZone(userZone: string | null | undefined, orgZone: string | null | undefined): string {
	if (userZone && isValidTimeZone(userZone)) return userZone;
	if (typeof Intl !== 'undefined' && typeof window !== 'undefined') {
		const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
		if (isValidTimeZone(browser)) return browser;
	}
	return orgZone && isValidTimeZone(orgZone) ? orgZone : 'UTC';
}

/** "Tue 24 Nov 2026, 10:00 GMT-5" in the zone. */
export function when(iso: string, zone: string): string {
	return viewerFormat(zone).dateTimeZoned(iso);
}
