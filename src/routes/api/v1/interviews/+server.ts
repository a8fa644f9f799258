import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY, QUERY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { findInterview, interviewJson, queryInterviews } from '$lib/server/interviews';
import { scheduleInterview } from '$lib/server/scheduling';

/** GET /api/v1/interviews — filtered, sorted and paged; interviewers see the interviews they sit on. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'listInterviews',
		tag: 'Interviews',
		summary: 'Interviews, filtered, sorted and paged',
		description:
			'`from`/`to` select interviews that overlap the range; `status` takes a comma-separated list; `q` matches the candidate’s name.',
		access: ['admin', 'interviewer'],
		who: 'Admins see the organization’s interviews; interviewers only those whose panel they sit on (`interviewer_id` is then ignored).',
		query: S.InterviewListQuery,
		responses: { 200: { description: 'One page of interviews.', schema: S.InterviewPage } },
		errors: { ...AUTH, ...QUERY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin', 'interviewer');
		const q = input.query();
		const { rows, total } = await queryInterviews(event.locals.ctx.sql, {
			orgId: actor.orgId,
			cycleId: q.cycle_id,
			status: q.status,
			from: q.from ? new Date(q.from) : undefined,
			to: q.to ? new Date(q.to) : undefined,
			candidateId: q.candidate_id,
			interviewerId: actor.role === 'interviewer' ? actor.user.id : q.interviewer_id,
			q: q.q,
			sort: q.sort,
			limit: q.page_size,
			offset: (q.page - 1) * q.page_size
		});
		return { data: rows.map(interviewJson), page: q.page, page_size: q.page_size, total };
	}
);

/** POST /api/v1/interviews — schedules an interview (admins). */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'scheduleInterview',
		tag: 'Interviews',
		summary: 'Schedule an interview',
		description:
			'Written into the organization’s calendar document, so live clients see it at once. Checked against the scheduling rules (start at least 2 h and at most 90 days ahead, 15–480 minutes, a panel of the organization’s interviewers, an eligible application, one active interview per application and round, online needs online enabled) and for double-bookings. Moves the application to `interview_scheduled`.',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewInterviewBody,
		responses: {
			201: {
				description: 'Scheduled.',
				schema: S.InterviewResponse,
				headers: { location: '/api/v1/interviews/{id}' }
			}
		},
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			409: 'A panel member or the candidate is already booked then; `details.conflicts` lists the clashing interviews.',
			422: 'A field is invalid (`details.fields`), or a scheduling rule is broken (`details.rule`, `details.problems`).'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		const id = await scheduleInterview(event.locals.ctx, actor.orgId, actor.user.id, {
			applicationId: body.application_id,
			start: body.start,
			durationMin: body.duration_min,
			timezone: body.timezone,
			type: body.type,
			mode: body.mode,
			location: body.location,
			round: body.round,
			panel: body.panel
		});
		const row = await findInterview(event.locals.ctx.sql, actor.orgId, id);
		return json(interviewJson(row!), { status: 201, headers: { location: `/api/v1/interviews/${id}` } });
	}
);
