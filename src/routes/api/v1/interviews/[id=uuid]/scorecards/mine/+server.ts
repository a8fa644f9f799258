import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { onPanel } from '$lib/server/interviews';
import { db } from '$lib/server/runtime';
import { listScorecards, parseScorecard, scorecardInterview, submitScorecard } from '$lib/server/scorecards';
import { readJson } from '$lib/server/validate';

/**
 * PUT /api/v1/interviews/{id}/scorecards/mine — creates (201) or replaces (200) the caller's
 * scorecard: `{rating: 1–5, recommendation: hire|proceed|maybe|reject, feedback?: ≤ 20,000 chars}`.
 */
export const PUT: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const row = await scorecardInterview(db(), actor, event.params.id);
	if (actor.role !== 'interviewer' || !onPanel(row, actor.user.id))
		throw fail.forbidden('Only a member of the interview’s panel submits a scorecard for it.');
	const input = parseScorecard(await readJson(event.request, z.unknown()));
	const { created } = await submitScorecard(db(), actor, row, input);
	return json(await listScorecards(db(), actor, row), { status: created ? 201 : 200 });
});
