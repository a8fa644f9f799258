import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY, QUERY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { addMember, listMembers } from '$lib/server/users';
import { mailOutcome } from '$lib/server/mail/outcome';
import { m } from '$lib/paraglide/messages';

/** GET /api/v1/members?role= — admins list everyone; interviewers may list interviewers. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listMembers',
		tag: 'Members',
		summary: 'People of the organization',
		description:
			'Each member with their role and zone, by name; `role` narrows the list. Interviewers use it to pick a panel, so they may ask for interviewers only.',
		access: ['admin', 'interviewer'],
		who: 'Admins list everybody; interviewers may list interviewers only (`role=interviewer`).',
		query: S.MembersQuery,
		responses: { 200: { description: 'The members, by name.', schema: S.MemberList } },
		errors: { ...AUTH, 403: 'A candidate, or an interviewer asking for anything but `role=interviewer`.', ...QUERY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		const { role } = input.query();
		if (actor.role === 'interviewer' && role !== 'interviewer')
			throw apiError.forbidden(m.api_members_interviewers_only());
		const rows = await listMembers(event.locals.ctx.sql, actor.orgId, role);
		return { data: rows };
	}
);

/**
 * POST /api/v1/members — an admin adds a person to the organization; answers with their invitation
 * link, which is also emailed to them through the outbox.
 */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'addMember',
		tag: 'Members',
		summary: 'Add a person to the organization',
		description:
			'Creates the person (or reuses a user without organization) and a one-time invitation link, whose email is queued in the outbox in the same transaction. `invitation_email` says what became of it: `queued` for the mail server, or `no_mail_server` when this server has none (`SMTP_URL` unset) and nothing is sent: hand the link over yourself.',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewMemberBody,
		responses: { 201: { description: 'Added; the invitation link is in the answer.', schema: S.NewMemberResponse } },
		errors: { ...AUTH, ...BODY, 409: 'A person with this email already belongs to an organization.' }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		const invited = await addMember(event.locals.ctx, {
			...body,
			orgId: actor.orgId,
			createdBy: actor.user.id,
			origin: event.url.origin
		});
		const outcome = mailOutcome(invited.queued, event.locals.ctx.mail);
		return json(
			{
				user_id: invited.userId,
				invitation_url: invited.url,
				expires_at: invited.expiresAt.toISOString(),
				// What became of the email: queued for a mail server, or not sent (no SMTP_URL).
				invitation_mailed: outcome === 'queued',
				invitation_email: outcome
			},
			{ status: 201 }
		);
	}
);
