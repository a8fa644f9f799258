/** The POST endpoints that move an interview along the status machine (cancel, complete, no-show). */
import type { RequestEvent } from '@sveltejs/kit';
import type { ReasonBody } from '$lib/contract/api';
import type { InterviewStatus } from '$lib/domain/types';
import { visibleInterview } from './access';
import { ApiError } from './errors';
import { requireRole, type Actor } from './guards';
import { findInterview, interviewJson } from './interviews';
import { defineRoute, type RouteSpec } from './route';
import { changeStatus } from './scheduling';
import { m } from '$lib/paraglide/messages';

/**
 * A handler that moves the interview `{id}` to `to`, for the roles of `spec.access`; a `spec.body`
 * (ReasonBody) reads `{reason}`.
 * An admin's cancel also reaches a damaged calendar entry that never reached Postgres (the API knows
 * no interview by that id, the calendar shows it as "needs repair"): it is removed from the calendar,
 * answered with 204.
 */
export function statusEndpoint(spec: RouteSpec<undefined, typeof ReasonBody | undefined>, to: InterviewStatus) {
	const roles = spec.access === 'public' || spec.access === 'signed_in' ? [] : spec.access;
	return defineRoute(spec, async (event: RequestEvent<{ id: string }>, input) => {
		const actor: Actor = requireRole(event, ...roles);
		const adminCancel = to === 'cancelled' && actor.role === 'admin';
		let stored = true;
		try {
			await visibleInterview(event, event.params.id);
		} catch (err) {
			if (!(adminCancel && err instanceof ApiError && err.code === 'not_found')) throw err;
			stored = false;
		}
		const reason = (await input.body())?.reason ?? null;
		const outcome = await changeStatus(event.locals.ctx, actor.orgId, actor.user.id, event.params.id, to, reason, {
			damagedOnly: !stored
		});
		if (outcome === 'removed') return new Response(null, { status: 204 });
		const row = await findInterview(event.locals.ctx.sql, actor.orgId, event.params.id);
		if (!row) throw new ApiError('not_found', m.problem_not_found());
		return interviewJson(row);
	});
}
