import { m } from '$lib/paraglide/messages';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { APPLICATION_STATUSES } from '$lib/domain';
import { ApiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { patchApplication } from '$lib/server/applications';
import { readForm } from '$lib/server/forms';
import { applicantsPage } from '$lib/server/views/applicants';

/** The applications of one cycle with their next interview, for the pipeline table. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	return applicantsPage(event.locals.ctx.sql, actor.orgId, event.url.searchParams.get('cycle'));
};

const MoveForm = z.object({
	id: z.uuid(),
	to: z.enum(APPLICATION_STATUSES),
	reason: z.string().max(2000).optional(),
	cancel_upcoming: z.literal('true').optional()
});
const ToggleForm = z.object({
	id: z.uuid(),
	field: z.enum(['interview_enabled', 'online_interview_enabled']),
	value: z.enum(['true', 'false'])
});

/** Runs a change and turns a refused one into a form error with the rule's message. */
async function apply(id: string, run: () => Promise<void>) {
	try {
		await run();
		return { ok: true as const, id };
	} catch (err) {
		if (err instanceof ApiError) return fail(err.status, { id, message: err.message });
		throw err;
	}
}

export const actions: Actions = {
	/** Moves an application along the pipeline (select, reject, approve, back to pending). */
	move: async (event) => {
		const actor = requireRole(event, 'admin');
		const parsed = MoveForm.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(422, { id: null, message: m.appl_not_understood() });
		return apply(parsed.data.id, () =>
			patchApplication(event.locals.ctx, actor, parsed.data.id, {
				status: parsed.data.to,
				override_reason: parsed.data.reason,
				cancel_upcoming: parsed.data.cancel_upcoming === 'true'
			})
		);
	},
	/** Turns the interview or the online interview of an application on or off. */
	toggle: async (event) => {
		const actor = requireRole(event, 'admin');
		const parsed = ToggleForm.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(422, { id: null, message: m.appl_change_not_understood() });
		const { id, field, value } = parsed.data;
		return apply(id, () => patchApplication(event.locals.ctx, actor, id, { [field]: value === 'true' }));
	}
};
