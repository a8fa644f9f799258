/** The interviewer's own list: the interviews they sit on (`panel_interviewers`). */
import type { Sql } from '../../../../db/client';
import type { InterviewStatus, InterviewType } from '$lib/domain/types';

interface MyInterviewRow {
	id: string;
	start_at: Date;
	duration_min: number;
	timezone: string;
	type: InterviewType;
	mode: 'online' | 'offline';
	location: string;
	status: InterviewStatus;
	candidate_name: string;
	cycle_name: string;
	panel: string[];
	conflicts: unknown[];
}

/** The interviews `userId` sits on in the organization, earliest first. */
export async function panelInterviews(sql: Sql, orgId: string, userId: string) {
	const rows = await sql<MyInterviewRow[]>`
		select i.id, i.start_at, i.duration_min, i.timezone, i.type, i.mode, i.location, i.status,
			u.name as candidate_name, c.name as cycle_name, i.conflicts,
			array(select pu.name from panel_interviewers pp join users pu on pu.id = pp.user_id
				where pp.interview_id = i.id order by pu.name) as panel
		from interviews i
		join panel_interviewers p on p.interview_id = i.id and p.user_id = ${userId}
		join users u on u.id = i.candidate_id
		join cycles c on c.id = i.cycle_id
		where i.org_id = ${orgId}
		order by i.start_at`;
	return rows.map((r) => ({
		id: r.id,
		start: r.start_at.toISOString(),
		durationMin: r.duration_min,
		timezone: r.timezone,
		type: r.type,
		mode: r.mode,
		location: r.location,
		status: r.status,
		candidateName: r.candidate_name,
		cycleName: r.cycle_name,
		panel: r.panel,
		hasConflict: Array.isArray(r.conflicts) && r.conflicts.length > 0
	}));
}
