/**
 * The calendar archive as the API and the admins see it (decision 69): the organization's window
 * (`archiveAfterDays` in its policy), the state of its live document, and a pass run on demand. The
 * pass itself is the collab-server's (collab-server/archive.ts); the jobs run it once a day.
 */
import type { Sql } from '../../../db/client';
import { resolvePolicy, type PolicyOverrides } from '$lib/domain/policy';
import { calendarGeneration } from './calendar-generation';
import type { AppContext } from './context';
import { fail } from './errors';
import { m } from '$lib/paraglide/messages';
import type { Actor } from './guards';

export interface ArchiveStatus {
	archive_after_days: number;
	generation: number;
	archived_before: string | null;
	last_archived_at: string | null;
	live_interviews: number;
	archived_interviews: number;
	archived_completed: number;
	archived_cancelled: number;
}

function requireAdmin(actor: Actor): void {
	if (actor.role !== 'admin') throw fail.forbidden(m.api_admin_archive());
}

/**
 * The window and the state of the organization's archive (admins), read in one statement so the
 * counts are those of the generation it names (the calendar page re-reads them after a move).
 */
export async function archiveStatus(sql: Sql, actor: Actor): Promise<ArchiveStatus> {
	requireAdmin(actor);
	const [row] = await sql<
		{
			policy: PolicyOverrides | null;
			generation: number | null;
			archived_before: Date | null;
			created_at: Date | null;
			live: number;
			archived: number;
			completed: number;
			cancelled: number;
		}[]
	>`select o.policy, g.generation, g.archived_before, g.created_at,
			(select count(*)::int from interviews i where i.org_id = o.id and i.removed_at is null and i.archived_at is null) as live,
			(select count(*)::int from interviews i where i.org_id = o.id and i.archived_at is not null) as archived,
			-- The summary's share of the archived, as the archive pass counted them (the calendar's first view reads the same).
			coalesce(g.archived_completed, 0) as completed,
			coalesce(g.archived_cancelled, 0) as cancelled
		from organizations o left join calendar_generations g on g.org_id = o.id where o.id = ${actor.orgId}`;
	return {
		archive_after_days: resolvePolicy(row?.policy ?? null).archiveAfterDays,
		generation: row?.generation ?? 0,
		archived_before: row?.archived_before?.toISOString() ?? null,
		last_archived_at: row?.created_at?.toISOString() ?? null,
		live_interviews: row?.live ?? 0,
		archived_interviews: row?.archived ?? 0,
		archived_completed: row?.completed ?? 0,
		archived_cancelled: row?.cancelled ?? 0
	};
}

/** Sets the organization's archive window in days (admins). */
export async function setArchiveWindow(sql: Sql, actor: Actor, days: number): Promise<ArchiveStatus> {
	requireAdmin(actor);
	await sql`update organizations set policy = coalesce(policy, '{}'::jsonb) || jsonb_build_object('archiveAfterDays', ${days}::int)
		where id = ${actor.orgId}`;
	return archiveStatus(sql, actor);
}

/** Runs the archive pass now (admins): what is due leaves the live calendar at once. */
export async function archiveNow(ctx: Pick<AppContext, 'sql' | 'collab'>, actor: Actor) {
	requireAdmin(actor);
	const outcome = await ctx.collab.archive(actor.orgId);
	return {
		archived: outcome?.archived ?? 0,
		generation: outcome?.generation ?? (await calendarGeneration(ctx.sql, actor.orgId)),
		bytes_before: outcome?.bytesBefore ?? null,
		bytes_after: outcome?.bytesAfter ?? null
	};
}
