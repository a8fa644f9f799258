/**
 * The pipeline follows the interviews: after a batch is written, each application it touched takes
 * the status `pipelineStatus` (src/lib/domain/applications.ts) gives it from all its interviews in
 * Postgres, so a booking moves it to `interview_scheduled` and cancelling the last live interview
 * takes it back to `selected`, whichever path the change came by (the API, a live edit of the
 * calendar, a candidate's change request): they all end in this projection. Each move is recorded in
 * `application_logs` with the actor of the change. Runs inside the batch's transaction.
 */
import type { Sql } from '../../db/client';
import { pipelineStatus } from '../../src/lib/domain/applications';
import type { ApplicationStatus } from '../../src/lib/domain/types';
import type { Plan } from './plan';

const REASONS: Partial<Record<ApplicationStatus, string>> = {
	interview_scheduled: 'An interview is booked.',
	selected: 'No interview is booked any more: the last one was cancelled or missed.'
};

/** Moves the touched applications to the status their interviews give them; answers how many moved. */
export async function followPipeline(tx: Sql, orgId: string, plan: Plan): Promise<number> {
	const ids = [...new Set([...plan.writes.map((w) => w.id), ...plan.removals.map((r) => r.id)])];
	if (!ids.length) return 0;
	const touched = await tx<{ id: string; application_id: string }[]>`
		select id, application_id from interviews where id = any(${ids}::uuid[]) and org_id = ${orgId}`;
	const appIds = [...new Set(touched.map((t) => t.application_id))];
	const apps = await tx<{ id: string; status: ApplicationStatus; statuses: string[] }[]>`
		select a.id, a.status, coalesce(array_agg(i.status) filter (where i.id is not null), '{}') as statuses
		from applications a left join interviews i on i.application_id = a.id
		where a.org_id = ${orgId} and a.id = any(${appIds}::uuid[])
		group by a.id, a.status`;
	// Who made the change that moves the application: the actor of its interview's audit entry.
	const actorOf = new Map<string, string | null>();
	for (const entry of plan.audit) {
		const app = touched.find((t) => t.id === entry.interview_id)?.application_id;
		if (app && entry.actor_id) actorOf.set(app, entry.actor_id);
	}
	let moved = 0;
	for (const a of apps) {
		const next = pipelineStatus(a.status, a.statuses);
		if (next === a.status) continue;
		const done = await tx`update applications set status = ${next}, updated_at = now()
			where id = ${a.id} and status = ${a.status} returning id`;
		if (!done.length) continue;
		await tx`insert into application_logs (org_id, application_id, actor_id, action, from_status, to_status, reason)
			values (${orgId}, ${a.id}, ${actorOf.get(a.id) ?? null}, 'pipeline', ${a.status}, ${next}, ${REASONS[next] ?? null})`;
		moved += 1;
	}
	return moved;
}
