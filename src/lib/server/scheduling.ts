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
	deleteInterview,
	getInterview,
	inspectEntry,
	listInterviews,
	observeInterviews,
	restoreInterview,
	setStatus,
	updateInterview,
	type DamagedEntry,
	type InterviewPatch,
	type WriteResult
} from '$lib/collab/calendar';
import { judgeBooking, judgeMove, judgeStatus, type JudgeFacts, type Verdict } from '$lib/domain/judge';
import { doubleBookingMessage } from '$lib/domain/messages';
import { resolvePolicy, type Policy, type PolicyOverrides } from '$lib/domain/policy';
import type { ApplicationFacts, Conflict, Interview, InterviewStatus, Problem } from '$lib/domain/types';
import { calendarRules, type CalendarRules } from './calendar-rules';
import { ApiError, fail } from './errors';
import { findInterview, type InterviewRow } from './interviews';
import { runtime } from './runtime';

/** Turns broken rules into the API's 422 naming the rule and the fields. */
export function problemsError(problems: readonly Problem[]): ApiError {
	const fields: Record<string, string> = {};
	for (const p of problems) if (p.field) fields[p.field] ??= p.message;
	return new ApiError('rule_violated', problems[0]?.message ?? 'The request breaks a scheduling rule.', {
		rule: problems[0]?.code,
		fields,
		problems: problems.map((p) => ({
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
		// Durable before answered: the change is in the update journal (or Postgres is down: 503).
		await collab.durable(calendarDocName(orgId));
		if (touched.size) await collab.projection.flush(orgId, touched);
	} catch (err) {
		// collab-server's ProjectionError and NotDurableError, recognised by name: the app bundle has its own module graph.
		if (err instanceof Error && (err.name === 'ProjectionError' || err.name === 'NotDurableError')) {
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

/** Throws the judge's refusal as the API answers it: a broken rule (422) before a double booking (409). */
function refuse(verdict: Verdict): void {
	if (verdict.problems.length) throw problemsError(verdict.problems);
	if (verdict.conflicts.length) throw conflictError(verdict.conflicts);
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

/**
 * Schedules an interview: 404 unknown application, 422 a broken rule, 409 a double booking.
 * `stored`: interviews read from Postgres under a lock, judged beside the document's (another
 * instance's booking may not have reached this instance's copy of the document yet).
 */
export async function scheduleInterview(
	orgId: string,
	actorId: string,
	input: NewInterview,
	opts: { stored?: readonly Interview[] } = {}
): Promise<string> {
	const [id] = await scheduleInterviews(orgId, actorId, [input], opts);
	return id!;
}

/**
 * Schedules several interviews of one application in one change of the calendar (a loop): each is
 * judged against the calendar and the ones before it, and if any is refused none is written (the
 * refusal names it in `details.session`, counted from 0).
 */
export async function scheduleInterviews(
	orgId: string,
	actorId: string,
	inputs: readonly NewInterview[],
	opts: { stored?: readonly Interview[] } = {}
): Promise<string[]> {
	const { sql } = runtime().db;
	const appId = inputs[0]?.applicationId;
	if (!appId || inputs.some((i) => i.applicationId !== appId))
		throw fail.fields({ sessions: 'must all be for one application' });
	const application = await applicationFacts(sql, orgId, appId);
	if (!application) throw fail.notFound('The application');
	const { policy, interviewerIds, rules } = await orgFacts(sql, orgId);
	const now = new Date();
	return withCalendar(orgId, actorId, (doc, origin) => {
		const accepted: Interview[] = [];
		const calendar = withStored(listInterviews(doc), opts.stored);
		for (const [n, input] of inputs.entries()) {
			const facts: JudgeFacts = {
				now,
				policy,
				application,
				interviewerIds,
				calendar: { interviews: [...calendar, ...accepted] },
				...rules
			};
			try {
				refuse(judgeBooking({ proposal: { ...input, candidateId: application.candidateId } }, facts));
			} catch (err) {
				if (err instanceof ApiError && inputs.length > 1)
					throw new ApiError(err.code, `Session ${n + 1}: ${err.message}`, { ...err.details, session: n });
				throw err;
			}
			accepted.push({
				id: crypto.randomUUID(),
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
			});
		}
		// Every session passed: only now is anything written.
		return accepted.map((interview) => unwrap(createInterview(doc, interview, origin)));
	});
}

/** The document's interviews, and those stored in Postgres that the document does not hold yet. */
function withStored(doc: Interview[], stored: readonly Interview[] = []): Interview[] {
	const known = new Set(doc.map((i) => i.id));
	return [...doc, ...stored.filter((i) => !known.has(i.id))];
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
	const { policy, interviewerIds, rules } = await orgFacts(sql, orgId);
	const [row] = await sql<
		{ application_id: string }[]
	>`select application_id from interviews where id = ${id} and org_id = ${orgId}`;
	const application = row ? await applicationFacts(sql, orgId, row.application_id) : null;
	const now = new Date();
	const damaged = await withCalendar(orgId, actorId, (doc, origin): DamagedEntry | null => {
		const current = getInterview(doc, id);
		if (!current) {
			const entry = inspectEntry(doc, id);
			if (entry) return entry;
			throw fail.notFound('The interview');
		}
		if (!row) throw fail.notFound('The interview');
		const next: Interview = {
			...current,
			...patch,
			start: patch.start ? new Date(patch.start).toISOString() : current.start
		};
		const facts: JudgeFacts = {
			now,
			policy,
			application,
			interviewerIds,
			calendar: { interviews: listInterviews(doc) },
			...rules
		};
		refuse(judgeMove({ before: current, after: next, reason }, facts));
		unwrap(
			updateInterview(
				doc,
				id,
				{ ...patch, ...(patch.start ? { start: next.start } : {}) },
				{ actor: actorId, now, reason, origin }
			)
		);
		return null;
	});
	if (damaged) {
		const stored = row ? await findInterview(sql, orgId, id) : null;
		await repairInterview(orgId, actorId, { damaged, stored, patch, reason, policy, interviewerIds, rules });
	}
}

/*
 * Damaged entries ("needs repair"). A calendar entry that does not read as an interview (a buggy or
 * modified client wrote it) is invisible to the ordinary helpers. The API repairs it (PATCH) or
 * cancels it from what the server knows: the fields of the entry that still read, over the last row
 * the projection stored; the candidate and the cycle always come from the application in Postgres.
 * An entry that was never stored and cannot be read whole is removed by a cancel (there is no
 * history, no scorecard, no notice to keep).
 */

/** The snake_case API field of an interview field, for messages and `details.fields`. */
const API_FIELD: Partial<Record<keyof Interview, string>> = {
	applicationId: 'application_id',
	candidateId: 'candidate',
	cycleId: 'cycle_id',
	durationMin: 'duration_min',
	rescheduledFrom: 'rescheduled_from'
};
const apiField = (f: keyof Interview) => API_FIELD[f] ?? f;
/** What a PATCH can give a damaged entry; anything else must be readable or stored. */
const PATCHABLE: ReadonlySet<keyof Interview> = new Set([
	'start',
	'durationMin',
	'timezone',
	'type',
	'mode',
	'location',
	'panel'
]);

/**
 * The interview a damaged entry stands for: its readable fields over the last stored row, the
 * candidate and cycle of its application, stamped by `actorId` now. Names the fields still missing.
 */
function rebuild(
	entry: DamagedEntry,
	stored: InterviewRow | null,
	application: ApplicationFacts | null,
	stamp: { actorId: string | null; now: Date }
): { base: Partial<Interview>; missing: (keyof Interview)[] } {
	const fromRow: Partial<Interview> = stored
		? {
				applicationId: stored.application_id,
				start: stored.start_at.toISOString(),
				durationMin: stored.duration_min,
				timezone: stored.timezone,
				type: stored.type as Interview['type'],
				mode: stored.mode as Interview['mode'],
				location: stored.location,
				round: stored.round,
				panel: stored.panel.map((p) => p.id),
				status: stored.status as Interview['status'],
				rescheduledFrom: stored.rescheduled_from
			}
		: {};
	const base: Partial<Interview> = { rescheduledFrom: null, ...fromRow, ...entry.readable, id: entry.id };
	delete base.candidateId;
	delete base.cycleId;
	if (application && application.id === base.applicationId) {
		base.candidateId = application.candidateId;
		base.cycleId = application.cycleId;
	}
	base.updatedBy = stamp.actorId;
	base.updatedAt = stamp.now.toISOString();
	const missing = (Object.keys(REQUIRED) as (keyof Interview)[]).filter((f) => base[f] === undefined);
	return { base, missing };
}
const REQUIRED: Record<Exclude<keyof Interview, 'updatedBy' | 'rescheduledFrom'>, true> = {
	id: true,
	applicationId: true,
	candidateId: true,
	cycleId: true,
	start: true,
	durationMin: true,
	timezone: true,
	type: true,
	mode: true,
	location: true,
	round: true,
	panel: true,
	status: true,
	updatedAt: true
};

/** The 422 for a damaged entry that a repair cannot make whole. */
function needsRepairError(entry: DamagedEntry, missing: (keyof Interview)[], stored: boolean): ApiError {
	const fixable = missing.every((f) => PATCHABLE.has(f));
	const names = missing.map(apiField);
	const message = fixable
		? `This calendar entry needs repair: ${names.join(', ')} cannot be read${stored ? '' : ' and was never stored'}. Send a value for ${names.length > 1 ? 'each' : 'it'}, or cancel the entry.`
		: `This calendar entry cannot be repaired: ${names.join(', ')} cannot be read${stored ? '' : ' and it was never stored'}. Cancel it to remove it from the calendar.`;
	return new ApiError('rule_violated', message, {
		rule: 'needs_repair',
		fields: Object.fromEntries(names.map((n) => [n, 'cannot be read from the calendar'])),
		broken: entry.broken.map(apiField),
		problems: [{ code: 'needs_repair', field: null, message }]
	});
}

/** Repairs a damaged entry with a PATCH: checked by the same rules as an edit (and a booking, when it was never stored). */
async function repairInterview(
	orgId: string,
	actorId: string,
	input: {
		damaged: DamagedEntry;
		stored: InterviewRow | null;
		patch: InterviewPatch;
		reason: string | null;
		policy: Policy;
		interviewerIds: Set<string>;
		rules: CalendarRules;
	}
): Promise<void> {
	const { damaged, stored, patch, reason, policy, interviewerIds, rules } = input;
	const { sql } = runtime().db;
	const appId = damaged.readable.applicationId ?? stored?.application_id;
	const application = appId ? await applicationFacts(sql, orgId, appId) : null;
	const now = new Date();
	await withCalendar(orgId, actorId, (doc, origin) => {
		// The entry may have changed since the peek: judge what it is now.
		const entry = inspectEntry(doc, damaged.id);
		if (!entry) {
			if (getInterview(doc, damaged.id))
				throw new ApiError('conflict', 'The interview was repaired meanwhile; read it again.');
			throw fail.notFound('The interview');
		}
		const { base, missing } = rebuild(entry, stored, application, { actorId, now });
		const next = { ...base, ...stripUndefined(patch) } as Partial<Interview>;
		if (patch.start) next.start = new Date(patch.start).toISOString();
		const still = missing.filter((f) => next[f] === undefined);
		if (still.length) throw needsRepairError(entry, still, stored !== null);
		const whole = next as Interview;
		if (whole.status !== 'scheduled') {
			const changes = (Object.keys(stripUndefined(patch)) as (keyof Interview)[]).filter(
				(f) => !entry.broken.includes(f) && patch[f as keyof InterviewPatch] !== base[f]
			);
			if (changes.length)
				throw problemsError([
					{
						code: 'not_editable',
						field: 'status',
						message: `Only a scheduled interview can be changed; this one is ${whole.status.replace('_', ' ')}, so only the fields that cannot be read can be given.`
					}
				]);
		}
		const facts: JudgeFacts = {
			now,
			policy,
			application,
			interviewerIds,
			calendar: { interviews: listInterviews(doc) },
			...rules
		};
		// Never stored: this is its booking, judged as one; else a change of the last stored state.
		refuse(
			stored ? judgeMove({ before: base, after: whole, reason }, facts) : judgeBooking({ proposal: whole }, facts)
		);
		unwrap(restoreInterview(doc, whole, { actor: actorId, now, reason, origin }));
	});
}

/**
 * Cancels a damaged entry: rebuilt as a cancelled interview from its readable fields and the last
 * stored row, or, never stored and not readable whole, removed from the calendar. Says which.
 */
async function cancelDamaged(
	orgId: string,
	actorId: string | null,
	damaged: DamagedEntry,
	reason: string | null
): Promise<'cancelled' | 'removed'> {
	const { sql } = runtime().db;
	const stored = await findInterview(sql, orgId, damaged.id);
	const appId = damaged.readable.applicationId ?? stored?.application_id;
	const application = appId ? await applicationFacts(sql, orgId, appId) : null;
	const now = new Date();
	return withCalendar(orgId, actorId, (doc, origin) => {
		const entry = inspectEntry(doc, damaged.id);
		if (!entry) {
			if (getInterview(doc, damaged.id))
				throw new ApiError('conflict', 'The interview was repaired meanwhile; read it again.');
			throw fail.notFound('The interview');
		}
		if (!stored) {
			// Nothing of it ever reached Postgres: no history or scorecard hangs on it.
			deleteInterview(doc, entry.id, origin);
			return 'removed';
		}
		const { base, missing } = rebuild(entry, stored, application, { actorId, now });
		if (missing.length) throw needsRepairError(entry, missing, true);
		const whole = base as Interview;
		const problems = judgeStatus({ interview: whole, to: 'cancelled', reason }, { now });
		if (problems.length) throw problemsError(problems);
		unwrap(
			restoreInterview(
				doc,
				{ ...whole, status: 'cancelled' },
				{ actor: actorId, now, reason, origin, action: 'status' }
			)
		);
		return 'cancelled';
	});
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Moves an interview along the status machine (cancel needs a reason). A damaged entry can only be
 * cancelled (see `cancelDamaged`); the answer says whether it was cancelled or, never stored, removed.
 * `damagedOnly`: the caller found no stored interview, so only a damaged entry may be acted on.
 */
export async function changeStatus(
	orgId: string,
	actorId: string | null,
	id: string,
	to: InterviewStatus,
	reason: string | null,
	opts: { damagedOnly?: boolean } = {}
): Promise<'changed' | 'removed'> {
	const now = new Date();
	const damaged = await withCalendar(orgId, actorId, (doc, origin) => {
		const current = getInterview(doc, id);
		if (!current) {
			const entry = inspectEntry(doc, id);
			if (entry) return entry;
			throw fail.notFound('The interview');
		}
		// The caller found no stored interview: only a damaged entry is this id's business here.
		if (opts.damagedOnly) throw fail.notFound('The interview');
		// An outcome is recorded only once the interview has begun (the document helpers allow any
		// order, so that edits made apart still merge).
		const problems = judgeStatus({ interview: current, to, reason }, { now });
		if (problems.length) throw problemsError(problems);
		unwrap(setStatus(doc, id, to, { actor: actorId, now, reason, origin }));
		return null;
	});
	if (!damaged) return 'changed';
	if (to !== 'cancelled') {
		throw new ApiError(
			'rule_violated',
			'This calendar entry needs repair before it can be marked: repair it (PATCH) or cancel it.',
			{ rule: 'needs_repair', broken: damaged.broken.map(apiField) }
		);
	}
	return (await cancelDamaged(orgId, actorId, damaged, reason)) === 'removed' ? 'removed' : 'changed';
}
