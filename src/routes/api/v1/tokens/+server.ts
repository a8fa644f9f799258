import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { createApiToken, listApiTokens } from '$lib/server/api-tokens';
import { apiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';

/** GET /api/v1/tokens — the admin's personal API tokens (never the secrets). */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listTokens',
		tag: 'API tokens',
		summary: 'My personal API tokens',
		description: 'Never the secrets. Includes revoked tokens.',
		access: ['admin'],
		who: 'Admins (their own tokens in this organization).',
		responses: { 200: { description: 'The tokens, newest first.', schema: S.ApiTokenList } },
		errors: { ...AUTH }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		return { data: await listApiTokens(event.locals.ctx.sql, actor.user.id, actor.orgId) };
	}
);

/** POST /api/v1/tokens — creates a token; its secret is shown in this answer only. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'createToken',
		tag: 'API tokens',
		summary: 'Create a personal API token',
		description:
			'The token acts as the admin in this organization. Its secret is in this answer only (only its hash is stored).',
		access: ['admin'],
		who: 'Admins, from a signed-in session (a token cannot mint tokens).',
		sessionOnly: true,
		body: S.NewApiTokenBody,
		responses: { 201: { description: 'Created.', schema: S.NewApiTokenResponse } },
		errors: { ...AUTH, ...BODY, 403: 'Not an admin, or the call came with an API token.' }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		// A token cannot mint more tokens: creating one needs a signed-in session.
		if (event.locals.apiToken) throw apiError.forbidden(m.api_tokens_from_session());
		const { name } = await input.body();
		const created = await createApiToken(event.locals.ctx.sql, actor.user.id, actor.orgId, name);
		return json({ ...created, created_at: created.created_at.toISOString() }, { status: 201 });
	}
);
