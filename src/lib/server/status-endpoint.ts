/** The POST endpoints that move an interview along the status machine (cancel, complete, no-show). */
import type { RequestEvent } from '@sveltejs/kit';
import type { InterviewStatus } from '$lib/domain/types';
import type { Role } from '$lib/roles';
import { visibleInterview } from './access';
import { endpoint } from './endpoint';
import { ApiError } from './errors';
import { requireRole, type Actor } from './guards';
import { findInterview, interviewJson } from './interviews';
import { db } from './runtime';
import { changeStatus } from './scheduling';
import { ReasonBody } from './schemas';
import { readJson } from './validate';

/**
 * A handler that moves the interview `{id}` to `to`, for the given roles; `needsReason` reads `{reason}`.
 * An admin's cancel also reaches a damaged calendar entry that never reached Postgres (the API knows
 * no interview by that id, the calendar shows it as "needs repair"): it is removed from the calendar,
 * answered with 204.
 */
export function statusEndpoint(to: InterviewStatus, roles: Role[], needsReason: boolean) {
	return endpoint(async (event: RequestEvent<{ id: string }>) => {
		const actor: Actor = requireRole(event, ...roles);
		const adminCancel = to === 'cancelled' && actor.role === 'admin';
		let stored = true;
		try {
			await visibleInterview(event, event.params.id);
		} catch (err) {
			if (!(adminCancel && err instanceof ApiError && err.code === 'not_found')) throw err;
			stored = false;
		}
		const reason = needsReason ? (await readJson(event.request, ReasonBody)).reason : null;
		const outcome = await changeStatus(actor.orgId, actor.user.id, event.params.id, to, reason, {
			damagedOnly: !stored
		});
		if (outcome === 'removed') return new Response(null, { status: 204 });
		const row = await findInterview(db(), actor.orgId, event.params.id);
		if (!row) throw new ApiError('not_found', 'The interview was not found.');
		return interviewJson(row);
	});
}
