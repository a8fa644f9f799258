import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db, runtime } from '$lib/server/runtime';
import { MembersQuery, NewMemberBody } from '$lib/server/schemas';
import { addMember } from '$lib/server/users';
import { readJson, readQuery } from '$lib/server/validate';

/** GET /api/v1/members?role= — admins list everyone; interviewers may list interviewers. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const { role } = readQuery(event.url, MembersQuery);
	if (actor.role === 'interviewer' && role !== 'interviewer')
		throw fail.forbidden('Interviewers may list interviewers only (role=interviewer).');
	const rows = await db()<{ id: string; name: string; email: string; role: string; timezone: string | null }[]>`
		select u.id, u.name, u.email, m.role, u.timezone from memberships m join users u on u.id = m.user_id
		where m.org_id = ${actor.orgId} ${role ? db()`and m.role = ${role}` : db()``}
		order by u.name`;
	return { data: rows };
});

/**
 * POST /api/v1/members — an admin adds a person to the organization; answers with their invitation
 * link, which is also emailed to them through the outbox.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const body = await readJson(event.request, NewMemberBody);
	const { bus } = runtime();
	const invited = await addMember(
		{ sql: db(), bus },
		{ ...body, orgId: actor.orgId, createdBy: actor.user.id, origin: event.url.origin }
	);
	return json(
		{
			user_id: invited.userId,
			invitation_url: invited.url,
			expires_at: invited.expiresAt.toISOString(),
			// Queued in the same transaction; its delivery shows in the outbox.
			invitation_mailed: true
		},
		{ status: 201 }
	);
});
