import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { bookLoop } from '$lib/server/loops';

/** POST /api/v1/loops — books a candidate's sessions back to back in one step: all of them or none. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'bookLoop',
		tag: 'Interviews',
		summary: 'Book a loop: several sessions back to back, all or none',
		description:
			'The sessions follow each other from `start`, each after the previous one’s end and `break_min`, each the application’s next round. All are judged in one change of the calendar, each against the calendar and the sessions before it; if any is refused nothing is booked, and the answer names it (`details.session`, from 0). Each session is an ordinary interview (notified, audited, shown on the calendar).',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewLoopBody,
		responses: { 201: { description: 'Booked.', schema: S.LoopResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			409: 'A session would double-book someone; nothing was booked.',
			422: 'A session breaks a scheduling rule; nothing was booked.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const b = await input.body();
		const loop = await bookLoop(event.locals.ctx, actor, {
			applicationId: b.application_id,
			start: b.start,
			timezone: b.timezone,
			breakMin: b.break_min,
			mode: b.mode,
			location: b.location,
			sessions: b.sessions.map((s) => ({ panel: [...new Set(s.panel)], durationMin: s.duration_min, type: s.type }))
		});
		return json({ id: loop.id, interview_ids: loop.interviewIds }, { status: 201 });
	}
);
