/** The admission pipeline page: the applications of one cycle with their next interview. */
import type { Sql } from '../../../../db/client';
import { APPLICATION_MOVES, interviewHeld, isInterviewDecision } from '$lib/domain/applications';
import type { ApplicationStatus } from '$lib/domain/types';

/** The cycle `wanted` (else the active one, else the newest) with its applications, for the pipeline table. */
export async function applicantsPage(sql: Sql, orgId: string, wanted: string | null) {
	const cycles = await sql<{ id: string; name: string; status: string; starts_on: Date; ends_on: Date }[]>`
		select id, name, status, starts_on, ends_on from cycles where org_id = ${orgId}
		order by status = 'active' desc, starts_on desc`;
	const cycle = cycles.find((c) => c.id === wanted) ?? cycles[0] ?? null;
	const rows = cycle
		? await sql<
				{
					id: string;
					candidate_name: string;
					candidate_email: string;
					status: ApplicationStatus;
					interview_enabled: boolean;
					online_interview_enabled: boolean;
					next_start: Date | null;
					interview_id: string | null;
					outcomes: { status: string; end: string }[];
				}[]
			>`select a.id, u.name as candidate_name, u.email as candidate_email, a.status, a.interview_enabled,
					a.online_interview_enabled, i.start_at as next_start, i.id as interview_id,
					coalesce((select json_agg(json_build_object('status', x.status, 'end', x.end_at))
						from interviews x where x.application_id = a.id), '[]') as outcomes
				from applications a join users u on u.id = a.candidate_id
				left join lateral (
					select id, start_at from interviews
					where application_id = a.id and status in ('scheduled', 'in_progress')
					order by start_at limit 1
				) i on true
				where a.cycle_id = ${cycle.id} and a.org_id = ${orgId}
				order by u.name`
		: [];
	const now = new Date();
	return {
		cycles: cycles.map((c) => ({ id: c.id, name: c.name, status: c.status })),
		cycle: cycle ? { id: cycle.id, name: cycle.name } : null,
		applications: rows.map((r) => ({
			id: r.id,
			candidateName: r.candidate_name,
			candidateEmail: r.candidate_email,
			status: r.status,
			interviewEnabled: r.interview_enabled,
			onlineInterviewEnabled: r.online_interview_enabled,
			nextStart: r.next_start?.toISOString() ?? null,
			interviewId: r.interview_id,
			moves: APPLICATION_MOVES[r.status].map((to) => ({
				to,
				// A decision with no interview held asks for a written reason first (an override).
				needsReason:
					isInterviewDecision(r.status, to) &&
					!r.outcomes.some((o) => interviewHeld({ status: o.status, end: new Date(o.end).toISOString() }, now))
			}))
		}))
	};
}
