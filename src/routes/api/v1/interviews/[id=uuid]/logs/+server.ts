import type { RequestHandler } from './$types';
import { visibleInterview } from '$lib/server/access';
import { endpoint } from '$lib/server/endpoint';
import { db } from '$lib/server/runtime';

/** GET /api/v1/interviews/{id}/logs — the audit history, oldest first. */
export const GET: RequestHandler = endpoint(async (event) => {
	const { row } = await visibleInterview(event, event.params.id);
	const logs = await db()<
		{
			id: string;
			action: string;
			actor_id: string | null;
			actor_name: string | null;
			old_values: unknown;
			new_values: unknown;
			reason: string | null;
			created_at: Date;
		}[]
	>`select l.id::text, l.action, l.actor_id, u.name as actor_name, l.old_values, l.new_values, l.reason, l.created_at
		from interview_logs l left join users u on u.id = l.actor_id
		where l.interview_id = ${row.id} and l.org_id = ${row.org_id} order by l.id`;
	return {
		data: logs.map((l) => ({
			id: Number(l.id),
			action: l.action,
			actor: l.actor_id ? { id: l.actor_id, name: l.actor_name } : null,
			old_values: l.old_values,
			new_values: l.new_values,
			reason: l.reason,
			created_at: l.created_at.toISOString()
		}))
	};
});
