/**
 * Candidates' personal links: a random token (only its SHA-256 stored) that signs a candidate into
 * their own pages with a session of kind 'link'. A link lives until the end of the last day of the
 * candidate's open cycle. Only the token's hash is kept, so a link cannot be shown again: copying a
 * link for a candidate who has one issues another that works beside it (docs/decisions.md: "Copy
 * link" adds a working link), and only replacing (asked for, and confirmed) or revoking stops the
 * links already sent. A session opened by a link names it and ends with it (revoked, replaced or
 * expired), checked at every request.
 */
import { announceAccessChange, type AccessDeps } from './access-change';
import type { Sql } from '../../../db/client';
import { addDaysToYmd, zonedWallTimeToUtc } from '$lib/domain/time';
import { generateToken, hashToken } from './auth';
import { ApiError, apiError } from './errors';
import { announceQueued, enqueueMessages, type OutboxDeps } from './notifications/outbox';
import { m } from '$lib/paraglide/messages';

/** Where a personal link points. */
export const LINK_PATH = '/l/';

/** How many links of one candidate may work at once (copies add up until a replace). */
export const MAX_WORKING_LINKS = 10;

/**
 * Creates a candidate's personal link. By default it replaces: the links already sent stop working,
 * the sessions they opened end, and the new link is emailed to the candidate (queued in the same
 * transaction; the token is returned once and never stored, and the queued copy is removed from the
 * outbox once sent). With `replace: false` (the admin's "Copy link") the links already sent keep
 * working and nothing is emailed: the admin passes the link on; 409 `too_many_links` past
 * `MAX_WORKING_LINKS`.
 */
export async function createCandidateLink(
	deps: OutboxDeps & AccessDeps,
	opts: {
		orgId: string;
		candidateId: string;
		createdBy: string;
		origin: string;
		now?: Date;
		replace?: boolean;
	}
): Promise<{ token: string; expiresAt: Date; url: string; replaced: number; queued: boolean }> {
	const replace = opts.replace ?? true;
	const { sql } = deps;
	const now = opts.now ?? new Date();
	const [member] = await sql<
		{ timezone: string; org_name: string; name: string; email: string; own_zone: string | null }[]
	>`
		select o.timezone, o.name as org_name, u.name, u.email, u.timezone as own_zone
		from memberships m join organizations o on o.id = m.org_id join users u on u.id = m.user_id
		where m.user_id = ${opts.candidateId} and m.org_id = ${opts.orgId} and m.role = 'candidate'`;
	if (!member) throw apiError.notFound('candidate');
	const [cycle] = await sql<{ ends_on: string }[]>`
		select max(c.ends_on)::text as ends_on from applications a join cycles c on c.id = a.cycle_id
		where a.candidate_id = ${opts.candidateId} and a.org_id = ${opts.orgId} and c.status = 'active'`;
	// The link works through the last day of the cycle, in the organization's zone.
	const expiresAt = cycle?.ends_on
		? zonedWallTimeToUtc(addDaysToYmd(cycle.ends_on, 1), '00:00', member.timezone)
		: null;
	if (!expiresAt || expiresAt.getTime() <= now.getTime()) {
		throw new ApiError('rule_violated', m.api_no_open_cycle(), {
			rule: 'no_open_cycle'
		});
	}
	const token = generateToken();
	const url = `${opts.origin}${LINK_PATH}${token}`;
	const [replaced, queued] = await sql.begin(async (tx): Promise<[number, number]> => {
		// One candidate's links are changed one request at a time (the count below holds).
		await tx`select 1 from memberships where user_id = ${opts.candidateId} and org_id = ${opts.orgId} for update`;
		let revoked = 0;
		if (replace) {
			const gone = await tx<{ id: string }[]>`update candidate_links set revoked_at = now()
				where user_id = ${opts.candidateId} and org_id = ${opts.orgId} and revoked_at is null returning id`;
			revoked = gone.length;
			const goneIds = gone.map((g) => g.id);
			if (goneIds.length) await tx`delete from sessions where link_id = any(${goneIds}::uuid[])`;
		} else {
			const [n] = await tx<{ n: number }[]>`select count(*)::int as n from candidate_links
				where user_id = ${opts.candidateId} and org_id = ${opts.orgId} and revoked_at is null and expires_at > now()`;
			if ((n?.n ?? 0) >= MAX_WORKING_LINKS)
				throw new ApiError('conflict', m.api_too_many_links({ max: MAX_WORKING_LINKS }), { rule: 'too_many_links' });
		}
		const [link] = await tx<
			{ id: string }[]
		>`insert into candidate_links (token_hash, user_id, org_id, created_by, expires_at)
			values (${hashToken(token)}, ${opts.candidateId}, ${opts.orgId}, ${opts.createdBy}, ${expiresAt}) returning id`;
		if (!replace) return [revoked, 0];
		const written = await enqueueMessages(tx as unknown as Sql, [
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
		return [revoked, written];
	});
	if (replace) {
		await announceQueued(deps.bus, opts.orgId);
		// Pages open on a replaced link's session close now, not at their next request.
		if (replaced) await announceAccessChange(deps.bus, [opts.candidateId], opts.orgId);
	}
	return { token, expiresAt, url, replaced, queued: queued > 0 };
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

/**
 * What a link is: working, or why not (`revoked`: replaced or revoked; `expired`: its cycle ended;
 * `unknown`: never issued here). A token has 160 random bits: telling these apart reveals nothing
 * that could be guessed.
 */
export async function linkState(sql: Sql, token: string): Promise<'working' | 'revoked' | 'expired' | 'unknown'> {
	if (!/^[a-z2-7]{32}$/.test(token)) return 'unknown';
	const [row] = await sql<{ revoked_at: Date | null; expires_at: Date }[]>`
		select revoked_at, expires_at from candidate_links where token_hash = ${hashToken(token)}`;
	if (!row) return 'unknown';
	if (row.revoked_at) return 'revoked';
	return row.expires_at.getTime() <= Date.now() ? 'expired' : 'working';
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

/** Candidates of the organization with a working link: until when, and how many work. */
export async function activeLinks(sql: Sql, orgId: string): Promise<Map<string, { expiresAt: Date; count: number }>> {
	const rows = await sql<{ user_id: string; expires_at: Date; n: number }[]>`
		select user_id, max(expires_at) as expires_at, count(*)::int as n from candidate_links
		where org_id = ${orgId} and revoked_at is null and expires_at > now() group by user_id`;
	return new Map(rows.map((r) => [r.user_id, { expiresAt: r.expires_at, count: r.n }]));
}

/** Deletes link sessions whose link no longer works (they are refused at sign-in anyway). */
export async function endOrphanedLinkSessions(sql: Sql): Promise<number> {
	const rows = await sql`delete from sessions s where s.kind = 'link' and not exists (
		select 1 from candidate_links l where l.id = s.link_id and l.revoked_at is null and l.expires_at > now())
		returning s.id`;
	return rows.length;
}
