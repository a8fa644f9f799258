/**
 * The projection's store: one transaction per batch that takes the organization's advisory lock,
 * reads the facts the planner needs (rows, panels, applications, policy, interviewers), asks the
 * planner, and writes what it decided. The lock makes every projection of one organization, from
 * any number of instances, run one after the other, so each sees the rows the previous one wrote and
 * a change is audited once. It works with one connection (embedded PGlite) as with many.
 */
import type { Sql } from '../../db/client';
import { isUuid } from '../../src/lib/domain/ids';
import { resolvePolicy, type PolicyOverrides } from '../../src/lib/domain/policy';
import type { ApplicationFacts } from '../../src/lib/domain/types';
import { calendarRules } from '../../src/lib/server/calendar-rules';
import type { EnqueueResult } from '../../src/lib/server/notifications/outbox';
import { writeNotices } from './notify';
import { followPipeline } from './pipeline';
import { planProjection, type PlanInput, type Plan, type StoredRow } from './plan';
import { parseVersion } from './version';
import { auditView, type ProblemJson } from './views';

/** The facts a batch brings from the document; the store adds those from Postgres. */
export type BatchFacts = Omit<
	PlanInput,
	'orgZone' | 'policy' | 'rules' | 'interviewerIds' | 'applications' | 'rows' | 'nowMs'
>;

/** Advisory-lock namespace of the projection (the other key is the organization's hash). */
export const LOCK_NAMESPACE = 0x5052_4a00;

interface RowRecord {
	id: string;
	org_id: string;
	candidate_id: string;
	start_at: Date;
	duration_min: number;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	round: number;
	status: StoredRow['view']['status'];
	rescheduled_from: string | null;
	conflicts: unknown;
	problems: unknown;
	removed_at: Date | null;
	updated_by: string | null;
	updated_at: Date;
	doc_version: unknown;
}

/** A plan carried out, with the notifications it wrote (announced once committed). */
export interface StoredPlan extends Plan {
	notices: EnqueueResult;
}

/** Projects one batch: lock, read, plan, write, in one transaction; returns the plan carried out. */
export async function storeBatch(sql: Sql, facts: BatchFacts): Promise<StoredPlan> {
	const { orgId } = facts;
	const ids = [...new Set([...facts.changes.map((c) => c.id), ...facts.neighbours])].filter(isUuid);
	const appIds = [...new Set(facts.changes.map((c) => c.entry?.applicationId).filter(isUuid))];
	return sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${orgId}))`;
		const [org] = await tx<{ timezone: string; policy: PolicyOverrides | null }[]>`
			select timezone, policy from organizations where id = ${orgId}`;
		const interviewers = await tx<{ user_id: string }[]>`
			select user_id from memberships where org_id = ${orgId} and role = 'interviewer'`;
		const apps = await tx<(ApplicationFacts & { candidate_id: string; cycle_id: string })[]>`
			select id, candidate_id, cycle_id, status, interview_enabled as "interviewEnabled",
				online_interview_enabled as "onlineInterviewEnabled"
			from applications where org_id = ${orgId} and id = any(${appIds}::uuid[])`;
		const records = await tx<RowRecord[]>`
			select id, org_id, candidate_id, start_at, duration_min, timezone, type, mode, location, round, status,
				rescheduled_from, conflicts, problems, removed_at, updated_by, updated_at, doc_version
			from interviews where id = any(${ids}::uuid[])`;
		const panels = await tx<{ interview_id: string; user_id: string }[]>`
			select interview_id, user_id from interview_panel where interview_id = any(${ids}::uuid[])`;
		const nowMs = Date.now();
		const rows = new Map(records.map((r) => [r.id, storedRow(r, panels)]));
		const policy = resolvePolicy(org?.policy ?? null);
		const plan = planProjection({
			...facts,
			orgZone: org?.timezone ?? 'UTC',
			policy,
			rules: await calendarRules(tx as unknown as Sql, orgId, policy),
			nowMs,
			interviewerIds: new Set(interviewers.map((r) => r.user_id)),
			applications: new Map(apps.map((a) => [a.id, { ...a, candidateId: a.candidate_id, cycleId: a.cycle_id }])),
			rows
		});
		const logIds = await write(tx as unknown as Sql, orgId, plan);
		// The notices follow the audit rows, in the same transaction (exactly once with them).
		const notices = await writeNotices(tx as unknown as Sql, plan, rows, logIds, nowMs);
		return { ...plan, notices };
	});
}

function storedRow(r: RowRecord, panels: { interview_id: string; user_id: string }[]): StoredRow {
	const panel = panels.filter((p) => p.interview_id === r.id).map((p) => p.user_id);
	return {
		id: r.id,
		orgId: r.org_id,
		candidateId: r.candidate_id,
		view: auditView({ ...r, start: r.start_at.toISOString(), durationMin: r.duration_min, panel }),
		rescheduledFrom: r.rescheduled_from,
		conflicts: r.conflicts,
		problems: (Array.isArray(r.problems) ? r.problems : []) as ProblemJson[],
		removed: r.removed_at !== null,
		updatedBy: r.updated_by,
		updatedAtMs: r.updated_at.getTime(),
		version: parseVersion(r.doc_version)
	};
}

/**
 * Writes a plan in a few set-based statements (the embedded database has one connection: keep it
 * short); answers the id of each audit row written, by interview.
 */
async function write(tx: Sql, orgId: string, plan: Plan): Promise<Map<string, string>> {
	const logIds = new Map<string, string>();
	const json = (v: unknown) => tx.json(v as never);
	if (plan.removals.length) {
		await tx`update interviews i set status = r.status, removed_at = now(), conflicts = '[]', doc_version = r.version,
				sequence = i.sequence + case when i.status = r.status then 0 else 1 end, updated_at = now()
			from jsonb_to_recordset(${json(plan.removals)}) as r(id uuid, status text, version jsonb)
			where i.id = r.id and i.org_id = ${orgId}`;
	}
	if (plan.writes.length) {
		await tx`insert into interviews (id, org_id, application_id, cycle_id, candidate_id, start_at, end_at, duration_min,
				timezone, type, mode, location, round, status, rescheduled_from, conflicts, problems, updated_by, updated_at,
				doc_version)
			select r.id, ${orgId}, r.application_id, r.cycle_id, r.candidate_id, r.start_at, r.end_at, r.duration_min,
				r.timezone, r.type, r.mode, r.location, r.round, r.status, r.rescheduled_from, r.conflicts, r.problems,
				r.updated_by, r.updated_at, r.version
			from jsonb_to_recordset(${json(plan.writes)}) as r(id uuid, application_id uuid, cycle_id uuid,
				candidate_id uuid, start_at timestamptz, end_at timestamptz, duration_min int, timezone text, type text,
				mode text, location text, round int, status text, rescheduled_from uuid, conflicts jsonb, problems jsonb,
				updated_by uuid, updated_at timestamptz, version jsonb)
			on conflict (id) do update set
				start_at = excluded.start_at, end_at = excluded.end_at, duration_min = excluded.duration_min,
				timezone = excluded.timezone, type = excluded.type, mode = excluded.mode, location = excluded.location,
				round = excluded.round, status = excluded.status, rescheduled_from = excluded.rescheduled_from,
				conflicts = excluded.conflicts, problems = excluded.problems, updated_by = excluded.updated_by,
				updated_at = excluded.updated_at, doc_version = excluded.doc_version, removed_at = null
			where interviews.org_id = ${orgId}`;
		const bumped = plan.writes.filter((w) => w.bump === 1).map((w) => w.id);
		if (bumped.length) await tx`update interviews set sequence = sequence + 1 where id = any(${bumped}::uuid[])`;
		const ids = plan.writes.map((w) => w.id);
		const pairs = plan.writes.flatMap((w) => w.panel.map((user) => ({ interview_id: w.id, user_id: user })));
		await tx`delete from interview_panel where interview_id = any(${ids}::uuid[])`;
		if (pairs.length) {
			await tx`insert into interview_panel (interview_id, user_id)
				select p.interview_id, p.user_id from jsonb_to_recordset(${json(pairs)}) as p(interview_id uuid, user_id uuid)
				on conflict do nothing`;
		}
	}
	if (plan.flags.length) {
		await tx`update interviews i set problems = f.problems
			from jsonb_to_recordset(${json(plan.flags)}) as f(id uuid, problems jsonb)
			where i.id = f.id and i.org_id = ${orgId}`;
	}
	if (plan.audit.length) {
		const logged = await tx<{ id: string; interview_id: string }[]>`
			insert into interview_logs (org_id, interview_id, actor_id, action, old_values, new_values, reason)
			select ${orgId}, l.interview_id, l.actor_id, l.action, l.old_values, l.new_values, l.reason
			from jsonb_to_recordset(${json(plan.audit)}) as l(interview_id uuid, actor_id uuid, action text,
				old_values jsonb, new_values jsonb, reason text)
			order by l.interview_id
			returning id::text, interview_id`;
		for (const l of logged) logIds.set(l.interview_id, l.id);
	}
	// The applications follow their interviews (scheduled, or back to selected when none is live).
	await followPipeline(tx, orgId, plan);
	if (plan.neighbourConflicts.length) {
		await tx`update interviews i set conflicts = o.conflicts
			from jsonb_to_recordset(${json(plan.neighbourConflicts)}) as o(id uuid, conflicts jsonb)
			where i.id = o.id and i.org_id = ${orgId}`;
	}
	return logIds;
}
