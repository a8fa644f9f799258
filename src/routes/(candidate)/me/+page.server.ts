import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { candidateHome } from '$lib/server/views/candidate-home';
import { CANDIDATE_HOME_SCRIPT_URL } from '$lib/server/plain/candidate-home';
import { viewerZoneOf, ZONE_COOKIE } from '$lib/server/plain/zone';

/**
 * Rendered by the server only (decision 82): the page loads one small script (`/me/home.js`) for
 * its live updates, the viewer's zone and the sign-out, not Svelte and SvelteKit.
 */
export const csr = false;

/** The candidate's home: their interviews and applications, nothing of anybody else. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'candidate');
	const home = await candidateHome(event.locals.ctx.sql, actor);
	const zone = viewerZoneOf(actor.user.timezone, event.cookies.get(ZONE_COOKIE), home.org.timezone);
	return {
		...home,
		viewerZone: zone.zone,
		zoneFrom: zone.from,
		now: Date.now(),
		/** Tells the root layout to draw plain equivalents of its scripted parts. */
		plain: true,
		script: CANDIDATE_HOME_SCRIPT_URL
	};
};
