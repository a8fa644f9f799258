import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { loadCalendarData } from '$lib/server/calendar-page';
import type { InterviewStatus, InterviewType } from '$lib/domain';

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

/** The interviews this person sits on as an interviewer (`panel_interviewers`), and the calendar, read-only. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'interviewer', 'admin');
	const rows = await db()<MyInterviewRow[]>`
		select i.id, i.start_at, i.duration_min, i.timezone, i.type, i.mode, i.location, i.status,
			u.name as candidate_name, c.name as cycle_name, i.conflicts,
			array(select pu.name from panel_interviewers pp join users pu on pu.id = pp.user_id
				where pp.interview_id = i.id order by pu.name) as panel
		from interviews i
		join panel_interviewers p on p.interview_id = i.id and p.user_id = ${actor.user.id}
		join users u on u.id = i.candidate_id
		join cycles c on c.id = i.cycle_id
		where i.org_id = ${actor.orgId}
		order by i.start_at`;
	const now = Date.now();
	const mine = rows.map((r) => ({
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
	const ended = (m: (typeof mine)[number]) => Date.parse(m.start) + m.durationMin * 60_000 < now;
	const calendar = await loadCalendarData(event, actor);
	return {
		upcoming: mine.filter((m) => !ended(m) && (m.status === 'scheduled' || m.status === 'in_progress')),
		past: mine.filter((m) => ended(m) || !(m.status === 'scheduled' || m.status === 'in_progress')).reverse(),
		calendar: { ...calendar, canEdit: false },
		email: actor.user.email
	};
};
