/** The admission pipeline page: the applications of one cycle with their next interview. */
import type { Sql } from '../../../../db/client';
import {
	APPLICATION_MOVES,
	interviewHeld,
	interviewsToCancel,
	isFinalDecision,
	isInterviewDecision
} from '$lib/domain/applications';
import { schedulingOffer } from '$lib/domain/rounds';
import type { ApplicationStatus, InterviewStatus } from '$lib/domain/types';

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
	// Every interview of these applications, for the one rule the scheduling form applies too.
	const held = rows.length
		? await sql<{ id: string; application_id: string; round: number; status: InterviewStatus; start_at: Date }[]>`
				select id, application_id, round, status, start_at from interviews
				where application_id = any(${rows.map((r) => r.id)}::uuid[]) and removed_at is null`
		: [];
	const interviews = held.map((h) => ({
		id: h.id,
		applicationId: h.application_id,
		round: h.round,
		status: h.status,
		start: h.start_at.toISOString()
	}));
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
				// The interviews this decision would cancel (their starts): the page says so before the click.
				cancels: isFinalDecision(to)
					? interviewsToCancel(
							interviews.filter((iv) => iv.applicationId === r.id),
							now
						).map((iv) => iv.start)
					: [],
				// A decision with no interview held asks for a written reason first (an override).
				needsReason:
					isInterviewDecision(r.status, to) &&
					!r.outcomes.some((o) => interviewHeld({ status: o.status, end: new Date(o.end).toISOString() }, now))
			})),
			...offerOf(r, interviews)
		}))
	};
}

/** Whether the page offers "Schedule…", and the round it would be (the form's rule, `schedulingOffer`). */
function offerOf(
	r: { id: string; status: ApplicationStatus; interview_enabled: boolean },
	interviews: Parameters<typeof schedulingOffer>[1]
): { canSchedule: boolean; scheduleBlocker: string | null; nextRound: number } {
	const offer = schedulingOffer({ id: r.id, status: r.status, interviewEnabled: r.interview_enabled }, interviews);
	return {
		canSchedule: offer.blocker === null,
		scheduleBlocker: offer.blocker?.message ?? null,
		nextRound: offer.nextRound
	};
}
