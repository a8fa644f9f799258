import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { createRequest, requestJson, requestOfOrg, requestsOfOrg } from '$lib/server/self-scheduling';

/** GET /api/v1/scheduling-requests — the organization's scheduling requests, newest first. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listSchedulingRequests',
		tag: 'Self-scheduling',
		summary: 'The organization’s scheduling requests',
		description: 'Newest first, at most 200, each with its state now (`open`, `booked`, `expired`, `cancelled`).',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The requests.', schema: S.SchedulingRequestList } },
		errors: { ...AUTH }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		const now = new Date();
		return { data: (await requestsOfOrg(event.locals.ctx.sql, actor.orgId)).map((r) => requestJson(r, now)) };
	}
);

/** POST /api/v1/scheduling-requests — asks a candidate to pick their interview time; emails them the link. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'createSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'Ask a candidate to pick their interview time',
		description:
			'For one application and round, a panel, a duration and a window (at most 62 days), optionally a deadline. The candidate gets an email with a personal link (no password needed) and also finds the request on their page; they see the panel’s free times in their own zone, as `GET /availability` computes them, and book one through the calendar like any booking. An open request for the same application and round is replaced.',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewSchedulingRequestBody,
		responses: { 201: { description: 'Sent.', schema: S.NewSchedulingRequestResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			422: 'A field is invalid (`details.fields`), the application cannot be interviewed, or the round already has an interview.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const b = await input.body();
		const made = await createRequest(
			event.locals.ctx,
			actor,
			{
				applicationId: b.application_id,
				round: b.round,
				panel: [...new Set(b.panel)],
				pool: { members: b.pool, count: b.pool_count },
				durationMin: b.duration_min,
				type: b.type,
				mode: b.mode,
				location: b.location,
				windowStart: new Date(b.window_start),
				windowEnd: new Date(b.window_end),
				deadline: b.deadline ? new Date(b.deadline) : null
			},
			event.locals.ctx.origin ?? event.url.origin
		);
		const row = await requestOfOrg(event.locals.ctx.sql, actor.orgId, made.id);
		return json({ ...requestJson(row!), url: made.url, expires_at: made.expiresAt.toISOString() }, { status: 201 });
	}
);
