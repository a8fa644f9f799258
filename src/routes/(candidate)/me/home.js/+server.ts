import type { RequestHandler } from './$types';
import { CANDIDATE_HOME_SCRIPT, CANDIDATE_HOME_SCRIPT_VERSION } from '$lib/server/plain/candidate-home';

/**
 * The candidate home's one script (decision 82). Asked for with its current version it is kept for
 * good, as the built scripts are; any other address gets it too, revalidated each time.
 */
export const GET: RequestHandler = ({ url }) =>
	new Response(CANDIDATE_HOME_SCRIPT, {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control':
				url.searchParams.get('v') === CANDIDATE_HOME_SCRIPT_VERSION ? 'public, max-age=31536000, immutable' : 'no-cache'
		}
	});
