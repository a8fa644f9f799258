import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { candidateChangeProblem } from '$lib/domain/candidate-changes';
import type { Interview } from '$lib/domain/types';
import { askChange, changeContext, moveTimes } from '$lib/server/candidate-changes';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { db, runtime } from '$lib/server/runtime';
import { ChangeRequestBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/me/interviews/{id}/change — what the candidate may ask for now, and the times they may move to. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'candidate');
	const ctx = await changeContext(db(), actor.orgId, actor.user.id, event.params.id);
	const iv = { status: ctx.row.status as Interview['status'], start: ctx.row.start_at.toISOString() };
	const blocked = (kind: 'reschedule' | 'cancel') => candidateChangeProblem(kind, iv, 'x', ctx.facts);
	const move = blocked('reschedule');
	const cancel = blocked('cancel');
	return {
		deadline: ctx.deadline.toISOString(),
		moves_left: Math.max(0, ctx.policy.candidateMaxReschedules - ctx.facts.reschedulesUsed),
		auto_approve: ctx.policy.candidateChangesAutoApprove,
		reschedule: move
			? { allowed: false, rule: move.code, message: move.message }
			: { allowed: true, rule: null, message: null },
		cancel: cancel
			? { allowed: false, rule: cancel.code, message: cancel.message }
			: { allowed: true, rule: null, message: null },
		times: move ? [] : await moveTimes(db(), ctx.row)
	};
});

/** POST /api/v1/me/interviews/{id}/change — asks to move (to an offered time) or cancel, with a reason. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'candidate');
	const body = await readJson(event.request, ChangeRequestBody);
	const done = await askChange({ sql: db(), kind: runtime().db.kind }, actor, {
		interviewId: event.params.id,
		kind: body.kind,
		reason: body.reason,
		newStart: body.new_start ?? null
	});
	return json({ id: done.id, status: done.applied ? 'applied' : 'pending' }, { status: 201 });
});
