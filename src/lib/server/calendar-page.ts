/** What the live calendar pages load from Postgres: people, applications and the policy. */
import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/server/guards';
import {
	ELIGIBLE_APPLICATION_STATUSES,
	resolvePolicy,
	type ApplicationStatus,
	type Policy,
	type PolicyOverrides
} from '$lib/domain';
import type { Sql } from '../../../db/client';
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

type ApplicationRow = {
	id: string;
	candidate_id: string;
	candidate_name: string;
	candidate_timezone: string;
	cycle_id: string;
	cycle_name: string;
	status: ApplicationStatus;
	interview_enabled: boolean;
	online_interview_enabled: boolean;
};

/**
 * The applications the calendar names and books, by name. With `ids` null, those it can need without
 * asking: the ones that can be booked (selected, interview scheduled) and the ones with an interview
 * in the live document. Not every application the organization ever had: years of finished ones
 * would make the page grow with its history (issue 15). With `ids`, those applications.
 */
export async function calendarApplications(
	sql: Sql,
	orgId: string,
	orgTimezone: string,
	ids: readonly string[] | null
): Promise<CalendarApplication[]> {
	if (ids?.length === 0) return [];
	const wanted = ids
		? sql`select unnest(${ids as string[]}::uuid[]) as id`
		: sql`select id from applications where org_id = ${orgId} and status in ${sql(ELIGIBLE_APPLICATION_STATUSES)}
			union
			select application_id from interviews where org_id = ${orgId} and archived_at is null and removed_at is null`;
	const rows = await sql<ApplicationRow[]>`
		with wanted as (${wanted})
		select a.id, a.candidate_id, u.name as candidate_name,
			coalesce(u.timezone, ${orgTimezone}) as candidate_timezone, a.cycle_id, c.name as cycle_name, a.status,
			a.interview_enabled, a.online_interview_enabled
		from wanted w join applications a on a.id = w.id and a.org_id = ${orgId}
			join users u on u.id = a.candidate_id join cycles c on c.id = a.cycle_id
		order by u.name`;
	return rows.map((a) => ({
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
	const applications = await calendarApplications(sql, actor.orgId, org?.timezone ?? 'UTC', null);
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
		cycles: await sql<{ id: string; name: string }[]>`
			select id, name from cycles where org_id = ${actor.orgId} order by starts_on`,
		loops: await calendarLoops(sql, actor.orgId)
	};
}
