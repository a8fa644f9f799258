import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const candidates = await db()<
		{ id: string; name: string; email: string; statuses: string[] | null; interviews: number }[]
	>`select u.id, u.name, u.email,
			(select array_agg(a.status order by a.created_at) from applications a
				where a.candidate_id = u.id and a.org_id = ${actor.orgId}) as statuses,
			(select count(*)::int from interviews i where i.candidate_id = u.id and i.org_id = ${actor.orgId}) as interviews
		from memberships m join users u on u.id = m.user_id
		where m.org_id = ${actor.orgId} and m.role = 'candidate'
		order by u.name`;
	return { candidates };
};
