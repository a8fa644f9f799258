import { readForm } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireInterviewAccess } from '$lib/server/access';
import { ApiError } from '$lib/server/errors';
import { requireRole, type Actor } from '$lib/server/guards';
import { interviewJson, onPanel } from '$lib/server/interviews';
import { staffNames } from '$lib/server/users';
import { interviewHistory } from '$lib/server/history';
import { describeEntries } from '$lib/format/history';
import { interviewDeliveries, resendMessage } from '$lib/server/notifications/admin';
import { finalizeScorecards, listScorecards, parseScorecard, submitScorecard } from '$lib/server/scorecards';

/**
 * The interview for this page: its panel's interviewers and the org's admins (the access rule of
 * access.ts); 404 outside the org, 403 off the panel.
 */
async function pageInterview(event: RequestEvent, actor: Actor) {
	try {
		const { row } = await requireInterviewAccess(event.locals.ctx.sql, actor, event.params.id, {
			roles: ['admin', 'interviewer'],
			denied: m.iv_denied()
		});
		return row;
	} catch (err) {
		if (err instanceof ApiError) error(err.status, err.message);
		throw err;
	}
}

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const row = await pageInterview(event, actor);
	const [scorecards, history, names, deliveries] = await Promise.all([
		listScorecards(event.locals.ctx.sql, actor, row),
		interviewHistory(event.locals.ctx.sql, actor, [row.id]),
		staffNames(event.locals.ctx.sql, actor.orgId),
		// Admins see each email about the interview and its delivery.
		interviewDeliveries(event.locals.ctx.sql, actor, row.id)
	]);
	return {
		interview: interviewJson(row),
		scorecards,
		// Described here (panels named, actions in words), so the page does not load those rules.
		history: describeEntries(history, names),
		deliveries,
		viewer: { id: actor.user.id, name: actor.user.name, role: actor.role, onPanel: onPanel(row, actor.user.id) }
	};
};

export const actions: Actions = {
	scorecard: async (event) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		const row = await pageInterview(event, actor);
		const form = await readForm(event.request);
		const values = {
			rating: String(form.get('rating') ?? ''),
			recommendation: String(form.get('recommendation') ?? ''),
			feedback: String(form.get('feedback') ?? '')
		};
		try {
			await submitScorecard(event.locals.ctx.sql, actor, row, parseScorecard(values));
			return { saved: true, fields: {}, message: null, values: null };
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			const fields = (err.details.fields ?? {}) as Record<string, string>;
			return fail(err.status, { saved: false, fields, message: err.message, values });
		}
	},
	/** Sends a failed email about this interview again (admins). */
	resend: async (event) => {
		const actor = requireRole(event, 'admin');
		await pageInterview(event, actor);
		const id = String((await readForm(event.request)).get('id') ?? '');
		try {
			await resendMessage(event.locals.ctx, actor, id);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { resendError: err.message });
			throw err;
		}
		return { resent: true };
	},
	finalize: async (event) => {
		const actor = requireRole(event, 'admin');
		const row = await pageInterview(event, actor);
		await finalizeScorecards(event.locals.ctx.sql, actor, row);
		return { finalized: true };
	}
};
