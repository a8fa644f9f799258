/** The admin's calendar rules page: holidays and blackouts, the load limits and each interviewer's weeks, how pools pick. */
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
	const policy = resolvePolicy(org?.policy ?? null);
	return {
		timezone: org?.timezone ?? 'UTC',
		warningPercent: policy.loadWarningPercent,
		poolPreference: policy.poolPreference,
		closures: (await listClosures(sql, actor.orgId)).map((c) => ({ ...c, days: closureDays(c) })),
		report
	};
}
