/**
 * Which generation of an organization's calendar document is live (decision 69): 0 until its first
 * compaction, then the number `calendar_generations` holds. Every server-side opener of the calendar
 * (the API's writes, the projection's reload, the page that hands the browser its document name)
 * asks here, so nobody writes to a generation that was replaced, except a client that was offline
 * then, whose edits the collab-server forwards.
 */
import type { Sql } from '../../../db/client';
import { calendarDocName } from '$lib/collab/doc-names';

/** The live generation of the organization's calendar. */
export async function calendarGeneration(sql: Sql, orgId: string): Promise<number> {
	const [row] = await sql<{ generation: number }[]>`
		select generation from calendar_generations where org_id = ${orgId}`;
	return row?.generation ?? 0;
}

/** The name of the organization's live calendar document. */
export async function liveCalendarDocName(sql: Sql, orgId: string): Promise<string> {
	return calendarDocName(orgId, await calendarGeneration(sql, orgId));
}
