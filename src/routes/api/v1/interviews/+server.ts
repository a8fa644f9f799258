import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { findInterview, interviewJson, queryInterviews } from '$lib/server/interviews';
import { db } from '$lib/server/runtime';
import { scheduleInterview } from '$lib/server/scheduling';
import { InterviewListQuery, NewInterviewBody } from '$lib/server/schemas';
import { readJson, readQuery } from '$lib/server/validate';

/** GET /api/v1/interviews — filtered, sorted and paged; interviewers see the interviews they sit on. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin', 'interviewer');
	const q = readQuery(event.url, InterviewListQuery);
	const { rows, total } = await queryInterviews(db(), {
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
});

/** POST /api/v1/interviews — schedules an interview (admins). */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const body = await readJson(event.request, NewInterviewBody);
	const id = await scheduleInterview(actor.orgId, actor.user.id, {
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
	const row = await findInterview(db(), actor.orgId, id);
	return json(interviewJson(row!), { status: 201, headers: { location: `/api/v1/interviews/${id}` } });
});
