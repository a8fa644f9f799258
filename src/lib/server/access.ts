/**
 * Who may see or join an interview (docs/architecture.md invariants 3 and 10). One rule, decided from
 * Postgres facts only: the organization's admins; its interviewers who sit on the interview's panel
 * (`panel_interviewers`: the projected panel ∩ the organization's interviewer memberships, never what
 * the calendar document or a projected panel row says alone); and the interview's candidate (the
 * candidate of its application, a candidate of the organization). The interview and its API answers,
 * its page, its notes document, its `.ics`, its video room and the peer-server's check of a peer id
 * all ask here.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Sql } from '../../../db/client';
import type { RoomRole } from '$lib/contract/room';
import { apiError } from './errors';
import { requireRole, type Actor } from './guards';
import { findInterview, type InterviewRow } from './interviews';

/** A person's place in one interview (the room's roles are these places). */
export type InterviewRole = RoomRole;

/** What the rule looks at, all read from Postgres. */
export interface AccessFacts {
	/** The person's role in the interview's organization; null when they are not a member. */
	memberRole: string | null;
	/** The person is the candidate of the interview's application. */
	isCandidate: boolean;
	/** The person is in `panel_interviewers` for the interview. */
	onPanel: boolean;
}

/** The rule itself: the person's place in the interview, or null when they have none. */
export function accessRole(f: AccessFacts): InterviewRole | null {
	if (f.memberRole === 'admin') return 'admin';
	if (f.memberRole === 'interviewer' && f.onPanel) return 'interviewer';
	if (f.memberRole === 'candidate' && f.isCandidate) return 'candidate';
	return null;
}

/** One person's access to one interview: its organization and their place in it. */
export interface InterviewAccess {
	orgId: string;
	role: InterviewRole;
}

/** The person's place in the interview, from Postgres; null when they have none or it does not exist. */
export async function interviewAccess(sql: Sql, userId: string, interviewId: string): Promise<InterviewAccess | null> {
	const [row] = await sql<{ org_id: string; member_role: string | null; is_candidate: boolean; on_panel: boolean }[]>`
		select i.org_id, m.role as member_role, i.candidate_id = ${userId} as is_candidate,
			exists (select 1 from panel_interviewers p where p.interview_id = i.id and p.user_id = ${userId}) as on_panel
		from interviews i
		left join memberships m on m.org_id = i.org_id and m.user_id = ${userId}
		where i.id = ${interviewId}`;
	if (!row) return null;
	const role = accessRole({ memberRole: row.member_role, isCandidate: row.is_candidate, onPanel: row.on_panel });
	return role ? { orgId: row.org_id, role } : null;
}

/**
 * The interview and the actor's place in it, within the actor's organization; null when the actor
 * has none (the caller answers as for an interview that does not exist).
 */
export async function accessibleInterview(
	sql: Sql,
	actor: Actor,
	interviewId: string
): Promise<{ row: InterviewRow; role: InterviewRole } | null> {
	const access = await interviewAccess(sql, actor.user.id, interviewId);
	if (!access || access.orgId !== actor.orgId) return null;
	const row = await findInterview(sql, actor.orgId, interviewId);
	return row ? { row, role: access.role } : null;
}

/**
 * The one check of "may this person see this interview" for everything the app answers: the interview
 * and the actor's place in it when that place is one of `roles`. Anybody else gets the 404 of an
 * interview that does not exist, unless `denied` is given: then an interview of their organization
 * that they may not see answers 403 with that sentence (the interview's page and its scorecards say
 * why; the API's reads do not reveal it).
 */
export async function requireInterviewAccess(
	sql: Sql,
	actor: Actor,
	interviewId: string,
	opts: { roles: readonly InterviewRole[]; denied?: string }
): Promise<{ row: InterviewRow; role: InterviewRole }> {
	const found = await accessibleInterview(sql, actor, interviewId);
	if (found && opts.roles.includes(found.role)) return found;
	if (opts.denied && (found?.row ?? (await findInterview(sql, actor.orgId, interviewId))))
		throw apiError.forbidden(opts.denied);
	throw apiError.notFound('interview');
}

/** The interview if an admin or a panel interviewer asks; 404 otherwise (its existence is not revealed). */
export async function visibleInterview(event: RequestEvent, id: string): Promise<{ actor: Actor; row: InterviewRow }> {
	const actor = requireRole(event, 'admin', 'interviewer');
	const { row } = await requireInterviewAccess(event.locals.ctx.sql, actor, id, { roles: ['admin', 'interviewer'] });
	return { actor, row };
}
