/**
 * An interviewer's team calendar, read from Postgres and filtered before it leaves the server
 * (decision 50): the interviews they sit on in full (candidate, type, mode, status, a link), every
 * other interview of the organization only as a busy block of the colleagues on its panel, with no
 * candidate, type, place or id. Interviewers no longer open the calendar document, which holds every
 * interview's details; this is what they get instead.
 */
import type { Sql } from '../../../../db/client';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '$lib/domain/time';
import type { InterviewMode, InterviewStatus, InterviewType } from '$lib/domain/types';
import type { TeamBusy, TeamMine, TeamWeek } from '$lib/contract/team-week';

/** Monday of the week holding `ymd`. */
export function mondayOf(ymd: string): string {
	return addDaysToYmd(ymd, 1 - isoWeekdayOfYmd(ymd));
}

/** The week around `date` (default: today in `zone`) as `userId` may see it. */
export async function teamWeek(
	sql: Sql,
	opts: { orgId: string; userId: string; zone: string; date?: string | null; now?: Date }
): Promise<TeamWeek> {
	const today = zonedDate(opts.now ?? new Date(), opts.zone);
	const week = mondayOf(opts.date && /^\d{4}-\d{2}-\d{2}$/.test(opts.date) ? opts.date : today);
	const from = zonedWallTimeToUtc(week, '00:00', opts.zone);
	const to = zonedWallTimeToUtc(addDaysToYmd(week, 7), '00:00', opts.zone);
	const rows = await sql<
		{
			id: string;
			start_at: Date;
			end_at: Date;
			mine: boolean;
			candidate_name: string;
			type: InterviewType;
			mode: InterviewMode;
			status: InterviewStatus;
			panel: string[];
			panel_ids: string[];
		}[]
	>`
		select i.id, i.start_at, i.end_at, i.type, i.mode, i.status,
			exists (select 1 from panel_interviewers p where p.interview_id = i.id and p.user_id = ${opts.userId}) as mine,
			case when exists (select 1 from panel_interviewers p where p.interview_id = i.id and p.user_id = ${opts.userId})
				then c.name else '' end as candidate_name,
			array(select u.name from panel_interviewers p join users u on u.id = p.user_id
				where p.interview_id = i.id order by u.name) as panel,
			array(select p.user_id::text from panel_interviewers p join users u on u.id = p.user_id
				where p.interview_id = i.id order by u.name) as panel_ids
		from interviews i join users c on c.id = i.candidate_id
		where i.org_id = ${opts.orgId} and i.removed_at is null and i.status <> 'cancelled'
			and i.start_at < ${to} and i.end_at > ${from}
		order by i.start_at, i.id`;
	const days = Array.from({ length: 7 }, (_, n) => ({
		date: addDaysToYmd(week, n),
		entries: [] as (TeamMine | TeamBusy)[]
	}));
	for (const r of rows) {
		const day = days.find((d) => d.date === zonedDate(r.start_at, opts.zone));
		if (!day) continue;
		const start = r.start_at.toISOString();
		const end = r.end_at.toISOString();
		const others = r.panel.filter((_, i) => r.panel_ids[i] !== opts.userId);
		day.entries.push(
			r.mine
				? {
						kind: 'mine',
						id: r.id,
						start,
						end,
						candidateName: r.candidate_name,
						type: r.type,
						mode: r.mode,
						status: r.status,
						with: others
					}
				: { kind: 'busy', start, end, busy: r.panel }
		);
	}
	return { week, zone: opts.zone, days };
}
