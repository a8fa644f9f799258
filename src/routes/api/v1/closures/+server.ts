import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { addClosure, closureJson, closuresAnswer } from '$lib/server/calendar-rules';
import { requireRole } from '$lib/server/guards';

/** GET /api/v1/closures — the organization's holidays and blackout dates. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listClosures',
		tag: 'Calendar rules',
		summary: 'Holidays and blackout dates',
		description:
			'Whole days, read in the organization’s zone, on which nothing is booked: the booking rules refuse an interview that touches one and the slot finder offers none.',
		access: ['admin', 'interviewer'],
		who: 'Admins and interviewers of the organization.',
		responses: { 200: { description: 'The closures, earliest first.', schema: S.ClosureList } },
		errors: { ...AUTH }
	},
	async (event) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		return closuresAnswer(event.locals.ctx.sql, actor.orgId);
	}
);

/** POST /api/v1/closures — adds a holiday or blackout; the judge and the slot finder respect it at once. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'createClosure',
		tag: 'Calendar rules',
		summary: 'Add a holiday or blackout date',
		description:
			'Applies at once to new bookings and moves; interviews already booked on those days stay as they are (the calendar shows them).',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewClosureBody,
		responses: { 201: { description: 'Added.', schema: S.ClosureResponse } },
		errors: {
			...AUTH,
			...BODY,
			422: 'A field is missing or invalid, the last day is before the first, or the run is longer than 366 days; `details.fields` names each.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		const created = await addClosure(event.locals.ctx.sql, actor, {
			kind: body.kind,
			name: body.name,
			startDate: body.start_date,
			endDate: body.end_date
		});
		return json(closureJson(created), { status: 201 });
	}
);
