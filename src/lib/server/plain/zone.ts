/** The viewer's zone on a page the server renders alone (the candidate's home, decision 82). */
import { isValidTimeZone } from '$lib/domain/zone';

/** The cookie in which the page's script tells the server the browser's zone. */
export const ZONE_COOKIE = 'parley-zone';

/** Where the zone a page is written in comes from: the person's setting, their browser, or the office. */
export type ZoneSource = 'profile' | 'browser' | 'office';

/** The zone to write times in: the person's own setting, else their browser's (the cookie), else the office's. */
export function viewerZoneOf(
	profile: string | null,
	cookie: string | undefined,
	office: string
): { zone: string; from: ZoneSource } {
	if (profile) return { zone: profile, from: 'profile' };
	if (cookie && cookie.length <= 64 && isValidTimeZone(cookie)) return { zone: cookie, from: 'browser' };
	return { zone: office, from: 'office' };
}
