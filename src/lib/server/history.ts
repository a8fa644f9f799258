/**
 * The audit log of interviews as the API and the pages read it (the projection writes it). Every
 * read names its viewer: a scorecard entry's rating and recommendation are withheld by the rule of
 * `scorecardAccess` (no anchoring), here, so that no page or endpoint can show them by mistake.
 */
import type { Sql } from '../../../db/client';
import type { LogEntry } from '$lib/contract/api';
import { redactScorecardEntry, scorecardEntryVisible } from '$lib/domain/scorecards';
import type { Actor } from './guards';
import type { InterviewRow } from './interviews';

type Redactable = {
	action: string;
	actor: { id: string } | null;
	old_values: Record<string, unknown> | null;
	new_values: Record<string, unknown> | null;
};

/** The entries of `interviewIds` as `viewer` may read them (scorecard values withheld where the rule says). */
async function forViewer<E extends Redactable>(
	sql: Sql,
	viewer: Actor,
	entries: (E & { interview_id: string })[]
): Promise<E[]> {
	if (viewer.role === 'admin') return entries;
	const ids = [...new Set(entries.filter((e) => e.action === 'scorecard').map((e) => e.interview_id))];
	if (!ids.length) return entries;
	const [panels, submitted] = await Promise.all([
		sql<{ interview_id: string }[]>`select interview_id from interview_panel
			where user_id = ${viewer.user.id} and interview_id = any(${ids}::uuid[])`,
		sql<{ interview_id: string }[]>`select interview_id from scorecards
			where author_id = ${viewer.user.id} and interview_id = any(${ids}::uuid[])`
	]);
	const onPanel = new Set(panels.map((p) => p.interview_id));
	const mine = new Set(submitted.map((s) => s.interview_id));
	return entries.map((e) => {
		const who = { userId: viewer.user.id, role: 'interviewer' as const, onPanel: onPanel.has(e.interview_id) };
		return redactScorecardEntry(e, scorecardEntryVisible(who, e.actor?.id ?? null, mine.has(e.interview_id)));
	});
}

export interface HistoryEntry {
	id: number;
	interview_id: string;
	action: string;
	actor: { id: string; name: string } | null;
	old_values: Record<string, unknown> | null;
	new_values: Record<string, unknown> | null;
	reason: string | null;
	created_at: string;
}

/** The audit history of some interviews of the viewer's organization, oldest first (the pages show it). */
export async function interviewHistory(
	sql: Sql,
	viewer: Actor,
	interviewIds: string[],
	limit = 500
): Promise<HistoryEntry[]> {
	const orgId = viewer.orgId;
	if (!interviewIds.length) return [];
	const rows = await sql<
		{
			id: string;
			interview_id: string;
			action: string;
			actor_id: string | null;
			actor_name: string | null;
			old_values: Record<string, unknown> | null;
			new_values: Record<string, unknown> | null;
			reason: string | null;
			created_at: Date;
		}[]
	>`select l.id::text, l.interview_id, l.action, l.actor_id, u.name as actor_name, l.old_values, l.new_values, l.reason, l.created_at
		from interview_logs l left join users u on u.id = l.actor_id
		where l.org_id = ${orgId} and l.interview_id = any(${interviewIds}::uuid[])
		order by l.id desc limit ${limit}`;
	const entries = rows.reverse().map((l) => ({
		id: Number(l.id),
		interview_id: l.interview_id,
		action: l.action,
		actor: l.actor_id ? { id: l.actor_id, name: l.actor_name ?? '' } : null,
		old_values: l.old_values,
		new_values: l.new_values,
		reason: l.reason,
		created_at: l.created_at.toISOString()
	}));
	return forViewer(sql, viewer, entries);
}

/** One interview's whole audit log as `viewer` may read it, oldest first (`GET /api/v1/interviews/{id}/logs`). */
export async function interviewLogs(
	sql: Sql,
	viewer: Actor,
	row: Pick<InterviewRow, 'id' | 'org_id'>
): Promise<LogEntry[]> {
	const logs = await sql<
		{
			id: string;
			action: string;
			actor_id: string | null;
			actor_name: string | null;
			old_values: Record<string, unknown> | null;
			new_values: Record<string, unknown> | null;
			reason: string | null;
			created_at: Date;
		}[]
	>`select l.id::text, l.action, l.actor_id, u.name as actor_name, l.old_values, l.new_values, l.reason, l.created_at
		from interview_logs l left join users u on u.id = l.actor_id
		where l.interview_id = ${row.id} and l.org_id = ${row.org_id} order by l.id`;
	const entries = logs.map((l) => ({
		id: Number(l.id),
		interview_id: row.id,
		action: l.action,
		actor: l.actor_id ? { id: l.actor_id, name: l.actor_name as string } : null,
		old_values: l.old_values,
		new_values: l.new_values,
		reason: l.reason,
		created_at: l.created_at.toISOString()
	}));
	return (await forViewer(sql, viewer, entries)).map(({ interview_id: _, ...entry }) => entry);
}
