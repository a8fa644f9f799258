/**
 * The API's write path to the schedule (invariant 1): every write goes into the organization's
 * calendar document through a Hocuspocus direct connection, checked with the same pure rules the
 * browser uses, and returns once the projection has stored it. Live clients see it at once.
 */
import type * as Y from 'yjs';
import type { Sql } from '../../../db/client';
import {
	calendarDocName,
	createInterview,
	getInterview,
	listInterviews,
	observeInterviews,
	setStatus,
	updateInterview,
	type InterviewPatch,
	type WriteResult
} from '$lib/collab/calendar';
import { ConflictIndex } from '$lib/domain/conflicts';
import { assertTransition } from '$lib/domain/status';
import { doubleBookingMessage, rescheduleReasonProblem } from '$lib/domain/messages';
import { resolvePolicy, type Policy, type PolicyOverrides } from '$lib/domain/policy';
import type { ApplicationFacts, Conflict, Interview, InterviewStatus, Problem } from '$lib/domain/types';
import { validateInterview } from '$lib/domain/validation';
import { ApiError, fail } from './errors';
import { runtime } from './runtime';

/** Turns broken rules into the API's 422 naming the rule and the fields. */
export function problemsError(problems: readonly Problem[]): ApiError {
	const fields: Record<string, string> = {};
	for (const p of problems) if (p.field) fields[p.field] ??= p.message;
	return new ApiError('rule_violated', problems[0]?.message ?? 'The request breaks a scheduling rule.', {
		rule: problems[0]?.code,
		fields,
		problems: problems.map((p) => ({ code: p.code, field: p.field ?? null, message: p.message }))
	});
}

/** A 409 listing the clashing interviews. */
export function conflictError(conflicts: readonly Conflict[]): ApiError {
	return new ApiError('conflict', doubleBookingMessage(conflicts), {
		conflicts: conflicts.map((c) => ({
			interview_id: c.interviewId,
			person_id: c.personId,
			role: c.role,
			start: c.start,
			end: c.end
		}))
	});
}

/** What the rules need to know about an organization. */
export async function orgFacts(sql: Sql, orgId: string): Promise<{ policy: Policy; interviewerIds: Set<string> }> {
	const [org] = await sql<{ policy: PolicyOverrides | null }[]>`select policy from organizations where id = ${orgId}`;
	const rows = await sql<
		{ user_id: string }[]
	>`select user_id from memberships where org_id = ${orgId} and role = 'interviewer'`;
	return { policy: resolvePolicy(org?.policy ?? null), interviewerIds: new Set(rows.map((r) => r.user_id)) };
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
 * waits until the projection has stored what it changed (before letting go of the document, so the
 * projection still holds it). `fn` runs synchronously on the current document state, so a check and
 * the write it guards cannot interleave with another change. A change that cannot be stored yet
 * answers 503; it stays in the document and is projected on the next attempt.
 */
export async function withCalendar<T>(
	orgId: string,
	actorId: string | null,
	fn: (doc: Y.Doc, origin: unknown) => T
): Promise<T> {
	const { collab } = runtime();
	const context = collab.systemContext(orgId, actorId);
	const origin = { context };
	const connection = await collab.hocuspocus.openDirectConnection(calendarDocName(orgId), context);
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
		if (touched.size) await collab.projection.flush(orgId, touched);
	} catch (err) {
		// collab-server's ProjectionError, recognised by name: the app bundle has its own module graph.
		if (err instanceof Error && err.name === 'ProjectionError') {
			throw new ApiError(
				'unavailable',
				'The change is in the calendar but not yet in the database; it will be stored shortly. Do not send it again: read the interview back in a minute.',
				{ interview_ids: (err as Error & { ids?: string[] }).ids ?? [] }
			);
		}
		throw err;
	} finally {
		await connection.disconnect();
	}
	return result as T;
}

function unwrap(result: WriteResult): string {
	if (!result.ok) {
		if (result.problem.code === 'not_found') throw fail.notFound('The interview');
		throw problemsError([result.problem]);
	}
	return result.id;
}

export interface NewInterview {
	applicationId: string;
	start: string;
	durationMin: number;
	timezone: string;
	type: Interview['type'];
	mode: Interview['mode'];
	location: string;
	round: number;
	panel: string[];
}

/** Schedules an interview: 404 unknown application, 422 a broken rule, 409 a double booking. */
export async function scheduleInterview(orgId: string, actorId: string, input: NewInterview): Promise<string> {
	const { sql } = runtime().db;
	const application = await applicationFacts(sql, orgId, input.applicationId);
	if (!application) throw fail.notFound('The application');
	const { policy, interviewerIds } = await orgFacts(sql, orgId);
	const now = new Date();
	const id = crypto.randomUUID();
	return withCalendar(orgId, actorId, (doc, origin) => {
		const existing = listInterviews(doc);
		const problems = validateInterview(input, {
			now,
			policy,
			application,
			orgInterviewerIds: interviewerIds,
			otherInterviews: existing
		});
		if (problems.length) throw problemsError(problems);
		const interview: Interview = {
			id,
			applicationId: application.id,
			candidateId: application.candidateId,
			cycleId: application.cycleId,
			start: new Date(input.start).toISOString(),
			durationMin: input.durationMin,
			timezone: input.timezone,
			type: input.type,
			mode: input.mode,
			location: input.location,
			round: input.round,
			panel: [...new Set(input.panel)],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: actorId,
			updatedAt: now.toISOString()
		};
		const conflicts = new ConflictIndex(existing, { bufferMin: policy.bufferMin }).conflictsFor(interview);
		if (conflicts.length) throw conflictError(conflicts);
		return unwrap(createInterview(doc, interview, origin));
	});
}

/** Edits an interview (a new start or duration is a reschedule): same checks as scheduling. */
export async function editInterview(
	orgId: string,
	actorId: string,
	id: string,
	patch: InterviewPatch,
	reason: string | null
): Promise<void> {
	const { sql } = runtime().db;
	const { policy, interviewerIds } = await orgFacts(sql, orgId);
	const [row] = await sql<
		{ application_id: string }[]
	>`select application_id from interviews where id = ${id} and org_id = ${orgId}`;
	if (!row) throw fail.notFound('The interview');
	const application = await applicationFacts(sql, orgId, row.application_id);
	const now = new Date();
	await withCalendar(orgId, actorId, (doc, origin) => {
		const current = getInterview(doc, id);
		if (!current) throw fail.notFound('The interview');
		const next: Interview = {
			...current,
			...patch,
			start: patch.start ? new Date(patch.start).toISOString() : current.start
		};
		const moved = next.start !== current.start;
		if (moved && !reason?.trim()) throw problemsError([rescheduleReasonProblem('move')]);
		const existing = listInterviews(doc);
		const problems = validateInterview(next, {
			now,
			policy,
			application,
			orgInterviewerIds: interviewerIds,
			otherInterviews: existing,
			ignoreId: id,
			isReschedule: moved,
			checkTiming: moved,
			checkEligibility: false
		}).filter((p) => p.code !== 'online_disabled' || patch.mode === 'online');
		if (problems.length) throw problemsError(problems);
		const conflicts = new ConflictIndex(existing, { bufferMin: policy.bufferMin }).conflictsFor(next);
		if (conflicts.length) throw conflictError(conflicts);
		unwrap(
			updateInterview(
				doc,
				id,
				{ ...patch, ...(patch.start ? { start: next.start } : {}) },
				{ actor: actorId, now, reason, origin }
			)
		);
	});
}

/** Moves an interview along the status machine (cancel needs a reason). */
export async function changeStatus(
	orgId: string,
	actorId: string | null,
	id: string,
	to: InterviewStatus,
	reason: string | null
): Promise<void> {
	const now = new Date();
	await withCalendar(orgId, actorId, (doc, origin) => {
		const current = getInterview(doc, id);
		if (!current) throw fail.notFound('The interview');
		// An outcome is recorded only once the interview has begun (the document helpers allow any
		// order, so that edits made apart still merge).
		const early = assertTransition(current.status, to, { reason, start: current.start, now });
		if (early) throw problemsError([early]);
		return unwrap(setStatus(doc, id, to, { actor: actorId, now, reason, origin }));
	});
}
