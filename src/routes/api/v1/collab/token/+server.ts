import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { requireRole } from '$lib/server/guards';
import { issueCollabToken } from '$lib/server/collab-token';
import { fail } from '$lib/server/errors';

/** GET /api/v1/collab/token — a short-lived token and the URL for the collab-server. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'collabToken',
		tag: 'Collaboration',
		summary: 'A short-lived token for the collab-server',
		description:
			'Hand the token to `@hocuspocus/provider` to open `org:<orgId>:calendar` (admins read-write, interviewers read-only) or `interview:<id>:notes` (its panel and admins). Valid for 10 minutes, and only while the session or API token that fetched it stands: signing out or revoking it refuses the token and closes its live connections.',
		access: ['admin', 'interviewer'],
		who: 'Admins and interviewers (cookie session or API token).',
		responses: { 200: { description: 'The token and where to use it.', schema: S.CollabTokenResponse } },
		errors: { ...AUTH }
	},
	async (event) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		// The token lives no longer than the credential of this request (signing out ends both).
		const { session, apiToken } = event.locals;
		const credential = apiToken ? { apiTokenId: apiToken.id } : session ? { sessionId: session.id } : null;
		if (!credential) throw fail.unauthenticated();
		const { token, expiresAt } = await issueCollabToken(event.locals.ctx.sql, actor.user.id, actor.orgId, credential);
		const configured = event.locals.ctx.config.COLLAB_URL;
		const url = configured ?? `${event.url.protocol === 'https:' ? 'wss' : 'ws'}://${event.url.host}/collab`;
		return {
			token,
			url,
			expires_at: expiresAt.toISOString(),
			org_id: actor.orgId,
			user: { id: actor.user.id, name: actor.user.name }
		};
	}
);
