/** People and their memberships: the JSON shape of a user, adding members, invitations. */
import type { Sql } from '../../../db/client';
import type { Role } from '$lib/contract/roles';
import { generateToken, hashPassword, hashToken, type SessionUser } from './auth';
import { ApiError, apiError } from './errors';
import { announceQueued, enqueueMessages, type OutboxDeps } from './notifications/outbox';
import { m } from '$lib/paraglide/messages';

/** Where an invitation link points: `<origin>/invite/<token>`. */
export const INVITE_PATH = '/invite/';

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

/**
 * Writes an invitation and queues its email in the same transaction (the token leaves only in that
 * email and in the answer to the admin; only its hash is kept in `invitations`).
 */
async function invite(
	tx: Sql,
	input: { orgId: string; userId: string; createdBy: string; origin: string; role: string }
): Promise<{ invitationToken: string; expiresAt: Date; url: string; queued: boolean }> {
	const token = generateToken();
	const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
	const [inv] = await tx<{ id: string }[]>`insert into invitations (token_hash, user_id, org_id, created_by, expires_at)
		values (${hashToken(token)}, ${input.userId}, ${input.orgId}, ${input.createdBy}, ${expiresAt}) returning id`;
	const [who] = await tx<{ name: string; email: string; org_name: string; org_timezone: string }[]>`
		select u.name, u.email, o.name as org_name, o.timezone as org_timezone
		from users u, organizations o where u.id = ${input.userId} and o.id = ${input.orgId}`;
	const url = `${input.origin}${INVITE_PATH}${token}`;
	const queued = await enqueueMessages(tx, [
		{
			orgId: input.orgId,
			dedupeKey: `invitation:${inv!.id}`,
			kind: 'invitation',
			recipientId: input.userId,
			payload: {
				kind: 'invitation',
				recipient: {
					id: input.userId,
					name: who!.name,
					email: who!.email,
					role: 'invitee',
					timezone: who!.org_timezone
				},
				org_name: who!.org_name,
				invited_role: input.role,
				expires_at: expiresAt.toISOString(),
				secret_url: url
			}
		}
	]);
	return { invitationToken: token, expiresAt, url, queued: queued > 0 };
}

/**
 * Adds a person to an organization with a role, with a one-time invitation whose email is queued in
 * the same transaction. Returns the token (for the admin to copy) and the link.
 */
export async function addMember(
	deps: OutboxDeps,
	input: {
		orgId: string;
		email: string;
		name: string;
		role: Exclude<Role, 'admin'> | 'admin';
		createdBy: string;
		/** The origin the invitation link points to. */
		origin: string;
	}
): Promise<{ userId: string; invitationToken: string; expiresAt: Date; url: string; queued: boolean }> {
	const email = input.email.trim().toLowerCase();
	const result = await deps.sql.begin(async (tx) => {
		const [existing] = await tx<{ id: string }[]>`select id from users where email = ${email}`;
		let userId = existing?.id;
		if (userId) {
			const [member] = await tx`select 1 from memberships where user_id = ${userId}`;
			if (member) {
				throw new ApiError('conflict', m.api_email_taken(), {
					fields: { email: m.api_already_member() }
				});
			}
		} else {
			const [created] = await tx<
				{ id: string }[]
			>`insert into users (email, name) values (${email}, ${input.name.trim()}) returning id`;
			userId = created!.id;
		}
		await tx`insert into memberships (user_id, org_id, role) values (${userId}, ${input.orgId}, ${input.role})`;
		const invited = await invite(tx as unknown as Sql, { ...input, userId });
		return { userId, ...invited };
	});
	await announceQueued(deps.bus, input.orgId);
	return result;
}

/** A fresh invitation for an existing member (the old ones stop working), mailed through the outbox. */
export async function reinvite(
	deps: OutboxDeps,
	input: { orgId: string; userId: string; createdBy: string; origin: string }
): Promise<{ invitationToken: string; expiresAt: Date; url: string; queued: boolean; email: string }> {
	const result = await deps.sql.begin(async (tx) => {
		const [member] = await tx<{ role: string; email: string }[]>`select m.role, u.email
			from memberships m join users u on u.id = m.user_id
			where m.user_id = ${input.userId} and m.org_id = ${input.orgId}`;
		if (!member) throw new ApiError('not_found', m.api_nf_person());
		await tx`update invitations set used_at = now() where user_id = ${input.userId} and used_at is null`;
		return { ...(await invite(tx as unknown as Sql, { ...input, role: member.role })), email: member.email };
	});
	await announceQueued(deps.bus, input.orgId);
	return result;
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

/** The organization's members, by name; `role` narrows the list (`GET /api/v1/members`). */
export async function listMembers(sql: Sql, orgId: string, role?: Role) {
	return sql<{ id: string; name: string; email: string; role: string; timezone: string | null }[]>`
		select u.id, u.name, u.email, m.role, u.timezone from memberships m join users u on u.id = m.user_id
		where m.org_id = ${orgId} ${role ? sql`and m.role = ${role}` : sql``}
		order by u.name`;
}

/** Throws 404 unless `userId` is a candidate of the organization. */
export async function requireCandidate(sql: Sql, orgId: string, userId: string): Promise<void> {
	const [member] =
		await sql`select 1 from memberships where user_id = ${userId} and org_id = ${orgId} and role = 'candidate'`;
	if (!member) throw apiError.notFound('candidate');
}

/** The names of the organization's admins and interviewers by id (who made a change, who wrote a scorecard). */
export async function staffNames(sql: Sql, orgId: string): Promise<Record<string, string>> {
	const people = await sql<{ id: string; name: string }[]>`
		select u.id, u.name from memberships m join users u on u.id = m.user_id
		where m.org_id = ${orgId} and m.role in ('admin', 'interviewer')`;
	return Object.fromEntries(people.map((p) => [p.id, p.name]));
}
