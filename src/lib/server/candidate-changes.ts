/**
 * A candidate asks to move or cancel their interview, with a reason, under the organization's
 * policy (`candidateChangeProblem`: cut-off, most moves per application, one request at a time). A
 * move names a new time picked from the times offered (the panel's and the candidate's free times,
 * the interview's own left out). With auto-approval the change is made at once; otherwise it waits
 * for an admin, who approves (the change is made then, judged again) or declines. Changes go through
 * the calendar document (`editInterview`, `changeStatus`), under the organization's booking lock,
 * so they are audited and notify the candidate and the panel like any change; asking and declining
 * are written to the interview's history too, and the admins hear of a request in their inbox.
 */
import { m } from '$lib/paraglide/messages';
import type { Sql } from '../../../db/client';
import type { AppContext } from './context';
import { candidateChangeProblem, changeDeadline, type ChangeKind } from '$lib/domain/candidate-changes';
import type { Interview } from '$lib/domain/types';
import { slotsOf, storedSearch } from './availability';
import { withBookingLock } from './booking-lock';
import { ApiError, fail } from './errors';
import type { Actor } from './guards';
import { findInterview, type InterviewRow } from './interviews';
import { enqueueMessages } from './notifications/outbox';
import { changeStatus, editInterview, orgFacts, problemsError } from './scheduling';

/** How far ahead a candidate may move an interview. */
const MOVE_WINDOW_DAYS = 21;

export interface ChangeRow {
	id: string;
	org_id: string;
	interview_id: string;
	application_id: string;
	candidate_id: string;
	kind: ChangeKind;
	reason: string;
	new_start: Date | null;
	status: 'pending' | 'applied' | 'declined';
	decision_note: string | null;
	created_at: Date;
	decided_at: Date | null;
}

/** What a change needs of the app's context: the database and the calendar it writes through. */
type Deps = Pick<AppContext, 'sql' | 'collab' | 'dbKind'>;

/** Everything a candidate's change of one interview is judged by. */
export async function changeContext(
	sql: Sql,
	orgId: string,
	candidateId: string,
	interviewId: string,
	now = new Date()
) {
	const row = await findInterview(sql, orgId, interviewId);
	if (!row || row.candidate_id !== candidateId) throw fail.notFound('interview');
	const { policy } = await orgFacts(sql, orgId);
	const [counts] = await sql<{ used: number; pending: number }[]>`
		select count(*) filter (where kind = 'reschedule' and status = 'applied')::int as used,
			count(*) filter (where interview_id = ${interviewId} and status = 'pending')::int as pending
		from change_requests where application_id = ${row.application_id}`;
	const facts = { now, policy, reschedulesUsed: counts?.used ?? 0, pending: (counts?.pending ?? 0) > 0 };
	return { row, policy, facts, deadline: changeDeadline(row.start_at.toISOString(), policy) };
}

/** The times a candidate may move an interview to: free for its panel and them, its own time left out. */
export async function moveTimes(sql: Sql, row: InterviewRow, now = new Date()): Promise<string[]> {
	const from = new Date(now.getTime());
	const search = await storedSearch(sql, row.org_id, {
		panel: row.panel.map((p) => p.id),
		candidateId: row.candidate_id,
		durationMin: row.duration_min,
		from,
		to: new Date(from.getTime() + MOVE_WINDOW_DAYS * 86400_000),
		now,
		ignoreId: row.id
	});
	return slotsOf(search, 200).filter((s) => s !== row.start_at.toISOString());
}

/**
 * A candidate's request. Answers the request and whether it was carried out at once (auto-approval).
 * 422 when the policy refuses it (`details.rule`), 409 `slot_taken` when the new time is not offered.
 */
export async function askChange(
	deps: Deps,
	actor: Actor,
	input: { interviewId: string; kind: ChangeKind; reason: string; newStart?: string | null },
	now = new Date()
): Promise<{ id: string; applied: boolean }> {
	if (actor.role !== 'candidate') throw fail.forbidden(m.api_candidate_only_changes());
	const { sql } = deps;
	return withBookingLock(sql, deps.dbKind, actor.orgId, async () => {
		const ctx = await changeContext(sql, actor.orgId, actor.user.id, input.interviewId, now);
		const problem = candidateChangeProblem(
			input.kind,
			{ status: ctx.row.status as Interview['status'], start: ctx.row.start_at.toISOString() },
			input.reason,
			ctx.facts
		);
		if (problem) throw problemsError([problem]);
		let newStart: string | null = null;
		if (input.kind === 'reschedule') {
			newStart = input.newStart ? new Date(input.newStart).toISOString() : null;
			const times = await moveTimes(sql, ctx.row, now);
			if (!newStart || !times.includes(newStart))
				throw new ApiError('conflict', m.change_slot_taken(), {
					rule: 'slot_taken',
					slots: times.slice(0, 50)
				});
		}
		const [req] = await sql<{ id: string }[]>`insert into change_requests
			(org_id, interview_id, application_id, candidate_id, kind, reason, new_start)
			values (${actor.orgId}, ${ctx.row.id}, ${ctx.row.application_id}, ${actor.user.id}, ${input.kind},
				${input.reason.trim()}, ${newStart}) returning id`;
		await audit(
			sql,
			actor.orgId,
			ctx.row.id,
			actor.user.id,
			'change_requested',
			input.kind,
			newStart,
			input.reason.trim()
		);
		if (ctx.policy.candidateChangesAutoApprove) {
			await apply(
				deps,
				{
					id: req!.id,
					org_id: actor.orgId,
					kind: input.kind,
					new_start: newStart,
					reason: input.reason.trim(),
					interview_id: ctx.row.id,
					candidate_id: actor.user.id
				},
				actor.user.id,
				now
			);
			return { id: req!.id, applied: true };
		}
		await tellAdmins(sql, actor.orgId, ctx.row, input.kind, newStart, req!.id);
		return { id: req!.id, applied: false };
	});
}

/** An admin's answer to a waiting request: approve (the change is made, judged again) or decline with a note. */
export async function decideChange(
	deps: Deps,
	actor: Actor,
	requestId: string,
	decision: { approve: boolean; note: string | null },
	now = new Date()
): Promise<'applied' | 'declined'> {
	if (actor.role !== 'admin') throw fail.forbidden(m.api_admin_decides_changes());
	const { sql } = deps;
	return withBookingLock(sql, deps.dbKind, actor.orgId, async () => {
		const [req] = await sql<
			ChangeRow[]
		>`select * from change_requests where id = ${requestId} and org_id = ${actor.orgId}`;
		if (!req) throw fail.notFound('request');
		if (req.status !== 'pending')
			throw new ApiError('conflict', m.api_request_already({ status: req.status }), { rule: 'decided' });
		if (!decision.approve) {
			await sql`update change_requests set status = 'declined', decided_by = ${actor.user.id}, decided_at = ${now},
				decision_note = ${decision.note} where id = ${req.id}`;
			await audit(sql, actor.orgId, req.interview_id, actor.user.id, 'change_declined', req.kind, null, decision.note);
			await tellCandidate(sql, req, decision.note);
			return 'declined';
		}
		await apply(deps, { ...req, new_start: req.new_start?.toISOString() ?? null }, actor.user.id, now);
		return 'applied';
	});
}

/** Makes the change through the calendar document and marks the request applied. */
async function apply(
	deps: Deps,
	req: Pick<ChangeRow, 'id' | 'org_id' | 'kind' | 'reason' | 'interview_id' | 'candidate_id'> & {
		new_start: string | null;
	},
	actorId: string,
	now: Date
): Promise<void> {
	const { sql } = deps;
	const reason = `Asked by the candidate: ${req.reason}`;
	if (req.kind === 'reschedule')
		await editInterview(deps, req.org_id, req.candidate_id, req.interview_id, { start: req.new_start! }, reason);
	else await changeStatus(deps, req.org_id, req.candidate_id, req.interview_id, 'cancelled', reason);
	await sql`update change_requests set status = 'applied', decided_by = ${actorId}, decided_at = ${now} where id = ${req.id}`;
}

/** A step of a request in the interview's history. */
async function audit(
	sql: Sql,
	orgId: string,
	interviewId: string,
	actorId: string,
	action: 'change_requested' | 'change_declined',
	kind: ChangeKind,
	newStart: string | null,
	reason: string | null
): Promise<void> {
	await sql`insert into interview_logs (org_id, interview_id, actor_id, action, old_values, new_values, reason)
		values (${orgId}, ${interviewId}, ${actorId}, ${action}, null,
			${sql.json({ request: kind, ...(newStart ? { start: newStart } : {}) })}, ${reason})`;
}

/** The admins' inbox: a candidate asks for a change (inbox only; the Requests page lists it too). */
async function tellAdmins(
	sql: Sql,
	orgId: string,
	row: InterviewRow,
	kind: ChangeKind,
	newStart: string | null,
	requestId: string
): Promise<void> {
	await sql`insert into notifications (user_id, org_id, dedupe_key, kind, interview_id, payload)
		select u.id, o.id, ${`change_request:${requestId}`}, 'change_request', ${row.id},
			jsonb_build_object('kind', 'change_request', 'org_name', o.name,
				'change', ${sql.json({ kind, new_start: newStart, candidate: row.candidate_name, start: row.start_at.toISOString() })}::jsonb,
				'recipient', jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', 'admin',
					'timezone', coalesce(u.timezone, o.timezone)))
		from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id
		where m.org_id = ${orgId} and m.role = 'admin'
		on conflict (user_id, dedupe_key) do nothing`;
}

/** The candidate hears that their request was declined (inbox and email; an approved one is told by the change itself). */
async function tellCandidate(sql: Sql, req: ChangeRow, note: string | null): Promise<void> {
	const [who] = await sql<{ name: string; email: string; timezone: string; org_name: string; start_at: Date }[]>`
		select u.name, u.email, coalesce(u.timezone, o.timezone) as timezone, o.name as org_name, i.start_at
		from users u join organizations o on o.id = ${req.org_id} join interviews i on i.id = ${req.interview_id}
		where u.id = ${req.candidate_id}`;
	if (!who) return;
	const payload = {
		kind: 'change_request' as const,
		recipient: {
			id: req.candidate_id,
			name: who.name,
			email: who.email,
			role: 'candidate' as const,
			timezone: who.timezone
		},
		org_name: who.org_name,
		change: {
			kind: req.kind,
			new_start: req.new_start?.toISOString() ?? null,
			candidate: who.name,
			start: who.start_at.toISOString(),
			declined: true,
			note
		}
	};
	await sql.begin(async (tx) => {
		await enqueueMessages(tx as unknown as Sql, [
			{
				orgId: req.org_id,
				dedupeKey: `change_declined:${req.id}`,
				kind: 'change_request',
				recipientId: req.candidate_id,
				payload
			}
		]);
		await tx`insert into notifications (user_id, org_id, dedupe_key, kind, interview_id, payload)
			values (${req.candidate_id}, ${req.org_id}, ${`change_declined:${req.id}`}, 'change_request', ${req.interview_id},
				${tx.json(payload)}) on conflict (user_id, dedupe_key) do nothing`;
	});
}

/** The organization's waiting requests, oldest first, with whom and what they concern. */
export async function pendingChanges(sql: Sql, orgId: string) {
	return sql<
		(ChangeRow & { candidate_name: string; start_at: Date })[]
	>`select c.*, u.name as candidate_name, i.start_at from change_requests c
		join users u on u.id = c.candidate_id join interviews i on i.id = c.interview_id
		where c.org_id = ${orgId} and c.status = 'pending' order by c.created_at`;
}
