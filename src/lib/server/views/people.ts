/** The people pages' lists: the organization's members, and its candidates with their applications. */
import type { Sql } from '../../../../db/client';

/** Every member, admins first, with whether they set a password and hold an open invitation. */
export async function listPeople(sql: Sql, orgId: string) {
	return sql<
		{ id: string; name: string; email: string; role: string; has_password: boolean; pending_invite: boolean }[]
	>`select u.id, u.name, u.email, m.role, u.password_hash is not null as has_password,
			exists (select 1 from invitations i where i.user_id = u.id and i.used_at is null and i.expires_at > now()) as pending_invite
		from memberships m join users u on u.id = m.user_id
		where m.org_id = ${orgId}
		order by case m.role when 'admin' then 0 when 'interviewer' then 1 else 2 end, u.name`;
}

/** The candidates, with the statuses of their applications and how many interviews they had. */
export async function listCandidates(sql: Sql, orgId: string) {
	return sql<
		{ id: string; name: string; email: string; statuses: string[] | null; interviews: number }[]
	>`select u.id, u.name, u.email,
			(select array_agg(a.status order by a.created_at) from applications a
				where a.candidate_id = u.id and a.org_id = ${orgId}) as statuses,
			(select count(*)::int from interviews i where i.candidate_id = u.id and i.org_id = ${orgId}) as interviews
		from memberships m join users u on u.id = m.user_id
		where m.org_id = ${orgId} and m.role = 'candidate'
		order by u.name`;
}
