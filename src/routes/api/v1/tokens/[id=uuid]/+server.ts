import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { revokeApiToken } from '$lib/server/api-tokens';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';

/** DELETE /api/v1/tokens/{id} — revokes one of the admin's tokens in this organization at once. */
export const DELETE: RequestHandler = defineRoute(
	{
		operationId: 'revokeToken',
		tag: 'API tokens',
		summary: 'Revoke one of my API tokens',
		description:
			'Effective at once: the collab tokens fetched with it stop working and their live connections are closed. Idempotent.',
		access: ['admin'],
		who: 'Admins (their own tokens).',
		responses: { 200: { description: 'Revoked.', schema: S.RevokedTokenResponse } },
		errors: { ...AUTH, 404: 'No such token of yours.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		if (!(await revokeApiToken(event.locals.ctx, actor.user.id, actor.orgId, event.params.id)))
			throw fail.notFound('token');
		return { id: event.params.id, revoked: true };
	}
);
