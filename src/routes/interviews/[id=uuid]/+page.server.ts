import { readForm } from '$lib/server/forms';
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { interviewAccess } from '$lib/server/access';
import { ApiError } from '$lib/server/errors';
import { requireRole, type Actor } from '$lib/server/guards';
import { findInterview, interviewJson, onPanel } from '$lib/server/interviews';
import { interviewDeliveries, resendMessage } from '$lib/server/notifications/admin';
import { db, runtime } from '$lib/server/runtime';
import {
	finalizeScorecards,
	interviewHistory,
	listScorecards,
	parseScorecard,
	submitScorecard
} from '$lib/server/scorecards';

/**
 * The interview for this page: its panel's interviewers and the org's admins (the access rule of
 * access.ts); 404 outside the org, 403 off the panel.
 */
async function pageInterview(event: RequestEvent, actor: Actor) {
	const row = await findInterview(db(), actor.orgId, event.params.id);
	if (!row) error(404, 'The interview was not found.');
	const access = await interviewAccess(db(), actor.user.id, row.id);
	if (access?.role !== 'admin' && access?.role !== 'interviewer')
		error(403, 'Only the interview’s panel and the organization’s admins open this page.');
	return row;
}

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const row = await pageInterview(event, actor);
	const [scorecards, history, people, deliveries] = await Promise.all([
		listScorecards(db(), actor, row),
		interviewHistory(db(), actor.orgId, [row.id]),
		db()<{ id: string; name: string }[]>`
			select u.id, u.name from memberships m join users u on u.id = m.user_id
			where m.org_id = ${actor.orgId} and m.role in ('admin', 'interviewer')`,
		// Admins see each email about the interview and its delivery.
		interviewDeliveries(db(), actor, row.id)
	]);
	return {
		interview: interviewJson(row),
		scorecards,
		history,
		names: Object.fromEntries(people.map((p) => [p.id, p.name])),
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
			await submitScorecard(db(), actor, row, parseScorecard(values));
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
			await resendMessage({ sql: db(), bus: runtime().bus }, actor, id);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { resendError: err.message });
			throw err;
		}
		return { resent: true };
	},
	finalize: async (event) => {
		const actor = requireRole(event, 'admin');
		const row = await pageInterview(event, actor);
		await finalizeScorecards(db(), actor, row);
		return { finalized: true };
	}
};
