/**
 * Candidates' personal links: a random token (only its SHA-256 stored) that signs a candidate into
 * their own pages with a session of kind 'link'. A link lives until the end of the last day of the
 * candidate's open cycle; creating a new one revokes the old; a session opened by a link names it
 * and ends with it (revoked, replaced or expired), checked at every request.
 */
import { announceAccessChange, type AccessDeps } from './access-change';
import type { Sql } from '../../../db/client';
import { addDaysToYmd, zonedWallTimeToUtc } from '$lib/domain/time';
import { generateToken, hashToken } from './auth';
import { ApiError, apiError } from './errors';
import { announceQueued, enqueueMessages, type OutboxDeps } from './notifications/outbox';

/** Where a personal link points. */
export const LINK_PATH = '/l/';

/**
 * Creates (or replaces) a candidate's personal link and queues the email that brings it to them, in
 * one transaction; the token is returned once and never stored (the queued copy of the link is
 * removed from the outbox once sent).
 */
export async function createCandidateLink(
	deps: OutboxDeps,
	opts: { orgId: string; candidateId: string; createdBy: string; origin: string; now?: Date }
): Promise<{ token: string; expiresAt: Date; url: string; queued: boolean }> {
	const { sql } = deps;
	const now = opts.now ?? new Date();
	const [member] = await sql<
		{ timezone: string; org_name: string; name: string; email: string; own_zone: string | null }[]
	>`
		select o.timezone, o.name as org_name, u.name, u.email, u.timezone as own_zone
		from memberships m join organizations o on o.id = m.org_id join users u on u.id = m.user_id
		where m.user_id = ${opts.candidateId} and m.org_id = ${opts.orgId} and m.role = 'candidate'`;
	if (!member) throw apiError.notFound('The candidate');
	const [cycle] = await sql<{ ends_on: string }[]>`
		select max(c.ends_on)::text as ends_on from applications a join cycles c on c.id = a.cycle_id
		where a.candidate_id = ${opts.candidateId} and a.org_id = ${opts.orgId} and c.status = 'active'`;
	// The link works through the last day of the cycle, in the organization's zone.
	const expiresAt = cycle?.ends_on
		? zonedWallTimeToUtc(addDaysToYmd(cycle.ends_on, 1), '00:00', member.timezone)
		: null;
	if (!expiresAt || expiresAt.getTime() <= now.getTime()) {
		throw new ApiError(
			'rule_violated',
			'This candidate has no application in an open cycle, so a link would not work.',
			{
				rule: 'no_open_cycle'
			}
		);
	}
	const token = generateToken();
	const url = `${opts.origin}${LINK_PATH}${token}`;
	const queued = await sql.begin(async (tx) => {
		await tx`update candidate_links set revoked_at = now()
			where user_id = ${opts.candidateId} and org_id = ${opts.orgId} and revoked_at is null`;
		const [link] = await tx<
			{ id: string }[]
		>`insert into candidate_links (token_hash, user_id, org_id, created_by, expires_at)
			values (${hashToken(token)}, ${opts.candidateId}, ${opts.orgId}, ${opts.createdBy}, ${expiresAt}) returning id`;
		return enqueueMessages(tx as unknown as Sql, [
			{
				orgId: opts.orgId,
				dedupeKey: `personal_link:${link!.id}`,
				kind: 'personal_link',
				recipientId: opts.candidateId,
				payload: {
					kind: 'personal_link',
					recipient: {
						id: opts.candidateId,
						name: member.name,
						email: member.email,
						role: 'candidate',
						timezone: member.own_zone ?? member.timezone
					},
					org_name: member.org_name,
					expires_at: expiresAt.toISOString(),
					secret_url: url
				}
			}
		]);
	});
	await announceQueued(deps.bus, opts.orgId);
	return { token, expiresAt, url, queued: queued > 0 };
}

/**
 * Revokes a candidate's links and ends the sessions they opened (and whatever stood on them); false
 * when they are not a candidate here.
 */
export async function revokeCandidateLinks(deps: AccessDeps, orgId: string, candidateId: string): Promise<boolean> {
	const { sql } = deps;
	const [member] = await sql`select 1 from memberships
		where user_id = ${candidateId} and org_id = ${orgId} and role = 'candidate'`;
	if (!member) return false;
	await sql.begin(async (tx) => {
		await tx`update candidate_links set revoked_at = now()
			where user_id = ${candidateId} and org_id = ${orgId} and revoked_at is null`;
		await tx`delete from sessions where user_id = ${candidateId} and kind = 'link'`;
	});
	await announceAccessChange(deps.bus, [candidateId], orgId);
	return true;
}

/** The candidate a valid (unrevoked, unexpired) token belongs to, or null. */
export async function redeemCandidateLink(
	sql: Sql,
	token: string
): Promise<{ id: string; userId: string; expiresAt: Date } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const [row] = await sql<{ id: string; user_id: string; expires_at: Date }[]>`
		update candidate_links l set last_used_at = now()
		where l.token_hash = ${hashToken(token)} and l.revoked_at is null and l.expires_at > now()
			and exists (select 1 from memberships m where m.user_id = l.user_id and m.org_id = l.org_id and m.role = 'candidate')
		returning l.id, l.user_id, l.expires_at`;
	return row ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at } : null;
}

/** Candidates of the organization with a working link, and until when. */
export async function activeLinks(sql: Sql, orgId: string): Promise<Map<string, Date>> {
	const rows = await sql<{ user_id: string; expires_at: Date }[]>`
		select user_id, max(expires_at) as expires_at from candidate_links
		where org_id = ${orgId} and revoked_at is null and expires_at > now() group by user_id`;
	return new Map(rows.map((r) => [r.user_id, r.expires_at]));
}

/** Deletes link sessions whose link no longer works (they are refused at sign-in anyway). */
export async function endOrphanedLinkSessions(sql: Sql): Promise<number> {
	const rows = await sql`delete from sessions s where s.kind = 'link' and not exists (
		select 1 from candidate_links l where l.id = s.link_id and l.revoked_at is null and l.expires_at > now())
		returning s.id`;
	return rows.length;
}
