import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { candidateChangeProblem } from '$lib/domain/candidate-changes';
import { problemText } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';
import type { Interview } from '$lib/domain/types';
import { askChange, changeContext, moveTimes } from '$lib/server/candidate-changes';
import { ApiError } from '$lib/server/errors';
import { readForm } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { personTimezone } from '$lib/server/views/requests';

/** A candidate asks to move or cancel one of their interviews, under the organization's policy. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'candidate');
	const sql = event.locals.ctx.sql;
	const ctx = await changeContext(sql, actor.orgId, actor.user.id, event.params.id);
	const iv = { status: ctx.row.status as Interview['status'], start: ctx.row.start_at.toISOString() };
	const timezone = await personTimezone(sql, actor.orgId, actor.user.id);
	// What the policy says before anything is typed (a missing reason is not a refusal yet).
	const blocked = (kind: 'reschedule' | 'cancel') => {
		const problem = candidateChangeProblem(kind, iv, 'x', ctx.facts);
		return problem ? problemText(problem) : null;
	};
	return {
		interview: { id: ctx.row.id, start: iv.start, duration_min: ctx.row.duration_min, status: iv.status },
		timezone,
		deadline: ctx.deadline.toISOString(),
		movesLeft: Math.max(0, ctx.policy.candidateMaxReschedules - ctx.facts.reschedulesUsed),
		autoApprove: ctx.policy.candidateChangesAutoApprove,
		blocked: { reschedule: blocked('reschedule'), cancel: blocked('cancel') },
		times: blocked('reschedule') ? [] : await moveTimes(sql, ctx.row)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireRole(event, 'candidate');
		const form = await readForm(event.request);
		const kind = form.get('kind') === 'cancel' ? 'cancel' : 'reschedule';
		const values = { kind, reason: form.get('reason') ?? '', start: form.get('start') ?? '' };
		try {
			const done = await askChange(event.locals.ctx, actor, {
				interviewId: event.params.id,
				kind,
				reason: values.reason,
				newStart: values.start || null
			});
			return {
				values,
				done: done.applied
					? kind === 'cancel'
						? m.change_done_cancelled()
						: m.change_done_moved()
					: m.change_done_sent()
			};
		} catch (err) {
			if (err instanceof ApiError && (err.status === 409 || err.status === 422))
				return fail(err.status, { values, error: err.message });
			throw err;
		}
	}
};
