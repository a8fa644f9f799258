/** The POST endpoints that move an interview along the status machine (cancel, complete, no-show). */
import type { RequestEvent } from '@sveltejs/kit';
import type { InterviewStatus } from '$lib/domain/types';
import type { Role } from '$lib/roles';
import { visibleInterview } from './access';
import { endpoint } from './endpoint';
import { requireRole } from './guards';
import { findInterview, interviewJson } from './interviews';
import { db } from './runtime';
import { changeStatus } from './scheduling';
import { ReasonBody } from './schemas';
import { readJson } from './validate';

/** A handler that moves the interview `{id}` to `to`, for the given roles; `needsReason` reads `{reason}`. */
export function statusEndpoint(to: InterviewStatus, roles: Role[], needsReason: boolean) {
	return endpoint(async (event: RequestEvent<{ id: string }>) => {
		requireRole(event, ...roles);
		const { actor } = await visibleInterview(event, event.params.id);
		const reason = needsReason ? (await readJson(event.request, ReasonBody)).reason : null;
		await changeStatus(actor.orgId, actor.user.id, event.params.id, to, reason);
		return interviewJson((await findInterview(db(), actor.orgId, event.params.id))!);
	});
}
