/** A candidate's home: their interviews, applications and the timeline of each, nothing of anybody else. */
import type { Sql } from '../../../../db/client';
import { resolvePolicy, type PolicyOverrides } from '$lib/domain/policy';
import { joinWindow } from '$lib/domain/status';
import { queryInterviews } from '../interviews';
import type { Actor } from '../guards';
import { requestsOfCandidate, stateOf } from '../self-scheduling';

/** What a candidate's timeline shows of the audit log; edits of the panel and scorecards stay internal. */
const TIMELINE_ACTIONS = ['scheduled', 'rescheduled', 'cancelled', 'started', 'completed', 'no_show', 'removed'];

/** What the candidate `actor` sees on their home page. */
export async function candidateHome(sql: Sql, actor: Actor) {
	const userId = actor.user.id;
	const [org] = await sql<{ name: string; timezone: string; policy: PolicyOverrides | null }[]>`
		select name, timezone, policy from organizations where id = ${actor.orgId}`;
	const policy = resolvePolicy(org?.policy ?? null);
	const applications = await sql<
		{
			id: string;
			status: string;
			online_interview_enabled: boolean;
			created_at: Date;
			updated_at: Date;
			cycle_name: string;
		}[]
	>`select a.id, a.status, a.online_interview_enabled, a.created_at, a.updated_at, c.name as cycle_name
		from applications a join cycles c on c.id = a.cycle_id
		where a.candidate_id = ${userId} and a.org_id = ${actor.orgId}
		order by a.created_at desc`;
	const { rows } = await queryInterviews(sql, { orgId: actor.orgId, candidateId: userId, sort: 'start' });
	const onlineByApp = new Map(applications.map((a) => [a.id, a.online_interview_enabled]));
	const interviews = rows.map((r) => {
		const { opensAt, closesAt } = joinWindow({ start: r.start_at.toISOString(), durationMin: r.duration_min }, policy);
		return {
			id: r.id,
			application_id: r.application_id,
			start: r.start_at.toISOString(),
			end: r.end_at.toISOString(),
			duration_min: r.duration_min,
			timezone: r.timezone,
			type: r.type,
			mode: r.mode,
			location: r.location,
			round: r.round,
			status: r.status,
			panel: r.panel.map((p) => p.name),
			has_room: r.mode === 'online' && (onlineByApp.get(r.application_id) ?? false),
			opens_at: opensAt.toISOString(),
			closes_at: closesAt.toISOString(),
			updated_at: r.updated_at.toISOString()
		};
	});
	const logs = await sql<
		{
			interview_id: string;
			action: string;
			old_values: Record<string, unknown> | null;
			new_values: Record<string, unknown> | null;
			created_at: Date;
		}[]
	>`select l.interview_id, l.action, l.old_values, l.new_values, l.created_at
		from interview_logs l join interviews i on i.id = l.interview_id
		where i.candidate_id = ${userId} and i.org_id = ${actor.orgId} and l.action = any(${TIMELINE_ACTIONS}::text[])
			and (l.action <> 'removed' or l.new_values->>'status' = 'cancelled')
		order by l.id`;
	const appOfInterview = new Map(rows.map((r) => [r.id, r.application_id]));
	const timeline = applications.map((a) => ({
		application_id: a.id,
		events: [
			{ kind: 'applied', at: a.created_at.toISOString(), start: null as string | null, from: null as string | null },
			...logs
				.filter((l) => appOfInterview.get(l.interview_id) === a.id)
				.map((l) => ({
					kind: l.action,
					at: l.created_at.toISOString(),
					start: typeof l.new_values?.start === 'string' ? l.new_values.start : null,
					from: typeof l.old_values?.start === 'string' ? l.old_values.start : null
				})),
			...(a.status === 'approved' || a.status === 'rejected'
				? [{ kind: `decision_${a.status}`, at: a.updated_at.toISOString(), start: null, from: null }]
				: [])
		]
	}));
	return {
		org: { name: org?.name ?? '', timezone: org?.timezone ?? 'UTC' },
		applications: applications.map((a) => ({ id: a.id, status: a.status, cycle_name: a.cycle_name })),
		interviews,
		// The candidate's loops: which of their interviews are the sessions of one interview day, in order.
		loops: await sql<{ id: string; interview_ids: string[] }[]>`select l.id, l.interview_ids::text[]
			from interview_loops l join applications a on a.id = l.application_id
			where a.candidate_id = ${userId} and l.org_id = ${actor.orgId}`,
		timeline,
		// Scheduling requests still open: the candidate picks a time from here too (no email needed).
		requests: (await requestsOfCandidate(sql, userId))
			.filter((r) => stateOf(r, new Date()) === 'open')
			.map((r) => ({
				id: r.id,
				round: r.round,
				duration_min: r.duration_min,
				until: (r.deadline ?? r.window_end).toISOString()
			}))
	};
}
