import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { createCandidateLink, revokeCandidateLinks } from '$lib/server/candidate-links';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db, runtime } from '$lib/server/runtime';

/**
 * POST /api/v1/candidates/{id}/link — a new personal link for the candidate (admins), also emailed to
 * them through the outbox; the previous one stops working. The URL is shown once: only the token's hash is stored.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const { url, expiresAt } = await createCandidateLink(
		{ sql: db(), bus: runtime().bus },
		{ orgId: actor.orgId, candidateId: event.params.id, createdBy: actor.user.id, origin: event.url.origin }
	);
	return json({ url, expires_at: expiresAt.toISOString() }, { status: 201 });
});

/** DELETE /api/v1/candidates/{id}/link — revokes the candidate's link and ends the sessions it opened. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	if (!(await revokeCandidateLinks({ sql: db(), bus: runtime().bus }, actor.orgId, event.params.id)))
		throw fail.notFound('The candidate');
	return new Response(null, { status: 204 });
});
