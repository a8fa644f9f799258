/**
 * The base of the API's writes to the schedule (invariant 1): every write goes into the
 * organization's calendar document through a Hocuspocus direct connection (`withCalendar`), checked
 * with the same pure rules the browser uses, and returns once the projection has stored it.
 */
import type * as Y from 'yjs';
import type { Sql } from '../../../db/client';
import { observeInterviews, type WriteResult } from '$lib/collab/calendar';
import { liveCalendarDocName } from './calendar-generation';
import { type Verdict } from '$lib/domain/judge';
import { resolvePolicy, type Policy, type PolicyOverrides } from '$lib/domain/policy';
import type { ApplicationFacts, Conflict, Problem } from '$lib/domain/types';
import { calendarRules, type CalendarRules } from './calendar-rules';
import { ApiError, apiError, type ErrorCode } from './errors';
import { problemText } from '$lib/i18n/problems';
import type { AppContext } from './context';
import { m } from '$lib/paraglide/messages';

/** What writing the calendar needs of the app's context. */
export type CalendarCtx = Pick<AppContext, 'sql' | 'collab'>;

/** Turns broken rules into the API's 422 naming the rule and the fields. */
export function problemsError(problems: readonly Problem[]): ApiError {
	const fields: Record<string, string> = {};
	// Said in the request's language (its Accept-Language for the API, the person's on a page).
	const said = problems.map((p) => ({ ...p, message: problemText(p) }));
	for (const p of said) if (p.field) fields[p.field] ??= p.message;
	return new ApiError('rule_violated', said[0]?.message ?? m.api_rule_broken(), {
		rule: problems[0]?.code,
		fields,
		problems: said.map((p) => ({
			code: p.code,
			field: p.field ?? null,
			message: p.message,
			// Whom a rule is about (panel members past their limit, not interviewers of the organization).
			...(p.ids?.length ? { person_ids: [...p.ids] } : {})
		}))
	});
}

/** A 409 listing the clashing interviews. */
export function conflictError(conflicts: readonly Conflict[]): ApiError {
	return new ApiError('conflict', m.cal_double_book({ count: new Set(conflicts.map((c) => c.personId)).size }), {
		conflicts: conflicts.map((c) => ({
			interview_id: c.interviewId,
			person_id: c.personId,
			role: c.role,
			start: c.start,
			end: c.end
		}))
	});
}

/** What the rules need to know about an organization: its policy, interviewers, closures and load limits. */
export async function orgFacts(
	sql: Sql,
	orgId: string
): Promise<{ policy: Policy; interviewerIds: Set<string>; rules: CalendarRules }> {
	const [org] = await sql<{ policy: PolicyOverrides | null }[]>`select policy from organizations where id = ${orgId}`;
	const rows = await sql<
		{ user_id: string }[]
	>`select user_id from memberships where org_id = ${orgId} and role = 'interviewer'`;
	const policy = resolvePolicy(org?.policy ?? null);
	return {
		policy,
		interviewerIds: new Set(rows.map((r) => r.user_id)),
		rules: await calendarRules(sql, orgId, policy)
	};
}

/** An application of the organization as the rules see it; null when it is not there. */
export async function applicationFacts(
	sql: Sql,
	orgId: string,
	applicationId: string
): Promise<ApplicationFacts | null> {
	const [a] = await sql<
		{
			id: string;
			candidate_id: string;
			cycle_id: string;
			status: ApplicationFacts['status'];
			interview_enabled: boolean;
			online_interview_enabled: boolean;
		}[]
	>`select id, candidate_id, cycle_id, status, interview_enabled, online_interview_enabled
		from applications where id = ${applicationId} and org_id = ${orgId}`;
	return a
		? {
				id: a.id,
				candidateId: a.candidate_id,
				cycleId: a.cycle_id,
				status: a.status,
				interviewEnabled: a.interview_enabled,
				onlineInterviewEnabled: a.online_interview_enabled
			}
		: null;
}

/**
 * Runs `fn` on the organization's calendar document through a direct connection, as `actorId`, and
 * waits until the change is in the update journal and the projection has stored what it changed
 * (before letting go of the document, so the projection still holds it). `fn` runs synchronously on the current document state, so a check and
 * the write it guards cannot interleave with another change. A change that cannot be stored yet
 * answers 503; it stays in the document and is projected on the next attempt.
 */
export async function withCalendar<T>(
	ctx: CalendarCtx,
	orgId: string,
	actorId: string | null,
	fn: (doc: Y.Doc, origin: unknown) => T
): Promise<T> {
	const { collab } = ctx;
	const context = collab.systemContext(orgId, actorId);
	const origin = { context };
	const name = await liveCalendarDocName(ctx.sql, orgId);
	const connection = await collab.hocuspocus.openDirectConnection(name, context);
	let result: T | undefined;
	const touched = new Set<string>();
	try {
		await connection.transact((doc) => {
			const ydoc = doc as unknown as Y.Doc;
			const stop = observeInterviews(ydoc, ({ ids }) => ids.forEach((id) => touched.add(id)));
			try {
				result = fn(ydoc, origin);
			} finally {
				stop();
			}
		});
		// Durable before answered: the change is in the update journal (or Postgres is down: 503).
		await collab.durable(name);
		if (touched.size) await collab.projection.flush(orgId, touched);
	} catch (err) {
		if (err instanceof MissingInterview) throw await archivedOr(ctx.sql, orgId, err);
		// collab-server's ProjectionError and NotDurableError, recognised by name: the app bundle has its own module graph.
		if (err instanceof Error && (err.name === 'ProjectionError' || err.name === 'NotDurableError')) {
			throw new ApiError('unavailable', m.api_not_stored_yet(), {
				interview_ids: (err as Error & { ids?: string[] }).ids ?? []
			});
		}
		throw err;
	} finally {
		await connection.disconnect();
	}
	return result as T;
}

/** Throws the judge's refusal as the API answers it: a broken rule (422) before a double booking (409). */
export function refuse(verdict: Verdict): void {
	if (verdict.problems.length) throw problemsError(verdict.problems);
	if (verdict.conflicts.length) throw conflictError(verdict.conflicts);
}

/**
 * What a write finds when the calendar document has no entry for `interviewId`: by default the 404 of
 * an interview that does not exist, or the caller's own refusal (`code`, `message`, `details`).
 * Thrown inside `withCalendar`, which first asks Postgres whether the id is an interview of the
 * organization archived out of the document (decision 69): that one exists, so it answers 409 `archived`.
 */
export class MissingInterview extends ApiError {
	constructor(
		readonly interviewId: string,
		code: ErrorCode = 'not_found',
		message: string = m.problem_not_found(),
		details: Record<string, unknown> = {}
	) {
		super(code, message, details);
	}
}

/** 409 `archived` when the missing entry is an archived interview of the organization; else the refusal as thrown. */
async function archivedOr(sql: Sql, orgId: string, missing: MissingInterview): Promise<ApiError> {
	const [row] = await sql<{ archived_at: Date }[]>`select archived_at from interviews
		where id = ${missing.interviewId} and org_id = ${orgId} and archived_at is not null`;
	if (!row) return missing;
	return new ApiError('archived', m.api_archived(), {
		interview_id: missing.interviewId,
		archived_at: new Date(row.archived_at).toISOString(),
		// A loop names which of its sessions it is.
		...(typeof missing.details.session === 'number' ? { session: missing.details.session } : {})
	});
}

/** The interview a write wrote; a refusal thrown as the API answers it (see `MissingInterview`). */
export function unwrap(result: WriteResult): string {
	if (!result.ok) {
		const id = result.problem.ids?.[0];
		if (result.problem.code === 'not_found') throw id ? new MissingInterview(id) : apiError.notFound('interview');
		throw problemsError([result.problem]);
	}
	return result.id;
}
