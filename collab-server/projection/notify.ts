/**
 * The store's notification step: maps what the planner decided (its audit entries, with the rows as
 * they were and the writes as they are) to notices, and writes them, keyed by the audit row each one
 * follows, in the projection's own transaction. So a notice exists exactly when its audit row does:
 * once, whatever the number of instances, and never lost to a crash between the two.
 */
import type { Sql } from '../../db/client';
import {
	cancelPendingReminders,
	enqueueInterviewNotices,
	type EnqueueResult
} from '../../src/lib/server/notifications/outbox';
import { groupLoopNotices } from './loop-notices';
import { noticesFor, type NoticeFacts, type NoticeState } from './notices';
import type { Plan, StoredRow } from './plan';

const MINUTE_MS = 60_000;

function rowState(row: StoredRow): NoticeState {
	const start = row.view.start;
	return {
		start,
		end: new Date(Date.parse(start) + row.view.duration_min * MINUTE_MS).toISOString(),
		status: row.view.status,
		panel: row.view.panel
	};
}

/** The facts of each audited change of a plan: the interview before and after. */
export function noticeFacts(plan: Plan, rows: ReadonlyMap<string, StoredRow>): NoticeFacts[] {
	const facts: NoticeFacts[] = [];
	for (const entry of plan.audit) {
		const row = rows.get(entry.interview_id);
		const write = plan.writes.find((w) => w.id === entry.interview_id);
		const removal = plan.removals.find((r) => r.id === entry.interview_id);
		const before = row ? rowState(row) : null;
		let after: NoticeState | null = null;
		if (write) after = { start: write.start_at, end: write.end_at, status: write.status, panel: write.panel };
		else if (removal && before) after = { ...before, status: removal.status };
		const candidateId = write?.candidate_id ?? row?.candidateId;
		if (!after || !candidateId) continue;
		facts.push({
			interviewId: entry.interview_id,
			action: entry.action,
			actorId: entry.actor_id,
			reason: entry.reason,
			candidateId,
			before,
			after
		});
	}
	return facts;
}

/**
 * Writes the notices of a plan (inbox rows and emails) and drops the queued reminders of interviews
 * that moved or were called off. `logIds` maps each audited interview to its new audit row.
 */
export async function writeNotices(
	tx: Sql,
	plan: Plan,
	rows: ReadonlyMap<string, StoredRow>,
	logIds: ReadonlyMap<string, string>,
	nowMs: number
): Promise<EnqueueResult> {
	const facts = noticeFacts(plan, rows);
	const stale = facts
		.filter((f) => f.after.status !== 'scheduled' || (f.before && f.before.start !== f.after.start))
		.map((f) => f.interviewId);
	await cancelPendingReminders(tx, stale, 'The interview moved or no longer takes place.');
	const notices = noticesFor(facts, nowMs).flatMap((n) => {
		const logId = logIds.get(n.interviewId);
		return logId ? [{ ...n, key: `${n.kind}:${logId}` }] : [];
	});
	// Sessions of one loop changed together: one message per person for the loop.
	const ids = [...new Set(notices.map((n) => n.interviewId))];
	const loops = ids.length
		? await tx<{ id: string; interview_ids: string[] }[]>`select id, interview_ids::text[] from interview_loops
				where interview_ids && ${ids}::uuid[]`
		: [];
	return enqueueInterviewNotices(
		tx,
		groupLoopNotices(
			notices,
			loops.map((l) => ({ id: l.id, interviewIds: l.interview_ids }))
		)
	);
}
