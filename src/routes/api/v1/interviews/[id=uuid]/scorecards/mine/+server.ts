import { json } from '@sveltejs/kit';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { apiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { onPanel } from '$lib/server/interviews';
import { listScorecards, parseScorecard, scorecardInterview, submitScorecard } from '$lib/server/scorecards';
import { readJson } from '$lib/server/validate';
import { m } from '$lib/paraglide/messages';

/**
 * PUT /api/v1/interviews/{id}/scorecards/mine — creates (201) or replaces (200) the caller's
 * scorecard: `{rating: 1–5, recommendation: hire|proceed|maybe|reject, feedback?: ≤ 20,000 chars}`.
 */
export const PUT: RequestHandler = defineRoute(
	{
		operationId: 'submitScorecard',
		tag: 'Scorecards',
		summary: 'Create or replace my scorecard',
		description:
			'Validated by `validateScorecard` in src/lib/domain/scorecards.ts, which this body schema describes (a rating given as a digit string is accepted too).',
		access: ['interviewer'],
		// Admins pass the first check and hear that only the panel submits (after the 404 of an unknown interview).
		admits: ['admin', 'interviewer'],
		who: 'Interviewers on its panel.',
		body: S.ScorecardBody,
		responses: {
			200: { description: 'Replaced; the scorecards this viewer may now see.', schema: S.ScorecardListResponse },
			201: { description: 'Created; the scorecards this viewer may now see.', schema: S.ScorecardListResponse }
		},
		errors: {
			...BODY,
			401: AUTH[401],
			403: 'Not a member of its panel (admins included).',
			404: 'No such interview in your organization.',
			409: 'The interview has not started yet (`details.rule` = `interview_not_started`, `details.opens_at` = its start): a scorecard judges what the panel has seen. Or an admin finalized the scorecards (`details.rule` = `finalized`).',
			422: 'A field is invalid (`details.fields`), or the interview was cancelled or a no-show (`details.rule` = `interview_not_held`).'
		}
	},
	async (event) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		const row = await scorecardInterview(event.locals.ctx.sql, actor, event.params.id);
		if (actor.role !== 'interviewer' || !onPanel(row, actor.user.id)) throw apiError.forbidden(m.api_panel_scorecard());
		const input = parseScorecard(await readJson(event.request, z.unknown()));
		const { created } = await submitScorecard(event.locals.ctx.sql, actor, row, input);
		return json(await listScorecards(event.locals.ctx.sql, actor, row), { status: created ? 201 : 200 });
	}
);
