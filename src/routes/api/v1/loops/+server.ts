import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { bookLoop } from '$lib/server/loops';
import { loopSpecOf } from '$lib/server/loop-search';

/** POST /api/v1/loops — books a candidate's sessions back to back in one step: all of them or none. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'bookLoop',
		tag: 'Interviews',
		summary: 'Book a loop: several sessions back to back, all or none',
		description:
			'The sessions follow each other from `start`, each after the previous one’s end and `break_min`, each the application’s next round. With `split_after`, that many sessions take place on the first day and the rest on the next day (in `timezone`) from the same wall-clock time. All are judged in one change of the calendar, each against the calendar and the sessions before it; if any is refused nothing is booked, and the answer names it (`details.session`, from 0). Each session is an ordinary interview (notified, audited, shown on the calendar). `POST /api/v1/loops/availability` finds the starts at which the whole loop passes.',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewLoopBody,
		responses: { 201: { description: 'Booked.', schema: S.LoopResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			409: 'A session would double-book someone; nothing was booked.',
			422: 'A session breaks a scheduling rule, or `split_after` is not between 1 and the number of sessions less one; nothing was booked.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const b = await input.body();
		const loop = await bookLoop(event.locals.ctx, actor, { ...loopSpecOf(b), start: b.start });
		return json({ id: loop.id, interview_ids: loop.interviewIds }, { status: 201 });
	}
);
