import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { BODY } from '$lib/server/api-docs';
import { json } from '@sveltejs/kit';
import { fail } from '$lib/server/errors';
import { bookRequest, requestByToken } from '$lib/server/self-scheduling';
import { requestView } from '$lib/server/self-scheduling-view';

/** POST /api/v1/self-scheduling/{token}/book — books one of the offered times; one grab of a time wins. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'bookSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'Book one of the offered times',
		description:
			'Bookings of an organization are taken one at a time (across app instances too) and judged against the stored calendar: of two candidates who grab the same panel time at once exactly one gets it. The other gets 409 `slot_taken` with fresh times in `details.slots`.',
		access: 'public',
		who: 'Anybody with the link.',
		body: S.BookSlotBody,
		responses: {
			201: { description: 'Booked: the request, now with its interview.', schema: S.SelfSchedulingResponse }
		},
		errors: {
			...BODY,
			404: 'No request has this token.',
			409: 'The time was taken meanwhile (`details.rule` = `slot_taken`, fresh `details.slots`), or the request was used, withdrawn or has expired (`request_booked`, `request_cancelled`, `request_expired`).',
			422: 'The booking breaks a scheduling rule (as `POST /interviews` answers).'
		}
	},
	async (event, input) => {
		const row = await requestByToken(event.locals.ctx.sql, event.params.token);
		if (!row) throw fail.notFound('scheduling_request');
		const { start } = await input.body();
		await bookRequest(event.locals.ctx, row.id, start);
		const booked = await requestByToken(event.locals.ctx.sql, event.params.token);
		return json(await requestView(event.locals.ctx.sql, booked!), { status: 201 });
	}
);
