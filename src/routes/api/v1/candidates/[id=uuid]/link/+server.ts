import { json } from '@sveltejs/kit';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import type { RequestHandler } from './$types';
import { createCandidateLink, revokeCandidateLinks } from '$lib/server/candidate-links';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';

/**
 * POST /api/v1/candidates/{id}/link — a new personal link for the candidate (admins), also emailed to
 * them through the outbox; the previous one stops working. The URL is shown once: only the token's hash is stored.
 */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'createCandidateLink',
		tag: 'Candidates',
		summary: 'A personal sign-in link for a candidate',
		description:
			'The link signs the candidate into their own pages until the end of the last day of their open cycle. The previous link stops working, with the sessions it opened. No body; answers 201.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 201: { description: 'The link, shown once.', schema: S.CandidateLinkResponse } },
		errors: {
			...AUTH,
			404: 'No such candidate in your organization.',
			422: 'The candidate has no application in an open cycle (`details.rule` = `no_open_cycle`).'
		}
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		const { url, expiresAt } = await createCandidateLink(event.locals.ctx, {
			orgId: actor.orgId,
			candidateId: event.params.id,
			createdBy: actor.user.id,
			origin: event.url.origin
		});
		return json({ url, expires_at: expiresAt.toISOString() }, { status: 201 });
	}
);

/** DELETE /api/v1/candidates/{id}/link — revokes the candidate's link and ends the sessions it opened. */
export const DELETE: RequestHandler = defineRoute(
	{
		operationId: 'revokeCandidateLink',
		tag: 'Candidates',
		summary: 'Revoke a candidate’s personal link',
		description: 'Also ends the sessions the link opened.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 204: { description: 'Revoked.' } },
		errors: { ...AUTH, 404: 'No such candidate in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		if (!(await revokeCandidateLinks(event.locals.ctx, actor.orgId, event.params.id))) throw fail.notFound('candidate');
		return new Response(null, { status: 204 });
	}
);
