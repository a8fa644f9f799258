/** What the self-scheduling and change-request pages read besides the requests themselves. */
import type { Sql } from '../../../../db/client';

/** The organization's zone (whole days of a request's window are read in it). */
export async function orgTimezone(sql: Sql, orgId: string): Promise<string> {
	const [org] = await sql<{ timezone: string }[]>`select timezone from organizations where id = ${orgId}`;
	return org?.timezone ?? 'UTC';
}

/** A person's zone: their own, else the organization's. */
export async function personTimezone(sql: Sql, orgId: string, userId: string): Promise<string> {
	const [me] = await sql<{ timezone: string }[]>`select coalesce(u.timezone, o.timezone) as timezone
		from users u join organizations o on o.id = ${orgId} where u.id = ${userId}`;
	return me?.timezone ?? 'UTC';
}

/** The applications and interviewers the admin's requests page offers, by name. */
export async function requestsPageFacts(sql: Sql, orgId: string) {
	const apps = await sql<
		{ id: string; name: string; status: string; interview_enabled: boolean; online: boolean; cycle: string }[]
	>`select a.id, u.name, a.status, a.interview_enabled, a.online_interview_enabled as online, c.name as cycle
		from applications a join users u on u.id = a.candidate_id join cycles c on c.id = a.cycle_id
		where a.org_id = ${orgId} order by u.name`;
	const interviewers = await sql<{ id: string; name: string }[]>`select u.id, u.name from memberships m
		join users u on u.id = m.user_id where m.org_id = ${orgId} and m.role = 'interviewer' order by u.name`;
	return { timezone: await orgTimezone(sql, orgId), apps, interviewers };
}
