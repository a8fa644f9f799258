/**
 * Loops as a unit. Booking: the sessions laid out (`loopLayout`: back to back, on one day or two),
 * each the next round of the application, all judged in one change of the calendar document and
 * written only if every one passes (`scheduleInterviews`); then the loop is recorded so the sessions
 * are known to belong together. Moving: every scheduled session laid out again from the new start
 * and judged as a unit (`judgeLoopMove`), written in one change or not at all. Cancelling: every
 * scheduled session in one change. Each session stays an ordinary interview, so the projection
 * audits each change of each once and notifies the people involved.
 */
import type { AppContext } from './context';
import { getInterview, listInterviews, setStatus, updateInterview } from '$lib/collab/calendar';
import { nextRound } from '$lib/domain/applications';
import { judgeStatus, type JudgeFacts } from '$lib/domain/judge';
import { judgeLoopMove, type LoopRefusal } from '$lib/domain/loop-finder';
import { loopLayout, loopRounds, splitProblem } from '$lib/domain/loops';
import type { Interview } from '$lib/domain/types';
import { withBookingLock } from './booking-lock';
import {
	applicationFacts,
	MissingInterview,
	orgFacts,
	problemsError,
	refuse,
	unwrap,
	withCalendar
} from './calendar-writes';
import { ApiError, fail } from './errors';
import type { Actor } from './guards';
import { queryInterviews, type InterviewRow } from './interviews';
import { stateOf, writeLoopLog, type SessionChange } from './loop-logs';
import { scheduleInterviews } from './scheduling';
import { m } from '$lib/paraglide/messages';

type Deps = Pick<AppContext, 'sql' | 'collab' | 'dbKind'>;

/** A loop to find a start for, as the API takes it. */
export interface LoopSpec {
	applicationId: string;
	timezone: string;
	breakMin: number;
	splitAfter: number | null;
	mode: Interview['mode'];
	location: string;
	sessions: { panel: string[]; durationMin: number; type: Interview['type'] }[];
}

/** A loop to book: its shape and the first session's start. */
export type NewLoop = LoopSpec & { start: string };

function adminOnly(actor: Actor): void {
	if (actor.role !== 'admin') throw fail.forbidden(m.api_admin_loops());
}

/** Books the loop; answers its id and its interviews' ids in order. 422/409 name the session refused. */
export async function bookLoop(
	deps: Deps,
	actor: Actor,
	input: NewLoop
): Promise<{ id: string; interviewIds: string[] }> {
	adminOnly(actor);
	const split = splitProblem(input.splitAfter, input.sessions.length);
	if (split) throw fail.fields({ split_after: split });
	const { sql } = deps;
	return withBookingLock(sql, deps.dbKind, actor.orgId, async () => {
		const taken = await sql<{ round: number; status: string }[]>`select round, status from interviews
			where application_id = ${input.applicationId} and org_id = ${actor.orgId}`;
		const rounds = loopRounds(nextRound(taken), input.sessions.length);
		const starts = loopLayout(input.start, input);
		// The loop is recorded before its sessions are written, so the projection that stores them
		// already knows they belong together and sends one invitation for the loop; a refusal removes it.
		const ids = input.sessions.map(() => crypto.randomUUID());
		const [loop] = await sql<{ id: string }[]>`insert into interview_loops
				(org_id, application_id, interview_ids, break_min, split_after, created_by)
			values (${actor.orgId}, ${input.applicationId}, ${ids}::uuid[], ${input.breakMin}, ${input.splitAfter},
				${actor.user.id}) returning id`;
		try {
			await scheduleInterviews(
				deps,
				actor.orgId,
				actor.user.id,
				input.sessions.map((s, i) => ({
					applicationId: input.applicationId,
					start: starts[i]!,
					durationMin: s.durationMin,
					timezone: input.timezone,
					type: s.type,
					mode: input.mode,
					location: input.location,
					round: rounds[i]!,
					panel: s.panel
				})),
				{ ids }
			);
		} catch (err) {
			await sql`delete from interview_loops where id = ${loop!.id}`;
			throw err;
		}
		await writeLoopLog(sql, actor, {
			loopId: loop!.id,
			action: 'booked',
			reason: null,
			sessions: ids.map((id, n) => ({
				interview_id: id,
				position: n + 1,
				before: null,
				after: stateOf(starts[n]!, input.sessions[n]!.durationMin, 'scheduled')
			}))
		});
		return { id: loop!.id, interviewIds: ids };
	});
}

/** A loop as stored, with its sessions' rows in order. */
export interface StoredLoop {
	id: string;
	applicationId: string;
	breakMin: number;
	splitAfter: number | null;
	sessions: InterviewRow[];
}

/** The loop of the organization, or 404. */
export async function readLoop(deps: Pick<AppContext, 'sql'>, actor: Actor, id: string): Promise<StoredLoop> {
	const [row] = await deps.sql<
		{ id: string; application_id: string; interview_ids: string[]; break_min: number; split_after: number | null }[]
	>`select id, application_id, interview_ids::text[], break_min, split_after from interview_loops
		where id = ${id} and org_id = ${actor.orgId}`;
	if (!row) throw fail.notFound('loop');
	const { rows } = await queryInterviews(deps.sql, { orgId: actor.orgId, ids: row.interview_ids });
	const byId = new Map(rows.map((r) => [r.id, r]));
	return {
		id: row.id,
		applicationId: row.application_id,
		breakMin: row.break_min,
		splitAfter: row.split_after,
		sessions: row.interview_ids.flatMap((i) => byId.get(i) ?? [])
	};
}

/** The loop's shape as booked, from its sessions as they are now (for laying it out again). */
export function specOf(loop: StoredLoop): LoopSpec {
	const first = loop.sessions[0];
	if (!first) throw fail.notFound('loop_sessions');
	return {
		applicationId: loop.applicationId,
		timezone: first.timezone,
		breakMin: loop.breakMin,
		splitAfter: loop.splitAfter !== null && loop.splitAfter < loop.sessions.length ? loop.splitAfter : null,
		mode: first.mode as Interview['mode'],
		location: first.location,
		sessions: loop.sessions.map((s) => ({
			panel: s.panel.map((p) => p.id),
			durationMin: s.duration_min,
			type: s.type as Interview['type']
		}))
	};
}

/** The refusal of session `n` (from 0) of a loop, as the API answers it. */
function sessionRefusal(refusal: LoopRefusal, position: number): ApiError {
	try {
		refuse(refusal.verdict);
	} catch (err) {
		if (err instanceof ApiError)
			return new ApiError(err.code, m.api_session({ n: position + 1, message: err.message }), {
				...err.details,
				session: position
			});
		throw err;
	}
	return new ApiError('rule_violated', m.api_session_cannot_move({ n: position + 1 }), { session: position });
}

/** The sessions of a loop read from the calendar document, in order; 422 when one cannot be acted on as part of the unit. */
function unitSessions(doc: Parameters<typeof listInterviews>[0], loop: StoredLoop, verb: string): Interview[] {
	return loop.sessions.map((row, n) => {
		const session = getInterview(doc, row.id);
		// Not readable: a damaged entry, or a session archived out of the document (`withCalendar` says 409 then).
		if (!session)
			throw new MissingInterview(
				row.id,
				'rule_violated',
				(verb === 'move' ? m.api_session_repair_move : m.api_session_repair_cancel)({ n: n + 1 }),
				{ rule: 'needs_repair', session: n }
			);
		if (session.status === 'in_progress' || session.status === 'completed' || session.status === 'no_show')
			throw new ApiError(
				'rule_violated',
				(verb === 'move' ? m.api_session_begun_move : m.api_session_begun_cancel)({ n: n + 1 }),
				{ rule: 'loop_started', session: n }
			);
		return session;
	});
}

/**
 * Moves a loop as a unit: every scheduled session laid out again from `start` as the loop was
 * booked (its break, one day or two), judged together, written in one change or not at all.
 */
export async function moveLoop(
	deps: Deps,
	actor: Actor,
	id: string,
	input: { start: string; reason: string }
): Promise<void> {
	adminOnly(actor);
	const { sql } = deps;
	const loop = await readLoop(deps, actor, id);
	const application = await applicationFacts(sql, actor.orgId, loop.applicationId);
	const { policy, interviewerIds, rules } = await orgFacts(sql, actor.orgId);
	const now = new Date();
	let changed: SessionChange[] = [];
	await withBookingLock(sql, deps.dbKind, actor.orgId, () =>
		withCalendar(deps, actor.orgId, actor.user.id, (doc, origin) => {
			const sessions = unitSessions(doc, loop, 'move');
			const starts = loopLayout(input.start, { ...specOf(loop), sessions });
			const moves = sessions.flatMap((s, n) =>
				s.status === 'scheduled' ? [{ n, before: s, after: { ...s, start: starts[n]! } }] : []
			);
			if (!moves.length) throw fail.fields({ start: m.api_loop_nothing_to_move() });
			const facts: JudgeFacts = {
				now,
				policy,
				application,
				interviewerIds,
				calendar: { interviews: listInterviews(doc) },
				...rules
			};
			const refusal = judgeLoopMove(moves, facts, input.reason);
			if (refusal) throw sessionRefusal(refusal, moves[refusal.session]!.n);
			changed = moves.map((m) => ({
				interview_id: m.before.id,
				position: m.n + 1,
				before: stateOf(m.before.start, m.before.durationMin, m.before.status),
				after: stateOf(m.after.start, m.after.durationMin, m.after.status)
			}));
			for (const m of moves)
				unwrap(
					updateInterview(
						doc,
						m.before.id,
						{ start: m.after.start },
						{ actor: actor.user.id, now, reason: input.reason, origin }
					)
				);
		})
	);
	await writeLoopLog(sql, actor, { loopId: id, action: 'rescheduled', reason: input.reason, sessions: changed });
}

/** Cancels every scheduled session of a loop in one change, with one reason; 422 when none is left. */
export async function cancelLoop(deps: Deps, actor: Actor, id: string, reason: string): Promise<void> {
	adminOnly(actor);
	const loop = await readLoop(deps, actor, id);
	const now = new Date();
	let changed: SessionChange[] = [];
	await withCalendar(deps, actor.orgId, actor.user.id, (doc, origin) => {
		const sessions = unitSessions(doc, loop, 'cancel');
		const open = sessions.filter((s) => s.status === 'scheduled');
		if (!open.length) throw fail.fields({ reason: m.api_loop_nothing_to_cancel() });
		changed = open.map((s) => ({
			interview_id: s.id,
			position: sessions.indexOf(s) + 1,
			before: stateOf(s.start, s.durationMin, s.status),
			after: stateOf(s.start, s.durationMin, 'cancelled')
		}));
		for (const s of open) {
			const problems = judgeStatus({ interview: s, to: 'cancelled', reason }, { now });
			if (problems.length) throw problemsError(problems);
		}
		for (const s of open) unwrap(setStatus(doc, s.id, 'cancelled', { actor: actor.user.id, now, reason, origin }));
	});
	await writeLoopLog(deps.sql, actor, { loopId: id, action: 'cancelled', reason, sessions: changed });
}
