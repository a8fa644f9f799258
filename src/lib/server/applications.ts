/** Applications: listing and the admin's pipeline moves. */
import type { Sql } from '../../../db/client';
import {
	canMoveApplication,
	interviewsToCancel,
	isFinalDecision,
	OVERRIDE_REASON_MIN_CHARS
} from '$lib/domain/applications';
import { applicationMoveText, decisionBlockerText, upcomingText } from '$lib/i18n/decisions';
import type { ApplicationLog } from '$lib/contract/api';
import type { ApplicationStatus } from '$lib/domain/types';
import type { CalendarCtx } from './calendar-writes';
import { ApiError, apiError } from './errors';
import type { Actor } from './guards';
import { changeStatus } from './scheduling';
import { m } from '$lib/paraglide/messages';

export interface ApplicationRow {
	id: string;
	cycle_id: string;
	candidate_id: string;
	candidate_name: string;
	candidate_email: string;
	status: ApplicationStatus;
	interview_enabled: boolean;
	online_interview_enabled: boolean;
	created_at: Date;
	updated_at: Date;
}

/** The API's view of an application. */
export function applicationJson(a: ApplicationRow) {
	return {
		id: a.id,
		cycle_id: a.cycle_id,
		candidate: { id: a.candidate_id, name: a.candidate_name, email: a.candidate_email },
		status: a.status,
		interview_enabled: a.interview_enabled,
		online_interview_enabled: a.online_interview_enabled,
		created_at: a.created_at.toISOString(),
		updated_at: a.updated_at.toISOString()
	};
}

/** Applications of the organization matching the filter, with the total before paging. */
export async function queryApplications(
	sql: Sql,
	f: { orgId: string; id?: string; cycleId?: string; status?: string[]; q?: string; limit?: number; offset?: number }
): Promise<{ rows: ApplicationRow[]; total: number }> {
	const where = sql`a.org_id = ${f.orgId}
		${f.id ? sql`and a.id = ${f.id}` : sql``}
		${f.cycleId ? sql`and a.cycle_id = ${f.cycleId}` : sql``}
		${f.status?.length ? sql`and a.status = any(${f.status}::text[])` : sql``}
		${f.q ? sql`and (u.name ilike ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'} or u.email ilike ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'})` : sql``}`;
	const [count] = await sql<
		{ n: number }[]
	>`select count(*)::int as n from applications a join users u on u.id = a.candidate_id where ${where}`;
	const rows = await sql<ApplicationRow[]>`
		select a.*, u.name as candidate_name, u.email as candidate_email
		from applications a join users u on u.id = a.candidate_id
		where ${where} order by u.name, a.id limit ${f.limit ?? 1000} offset ${f.offset ?? 0}`;
	return { rows, total: count?.n ?? 0 };
}

/** An admin's change to an application (`PATCH /api/v1/applications/{id}`, the Applicants page). */
export interface ApplicationPatch {
	status?: ApplicationStatus;
	interview_enabled?: boolean;
	online_interview_enabled?: boolean;
	/** Why a decision is made with no interview held (an override; audited). */
	override_reason?: string;
	/** The admin's word that a decision cancels the application's upcoming interviews. */
	cancel_upcoming?: boolean;
}

/**
 * Applies an admin's change to an application; 404 outside the org, 422 a refused status move, 409
 * a decision (approve, reject after the interview stage) with no interview held and no override
 * reason, or one that would leave upcoming interviews standing without `cancel_upcoming`. Every
 * status move is audited in `application_logs`, an override with its reason.
 *
 * A decided application keeps no upcoming interview: with `cancel_upcoming`, the decision is stored
 * first and then each interview that has not begun is cancelled through the calendar document, like
 * any cancellation (audited, the candidate and the panel told; the pipeline leaves a decided
 * application where it is). Should a cancellation fail, the decision stands and the same request
 * again cancels what is left.
 */
export async function patchApplication(
	ctx: CalendarCtx,
	actor: Actor,
	id: string,
	patch: ApplicationPatch
): Promise<void> {
	const { upcoming, decided } = await ctx.sql.begin(async (tx) => {
		const [a] = await tx<
			{ status: ApplicationStatus }[]
		>`select status from applications where id = ${id} and org_id = ${actor.orgId} for update`;
		if (!a) throw apiError.notFound('application');
		const moving = patch.status !== undefined && patch.status !== a.status;
		if (moving && !canMoveApplication(a.status, patch.status!)) {
			throw new ApiError('rule_violated', applicationMoveText(a.status, patch.status!), {
				rule: 'invalid_status_move',
				fields: { status: applicationMoveText(a.status, patch.status!) }
			});
		}
		const interviews = await tx<{ id: string; status: string; start_at: Date; end_at: Date }[]>`
			select id, status, start_at, end_at from interviews where application_id = ${id} and removed_at is null`;
		const now = new Date();
		let override = false;
		if (moving) {
			const blocker = decisionBlockerText(
				a.status,
				patch.status!,
				interviews.map((i) => ({ status: i.status, end: i.end_at.toISOString() })),
				now
			);
			const reason = patch.override_reason?.trim() ?? '';
			if (blocker && !reason) throw new ApiError('conflict', blocker, { rule: 'no_interview_held' });
			if (blocker && reason.length < OVERRIDE_REASON_MIN_CHARS) {
				const words = m.api_override_words({ min: OVERRIDE_REASON_MIN_CHARS });
				throw apiError.fields({ override_reason: words }, m.api_override_reason({ words }));
			}
			override = blocker !== null;
		}
		const decided = patch.status ?? a.status;
		const toCancel = isFinalDecision(decided)
			? interviewsToCancel(
					interviews.map((i) => ({ id: i.id, status: i.status, start: i.start_at.toISOString() })),
					now
				)
			: [];
		if (moving && toCancel.length && !patch.cancel_upcoming) {
			throw new ApiError('conflict', upcomingText(decided, toCancel.length), {
				rule: 'upcoming_interviews',
				interviews: toCancel.map((i) => ({ id: i.id, start: i.start }))
			});
		}
		await tx`update applications set
			status = ${decided},
			interview_enabled = coalesce(${patch.interview_enabled ?? null}::boolean, interview_enabled),
			online_interview_enabled = coalesce(${patch.online_interview_enabled ?? null}::boolean, online_interview_enabled),
			updated_at = now()
			where id = ${id}`;
		if (moving) {
			await tx`insert into application_logs (org_id, application_id, actor_id, action, from_status, to_status, reason)
				values (${actor.orgId}, ${id}, ${actor.user.id}, ${override ? 'override' : 'moved'}, ${a.status},
					${patch.status!}, ${override ? patch.override_reason!.trim() : null})`;
		}
		return { upcoming: patch.cancel_upcoming ? toCancel : [], decided };
	});
	const reason = `The application was ${decided === 'approved' ? 'approved' : 'turned down'}, so this interview is no longer needed.`;
	for (const iv of upcoming) {
		try {
			await changeStatus(ctx, actor.orgId, actor.user.id, iv.id, 'cancelled', reason);
		} catch {
			throw new ApiError('unavailable', m.api_decision_cancel_failed(), {
				rule: 'upcoming_interviews',
				interview_id: iv.id
			});
		}
	}
}

/** The organization's admission cycles or job openings, newest first (`GET /api/v1/cycles`). */
export async function listCycles(sql: Sql, orgId: string) {
	const rows = await sql<{ id: string; name: string; starts_on: Date; ends_on: Date; status: string }[]>`
		select id, name, starts_on, ends_on, status from cycles where org_id = ${orgId} order by starts_on desc`;
	return rows.map((c) => ({
		...c,
		starts_on: c.starts_on.toISOString().slice(0, 10),
		ends_on: c.ends_on.toISOString().slice(0, 10)
	}));
}

/**
 * The pipeline history of some applications of the organization (`application_logs`), oldest first:
 * admins' moves, overrides with their reasons, and the moves their interviews made.
 */
export async function applicationLogs(
	sql: Sql,
	orgId: string,
	applicationIds: string[]
): Promise<(ApplicationLog & { application_id: string })[]> {
	if (!applicationIds.length) return [];
	const rows = await sql<
		{
			id: string;
			application_id: string;
			action: ApplicationLog['action'];
			from_status: ApplicationStatus;
			to_status: ApplicationStatus;
			actor_id: string | null;
			actor_name: string | null;
			reason: string | null;
			created_at: Date;
		}[]
	>`select l.id::text, l.application_id, l.action, l.from_status, l.to_status, l.actor_id, u.name as actor_name,
			l.reason, l.created_at
		from application_logs l left join users u on u.id = l.actor_id
		where l.org_id = ${orgId} and l.application_id = any(${applicationIds}::uuid[])
		order by l.id`;
	return rows.map((l) => ({
		id: Number(l.id),
		application_id: l.application_id,
		action: l.action,
		from_status: l.from_status,
		to_status: l.to_status,
		actor: l.actor_id ? { id: l.actor_id, name: l.actor_name ?? '' } : null,
		reason: l.reason,
		created_at: l.created_at.toISOString()
	}));
}

/** One application's pipeline history (`GET /api/v1/applications/{id}/logs`); 404 outside the org. */
export async function oneApplicationLogs(sql: Sql, orgId: string, id: string): Promise<ApplicationLog[]> {
	const [found] = await sql`select 1 from applications where id = ${id} and org_id = ${orgId}`;
	if (!found) throw apiError.notFound('application');
	return (await applicationLogs(sql, orgId, [id])).map(({ application_id: _, ...entry }) => entry);
}
