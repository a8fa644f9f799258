/** The audit log of interviews as the API and the pages read it (the projection writes it). */
import type { Sql } from '../../../db/client';
import type { LogEntry } from '$lib/contract/api';
import type { InterviewRow } from './interviews';

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

/** The audit history of some interviews of one organization, oldest first (the pages show it). */
export async function interviewHistory(
	sql: Sql,
	orgId: string,
	interviewIds: string[],
	limit = 500
): Promise<HistoryEntry[]> {
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
	return rows.reverse().map((l) => ({
		id: Number(l.id),
		interview_id: l.interview_id,
		action: l.action,
		actor: l.actor_id ? { id: l.actor_id, name: l.actor_name ?? '' } : null,
		old_values: l.old_values,
		new_values: l.new_values,
		reason: l.reason,
		created_at: l.created_at.toISOString()
	}));
}

/** One interview's whole audit log, oldest first (`GET /api/v1/interviews/{id}/logs`). */
export async function interviewLogs(sql: Sql, row: Pick<InterviewRow, 'id' | 'org_id'>): Promise<LogEntry[]> {
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
	return logs.map((l) => ({
		id: Number(l.id),
		action: l.action,
		actor: l.actor_id ? { id: l.actor_id, name: l.actor_name as string } : null,
		old_values: l.old_values,
		new_values: l.new_values,
		reason: l.reason,
		created_at: l.created_at.toISOString()
	}));
}
