import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { ARCHIVED, AUTH, BODY, NOT_VISIBLE } from '$lib/server/api-docs';
import { visibleInterview } from '$lib/server/access';
import { apiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { findInterview, interviewJson } from '$lib/server/interviews';
import { editInterview } from '$lib/server/scheduling';

/** GET /api/v1/interviews/{id} */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'getInterview',
		tag: 'Interviews',
		summary: 'One interview',
		description:
			'The interview as stored: time (UTC, with its own zone), type and mode, round, panel, status, and the booking rules it breaks now (`conflicts`: double bookings; `problems`: anything else the judge refuses), so a client can show what to resolve.',
		access: ['admin', 'interviewer'],
		who: 'Admins of its organization; interviewers on its panel. Candidates use `/api/v1/me/interviews`.',
		responses: { 200: { description: 'The interview.', schema: S.InterviewResponse } },
		errors: { ...AUTH, 404: NOT_VISIBLE }
	},
	async (event) => {
		const { row } = await visibleInterview(event, event.params.id);
		return interviewJson(row);
	}
);

/**
 * PATCH /api/v1/interviews/{id} — edits; a new start is a reschedule (admins). Also repairs a damaged
 * calendar entry ("needs repair"): the fields sent, over what still reads and the last stored state.
 */
export const PATCH: RequestHandler = defineRoute(
	{
		operationId: 'updateInterview',
		tag: 'Interviews',
		summary: 'Edit or reschedule an interview',
		description:
			'A new `start` or `duration_min` is a reschedule (the audit log keeps the old and new time). The same rules and double-booking checks as scheduling apply. `reason` alone changes nothing and is refused. It also repairs a calendar entry that needs repair (written malformed by a faulty client): the fields sent, over the fields that still read and the last stored state, are written back whole and checked by the same rules (as a booking when the entry was never stored); when something is still missing the answer is 422 with `details.rule` = `needs_repair` and `details.fields` naming it.',
		access: ['admin'],
		who: 'Admins.',
		body: S.PatchInterviewBody,
		responses: { 200: { description: 'The interview after the change.', schema: S.InterviewResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such interview in your organization.',
			409: `The change would double-book somebody (\`conflict\`; \`details.conflicts\` lists the clashing interviews). ${ARCHIVED}`,
			422: 'A field is invalid or unknown (`details.fields`), a scheduling rule is broken (`details.rule`), or a damaged entry still lacks fields (`details.rule` = `needs_repair`).'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		const { reason, duration_min, ...rest } = body;
		await editInterview(
			event.locals.ctx,
			actor.orgId,
			actor.user.id,
			event.params.id,
			{ ...rest, ...(duration_min !== undefined ? { durationMin: duration_min } : {}) },
			reason ?? null
		);
		const row = await findInterview(event.locals.ctx.sql, actor.orgId, event.params.id);
		if (!row) throw apiError.notFound('interview');
		return interviewJson(row);
	}
);
