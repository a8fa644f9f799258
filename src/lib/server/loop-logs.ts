/**
 * A loop's own history: one entry each time the loop is booked, moved or cancelled as a unit (who,
 * what, why, and for each session its time and status before and after), written by the loop
 * service beside the per-interview rows the projection writes. Read by the loop's page and the API.
 */
import type { Sql } from '../../../db/client';
import type { Actor } from './guards';

export type LoopAction = 'booked' | 'rescheduled' | 'cancelled';

/** A session's time and status at one moment. */
export interface SessionState {
	start: string;
	end: string;
	status: string;
}

/** What one change did to one session of the loop. */
export interface SessionChange {
	interview_id: string;
	/** From 1, in the loop's order. */
	position: number;
	before: SessionState | null;
	after: SessionState;
}

/** One entry of a loop's history, as the API answers it. */
export interface LoopLogEntry {
	id: string;
	action: LoopAction;
	actor: { id: string; name: string } | null;
	reason: string | null;
	at: string;
	sessions: SessionChange[];
}

/** Records one change of a loop (the caller has made it). */
export async function writeLoopLog(
	sql: Sql,
	actor: Actor,
	entry: { loopId: string; action: LoopAction; reason: string | null; sessions: SessionChange[] }
): Promise<void> {
	await sql`insert into loop_logs (loop_id, org_id, actor_id, action, reason, sessions)
		values (${entry.loopId}, ${actor.orgId}, ${actor.user.id}, ${entry.action}, ${entry.reason},
			${sql.json(entry.sessions as never)})`;
}

/** The history of a loop of the actor's organization, oldest first. */
export async function loopLogs(sql: Sql, actor: Actor, loopId: string): Promise<LoopLogEntry[]> {
	const rows = await sql<
		{
			id: string;
			action: LoopAction;
			actor_id: string | null;
			actor_name: string | null;
			reason: string | null;
			created_at: Date;
			sessions: SessionChange[];
		}[]
	>`select l.id, l.action, l.actor_id, u.name as actor_name, l.reason, l.created_at, l.sessions
		from loop_logs l left join users u on u.id = l.actor_id
		where l.loop_id = ${loopId} and l.org_id = ${actor.orgId} order by l.created_at, l.id`;
	return rows.map((r) => ({
		id: r.id,
		action: r.action,
		actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
		reason: r.reason,
		at: r.created_at.toISOString(),
		sessions: r.sessions
	}));
}

/** A session's state from an interview's start, length and status. */
export function stateOf(start: string, durationMin: number, status: string): SessionState {
	return { start, end: new Date(Date.parse(start) + durationMin * 60_000).toISOString(), status };
}
