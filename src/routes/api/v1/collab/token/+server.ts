import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { issueCollabToken } from '$lib/server/collab-token';
import { runtime } from '$lib/server/runtime';
import { fail } from '$lib/server/errors';

/** GET /api/v1/collab/token — a short-lived token and the URL for the collab-server. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	// The token lives no longer than the credential of this request (signing out ends both).
	const { session, apiToken } = event.locals;
	const credential = apiToken ? { apiTokenId: apiToken.id } : session ? { sessionId: session.id } : null;
	if (!credential) throw fail.unauthenticated();
	const { token, expiresAt } = await issueCollabToken(runtime().db.sql, actor.user.id, actor.orgId, credential);
	const configured = runtime().config.COLLAB_URL;
	const url = configured ?? `${event.url.protocol === 'https:' ? 'wss' : 'ws'}://${event.url.host}/collab`;
	return {
		token,
		url,
		expires_at: expiresAt.toISOString(),
		org_id: actor.orgId,
		user: { id: actor.user.id, name: actor.user.name }
	};
});
