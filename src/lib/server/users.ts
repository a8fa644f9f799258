/** People and their memberships: the JSON shape of a user, adding members, invitations. */
import type { Sql } from '../../../db/client';
import type { Role } from '$lib/roles';
import { generateToken, hashPassword, hashToken, type SessionUser } from './auth';
import { ApiError } from './errors';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/** The API's snake_case view of the signed-in user. */
export function userJson(user: SessionUser) {
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		timezone: user.timezone,
		memberships: user.memberships.map((m) => ({
			org_id: m.orgId,
			org_name: m.orgName,
			org_timezone: m.orgTimezone,
			role: m.role
		}))
	};
}

/** Adds a person to an organization with a role, and returns a one-time invitation token. */
export async function addMember(
	sql: Sql,
	input: { orgId: string; email: string; name: string; role: Exclude<Role, 'admin'> | 'admin'; createdBy: string }
): Promise<{ userId: string; invitationToken: string; expiresAt: Date }> {
	const email = input.email.trim().toLowerCase();
	return sql.begin(async (tx) => {
		const [existing] = await tx<{ id: string }[]>`select id from users where email = ${email}`;
		let userId = existing?.id;
		if (userId) {
			const [member] = await tx`select 1 from memberships where user_id = ${userId}`;
			if (member) {
				throw new ApiError('conflict', 'A person with this email already belongs to an organization.', {
					fields: { email: 'already a member' }
				});
			}
		} else {
			const [created] = await tx<
				{ id: string }[]
			>`insert into users (email, name) values (${email}, ${input.name.trim()}) returning id`;
			userId = created!.id;
		}
		await tx`insert into memberships (user_id, org_id, role) values (${userId}, ${input.orgId}, ${input.role})`;
		const token = generateToken();
		const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
		await tx`insert into invitations (token_hash, user_id, org_id, created_by, expires_at)
			values (${hashToken(token)}, ${userId}, ${input.orgId}, ${input.createdBy}, ${expiresAt})`;
		return { userId, invitationToken: token, expiresAt };
	});
}

/** A fresh invitation for an existing member (the old ones stop working). */
export async function reinvite(sql: Sql, orgId: string, userId: string, createdBy: string) {
	const token = generateToken();
	const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
	await sql.begin(async (tx) => {
		await tx`update invitations set used_at = now() where user_id = ${userId} and used_at is null`;
		await tx`insert into invitations (token_hash, user_id, org_id, created_by, expires_at)
			values (${hashToken(token)}, ${userId}, ${orgId}, ${createdBy}, ${expiresAt})`;
	});
	return { invitationToken: token, expiresAt };
}

/** The invitation behind a token if it is unused and unexpired. */
export async function findInvitation(sql: Sql, token: string) {
	const [row] = await sql<{ id: string; user_id: string; name: string; email: string; org_name: string }[]>`
		select i.id, i.user_id, u.name, u.email, o.name as org_name
		from invitations i join users u on u.id = i.user_id join organizations o on o.id = i.org_id
		where i.token_hash = ${hashToken(token)} and i.used_at is null and i.expires_at > now()`;
	return row ?? null;
}

/** Sets the password of an invitation's user and uses the invitation up (once). */
export async function acceptInvitation(sql: Sql, token: string, password: string): Promise<string | null> {
	const passwordHash = await hashPassword(password);
	return sql.begin(async (tx) => {
		const [inv] = await tx<{ user_id: string }[]>`
			update invitations set used_at = now()
			where token_hash = ${hashToken(token)} and used_at is null and expires_at > now()
			returning user_id`;
		if (!inv) return null;
		await tx`update users set password_hash = ${passwordHash} where id = ${inv.user_id}`;
		return inv.user_id;
	});
}

/** Mails an invitation link; a failure is logged and reported, never fatal (the admin can copy the link). */
export async function mailInvitation(
	send: (m: { to: string; subject: string; text: string }) => Promise<void>,
	invite: { email: string; name: string; orgName: string; url: string; expiresAt: Date }
): Promise<boolean> {
	try {
		await send({
			to: invite.email,
			subject: `${invite.orgName} invited you to Parley`,
			text: [
				`Hello ${invite.name},`,
				'',
				`${invite.orgName} uses Parley to schedule and hold interviews. Set your password with this link:`,
				invite.url,
				'',
				`The link works once and expires on ${invite.expiresAt.toUTCString()}.`
			].join('\n')
		});
		return true;
	} catch (err) {
		console.error(`[mail] invitation to ${invite.email} failed`, err);
		return false;
	}
}
