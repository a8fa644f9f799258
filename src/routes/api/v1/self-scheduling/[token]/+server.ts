import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { fail } from '$lib/server/errors';
import { requestByToken } from '$lib/server/self-scheduling';
import { requestView } from '$lib/server/self-scheduling-view';

/** GET /api/v1/self-scheduling/{token} — the request a candidate's link opens, with the free times. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'openSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'The request a candidate’s link opens, with its free times',
		description:
			'The token is the last part of the emailed link. `slots` are the free times now, in UTC; show them in `timezone`. A used, withdrawn or expired request says so in `state` and offers none.',
		access: 'public',
		who: 'Anybody with the link.',
		responses: { 200: { description: 'The request.', schema: S.SelfSchedulingResponse } },
		errors: { 404: 'No request has this token.' }
	},
	async (event) => {
		const row = await requestByToken(event.locals.ctx.sql, event.params.token);
		if (!row) throw fail.notFound('scheduling_request');
		event.setHeaders({ 'cache-control': 'no-store' });
		return requestView(event.locals.ctx.sql, row);
	}
);
