/**
 * The API's write path to the schedule (invariant 1): every write goes into the organization's
 * calendar document through a Hocuspocus direct connection, checked with the same pure rules the
 * browser uses, and returns once the projection has stored it. Live clients see it at once.
 */
import {
	createInterview,
	getInterview,
	inspectEntry,
	listInterviews,
	setStatus,
	updateInterview,
	type DamagedEntry,
	type InterviewPatch
} from '$lib/collab/calendar';
import { judgeMove, judgeStatus, type JudgeFacts } from '$lib/domain/judge';
import { judgeLoop } from '$lib/domain/loop-finder';
import type { Interview, InterviewStatus } from '$lib/domain/types';
import { ApiError, apiError } from './errors';
import { findInterview } from './interviews';
import {
	applicationFacts,
	MissingInterview,
	orgFacts,
	problemsError,
	refuse,
	unwrap,
	withCalendar,
	type CalendarCtx
} from './calendar-writes';
import { apiField, cancelDamaged, repairInterview } from './repair';
import { m } from '$lib/paraglide/messages';

export {
	applicationFacts,
	conflictError,
	orgFacts,
	problemsError,
	withCalendar,
	type CalendarCtx
} from './calendar-writes';

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
	ctx: CalendarCtx,
	orgId: string,
	actorId: string,
	input: NewInterview,
	opts: { stored?: readonly Interview[] } = {}
): Promise<string> {
	const [id] = await scheduleInterviews(ctx, orgId, actorId, [input], opts);
	return id!;
}

/**
 * Schedules several interviews of one application in one change of the calendar (a loop): each is
 * judged against the calendar and the ones before it, and if any is refused none is written (the
 * refusal names it in `details.session`, counted from 0).
 */
export async function scheduleInterviews(
	ctx: CalendarCtx,
	orgId: string,
	actorId: string,
	inputs: readonly NewInterview[],
	/** `ids`: the new interviews' ids, one per input (a loop records them before they are written). */
	opts: { stored?: readonly Interview[]; ids?: readonly string[] } = {}
): Promise<string[]> {
	const { sql } = ctx;
	const appId = inputs[0]?.applicationId;
	if (!appId || inputs.some((i) => i.applicationId !== appId))
		throw apiError.fields({ sessions: m.api_one_application() });
	const application = await applicationFacts(sql, orgId, appId);
	if (!application) throw apiError.notFound('application');
	const { policy, interviewerIds, rules } = await orgFacts(sql, orgId);
	const now = new Date();
	return withCalendar(ctx, orgId, actorId, (doc, origin) => {
		const sessions = inputs.map((input, n): Interview => ({
			id: opts.ids?.[n] ?? crypto.randomUUID(),
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
		}));
		const facts: JudgeFacts = {
			now,
			policy,
			application,
			interviewerIds,
			calendar: { interviews: withStored(listInterviews(doc), opts.stored) },
			...rules
		};
		const refusal = judgeLoop(sessions, facts);
		if (refusal) {
			try {
				refuse(refusal.verdict);
			} catch (err) {
				if (err instanceof ApiError && inputs.length > 1)
					throw new ApiError(err.code, m.api_session({ n: refusal.session + 1, message: err.message }), {
						...err.details,
						session: refusal.session
					});
				throw err;
			}
		}
		// Every session passed: only now is anything written.
		return sessions.map((interview) => unwrap(createInterview(doc, interview, origin)));
	});
}

/** The document's interviews, and those stored in Postgres that the document does not hold yet. */
function withStored(doc: Interview[], stored: readonly Interview[] = []): Interview[] {
	const known = new Set(doc.map((i) => i.id));
	return [...doc, ...stored.filter((i) => !known.has(i.id))];
}

/** Edits an interview (a new start or duration is a reschedule): same checks as scheduling. */
export async function editInterview(
	ctx: CalendarCtx,
	orgId: string,
	actorId: string,
	id: string,
	patch: InterviewPatch,
	reason: string | null
): Promise<void> {
	const { sql } = ctx;
	const { policy, interviewerIds, rules } = await orgFacts(sql, orgId);
	const [row] = await sql<
		{ application_id: string }[]
	>`select application_id from interviews where id = ${id} and org_id = ${orgId}`;
	const application = row ? await applicationFacts(sql, orgId, row.application_id) : null;
	const now = new Date();
	const damaged = await withCalendar(ctx, orgId, actorId, (doc, origin): DamagedEntry | null => {
		const current = getInterview(doc, id);
		if (!current) {
			const entry = inspectEntry(doc, id);
			if (entry) return entry;
			throw new MissingInterview(id);
		}
		if (!row) throw apiError.notFound('interview');
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
		await repairInterview(ctx, orgId, actorId, { damaged, stored, patch, reason, policy, interviewerIds, rules });
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

/**
 * Moves an interview along the status machine (cancel needs a reason). A damaged entry can only be
 * cancelled (see `cancelDamaged`); the answer says whether it was cancelled or, never stored, removed.
 * `damagedOnly`: the caller found no stored interview, so only a damaged entry may be acted on.
 */
export async function changeStatus(
	ctx: CalendarCtx,
	orgId: string,
	actorId: string | null,
	id: string,
	to: InterviewStatus,
	reason: string | null,
	opts: { damagedOnly?: boolean } = {}
): Promise<'changed' | 'removed'> {
	const now = new Date();
	const damaged = await withCalendar(ctx, orgId, actorId, (doc, origin) => {
		const current = getInterview(doc, id);
		if (!current) {
			const entry = inspectEntry(doc, id);
			if (entry) return entry;
			throw new MissingInterview(id);
		}
		// The caller found no stored interview: only a damaged entry is this id's business here.
		if (opts.damagedOnly) throw apiError.notFound('interview');
		// An outcome is recorded only once the interview has begun (the document helpers allow any
		// order, so that edits made apart still merge).
		const problems = judgeStatus({ interview: current, to, reason }, { now });
		if (problems.length) throw problemsError(problems);
		unwrap(setStatus(doc, id, to, { actor: actorId, now, reason, origin }));
		return null;
	});
	if (!damaged) return 'changed';
	if (to !== 'cancelled') {
		throw new ApiError('rule_violated', m.api_needs_repair_mark(), {
			rule: 'needs_repair',
			broken: damaged.broken.map(apiField)
		});
	}
	return (await cancelDamaged(ctx, orgId, actorId, damaged, reason)) === 'removed' ? 'removed' : 'changed';
}
