import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { BODY, MEMBER } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { candidateChangeProblem } from '$lib/domain/candidate-changes';
import type { Interview } from '$lib/domain/types';
import { askChange, changeContext, moveTimes } from '$lib/server/candidate-changes';
import { requireRole } from '$lib/server/guards';

/** GET /api/v1/me/interviews/{id}/change — what the candidate may ask for now, and the times they may move to. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'myChangeOptions',
		tag: 'Change requests',
		summary: 'What I may ask to change about my interview, and the times I may move it to',
		description:
			'Under the organization’s policy: requests are taken until the cut-off before the start (24 hours by default); an application’s interviews move at most N times (2 by default); one request waits at a time. `times` are the panel’s and my free times in the next three weeks.',
		access: ['candidate'],
		who: 'The interview’s candidate.',
		responses: { 200: { description: 'The options.', schema: S.ChangeOptionsResponse } },
		errors: { ...MEMBER, 404: 'No such interview of yours.' }
	},
	async (event) => {
		const actor = requireRole(event, 'candidate');
		const ctx = await changeContext(event.locals.ctx.sql, actor.orgId, actor.user.id, event.params.id);
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
			times: move ? [] : await moveTimes(event.locals.ctx.sql, ctx.row)
		};
	}
);

/** POST /api/v1/me/interviews/{id}/change — asks to move (to an offered time) or cancel, with a reason. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'askChange',
		tag: 'Change requests',
		summary: 'Ask to move or cancel my interview',
		description:
			'With a reason; a move names one of the offered times. With auto-approval the change is made at once (`applied`), through the calendar like any change; otherwise it waits for an admin (`pending`), who hears of it in their inbox. Every step is in the interview’s history.',
		access: ['candidate'],
		who: 'The interview’s candidate.',
		body: S.ChangeRequestBody,
		responses: { 201: { description: 'Asked (or done).', schema: S.ChangeCreatedResponse } },
		errors: {
			...MEMBER,
			...BODY,
			404: 'No such interview of yours.',
			409: 'The new time is not one of the offered times (`slot_taken`, fresh `details.slots`).',
			422: 'The policy refuses it: `details.rule` is `change_cutoff`, `reschedule_limit`, `already_requested`, `reason_required` or `not_editable`.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'candidate');
		const body = await input.body();
		const done = await askChange(event.locals.ctx, actor, {
			interviewId: event.params.id,
			kind: body.kind,
			reason: body.reason,
			newStart: body.new_start ?? null
		});
		return json({ id: done.id, status: done.applied ? 'applied' : 'pending' }, { status: 201 });
	}
);
