/**
 * Migration 037: every seat of a panel carries its interview's organization, start, end and status,
 * kept by triggers. The seats whose copy differs from their interview, over every row (none expected).
 */
import type { Sql } from '../../db/client';

export async function panelCopyDrift(sql: Sql) {
	return sql<{ interview_id: string; user_id: string }[]>`
		select p.interview_id, p.user_id from interview_panel p join interviews i on i.id = p.interview_id
		where p.org_id is distinct from i.org_id or p.start_at is distinct from i.start_at
			or p.end_at is distinct from i.end_at or p.status is distinct from i.status`;
}

/** How many seats there are (so a drift check over none cannot pass unnoticed). */
export async function seatCount(sql: Sql): Promise<number> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from interview_panel`;
	return row!.n;
}
