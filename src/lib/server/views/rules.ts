/** The admin's calendar rules page: holidays and blackouts, the load limits and each interviewer's weeks. */
import type { Sql } from '../../../../db/client';
import { closureDays } from '$lib/domain/closures';
import { resolvePolicy, type PolicyOverrides } from '$lib/domain/policy';
import { listClosures, loadReport } from '../calendar-rules';
import type { Actor } from '../guards';

/** What /admin/rules shows an admin. */
export async function rulesPage(sql: Sql, actor: Actor) {
	const [org] = await sql<
		{ timezone: string; policy: PolicyOverrides | null }[]
	>`select timezone, policy from organizations where id = ${actor.orgId}`;
	const report = await loadReport(sql, actor, { weeksBack: 4, weeksAhead: 4 });
	return {
		timezone: org?.timezone ?? 'UTC',
		warningPercent: resolvePolicy(org?.policy ?? null).loadWarningPercent,
		closures: (await listClosures(sql, actor.orgId)).map((c) => ({ ...c, days: closureDays(c) })),
		report
	};
}
