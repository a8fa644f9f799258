/** What the live calendar pages load from Postgres: people, applications and the policy. */
import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/server/guards';
import { resolvePolicy, type ApplicationStatus, type Policy, type PolicyOverrides } from '$lib/domain';
import { effectiveLoadLimit } from '$lib/domain/load';
import { effectiveWorkingHours } from '$lib/domain/working-hours';
import { listClosures } from '$lib/server/calendar-rules';
import { calendarGeneration } from '$lib/server/calendar-generation';
import { calendarLoops } from '$lib/server/views/loops';
import type { CalendarApplication, CalendarInterviewer, CalendarPageData } from '$lib/contract/calendar-page';

/** The collab-server URL as the browser reaches it. */
export function collabUrl(event: RequestEvent): string {
	const configured = event.locals.ctx.config.COLLAB_URL;
	return configured ?? `${event.url.protocol === 'https:' ? 'wss' : 'ws'}://${event.url.host}/collab`;
}

/** Everything the calendar UI needs besides the Yjs document. */
export async function loadCalendarData(event: RequestEvent, actor: Actor): Promise<CalendarPageData> {
	const { sql } = event.locals.ctx;
	const [org] = await sql<
		{ name: string; timezone: string; policy: PolicyOverrides | null }[]
	>`select name, timezone, policy from organizations where id = ${actor.orgId}`;
	const interviewers = await sql<
		(Omit<CalendarInterviewer, 'workingHours' | 'loadLimit'> & { working_hours: unknown; load_limit: unknown })[]
	>`
		select u.id, u.name, u.email, coalesce(u.timezone, ${org?.timezone ?? 'UTC'}) as timezone, u.working_hours, m.load_limit
		from memberships m join users u on u.id = m.user_id
		where m.org_id = ${actor.orgId} and m.role = 'interviewer' order by u.name`;
	const admins = await sql<{ id: string; name: string }[]>`
		select u.id, u.name from memberships m join users u on u.id = m.user_id
		where m.org_id = ${actor.orgId} and m.role = 'admin' order by u.name`;
	const apps = await sql<
		{
			id: string;
			candidate_id: string;
			candidate_name: string;
			candidate_timezone: string;
			cycle_id: string;
			cycle_name: string;
			status: ApplicationStatus;
			interview_enabled: boolean;
			online_interview_enabled: boolean;
		}[]
	>`select a.id, a.candidate_id, u.name as candidate_name,
			coalesce(u.timezone, ${org?.timezone ?? 'UTC'}) as candidate_timezone, a.cycle_id, c.name as cycle_name, a.status,
			a.interview_enabled, a.online_interview_enabled
		from applications a join users u on u.id = a.candidate_id join cycles c on c.id = a.cycle_id
		where a.org_id = ${actor.orgId} order by u.name`;
	const applications: CalendarApplication[] = apps.map((a) => ({
		id: a.id,
		candidateId: a.candidate_id,
		candidateName: a.candidate_name,
		candidateTimezone: a.candidate_timezone,
		cycleId: a.cycle_id,
		cycleName: a.cycle_name,
		status: a.status,
		interviewEnabled: a.interview_enabled,
		onlineInterviewEnabled: a.online_interview_enabled
	}));
	const policy: Policy = resolvePolicy(org?.policy ?? null);
	return {
		orgId: actor.orgId,
		generation: await calendarGeneration(sql, actor.orgId),
		orgTimezone: org?.timezone ?? 'UTC',
		collabUrl: collabUrl(event),
		me: { id: actor.user.id, name: actor.user.name, timezone: actor.user.timezone ?? null },
		canEdit: actor.role === 'admin',
		policy,
		closures: { timezone: org?.timezone ?? 'UTC', list: await listClosures(sql, actor.orgId) },
		interviewers: interviewers.map(({ working_hours, load_limit, ...i }) => ({
			...i,
			workingHours: effectiveWorkingHours(working_hours, policy.workingHours),
			loadLimit: effectiveLoadLimit(load_limit, policy)
		})),
		admins: admins.map((a) => ({ id: a.id, name: a.name })),
		applications,
		loops: await calendarLoops(sql, actor.orgId)
	};
}
