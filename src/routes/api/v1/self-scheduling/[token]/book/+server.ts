import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { db, runtime } from '$lib/server/runtime';
import { BookSlotBody } from '$lib/server/schemas';
import { bookRequest, requestByToken } from '$lib/server/self-scheduling';
import { requestView } from '$lib/server/self-scheduling-view';
import { readJson } from '$lib/server/validate';

/** POST /api/v1/self-scheduling/{token}/book — books one of the offered times; one grab of a time wins. */
export const POST: RequestHandler = endpoint(async (event) => {
	const row = await requestByToken(db(), event.params.token);
	if (!row) throw fail.notFound('The scheduling request');
	const { start } = await readJson(event.request, BookSlotBody);
	const rt = runtime();
	await bookRequest({ sql: db(), bus: rt.bus, kind: rt.db.kind }, row.id, start);
	const booked = await requestByToken(db(), event.params.token);
	return json(await requestView(db(), booked!), { status: 201 });
});
