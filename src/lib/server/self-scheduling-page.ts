/**
 * The candidate's page for a scheduling request, whether opened by the emailed link (`/s/{token}`)
 * or from their own page (`/me/requests/{id}`): what the page loads and what booking answers.
 */
import { fail } from '@sveltejs/kit';
import { ApiError } from './errors';
import { readForm } from './forms';
import type { AppContext } from './context';
import { bookRequest, type RequestRow } from './self-scheduling';
import { requestView } from './self-scheduling-view';
import { m } from '$lib/paraglide/messages';

/** Books the posted time; a refusal comes back as the page's `error` with the request as it is now. */
export async function bookFromPage(ctx: AppContext, request: Request, row: RequestRow) {
	const start = (await readForm(request)).get('start') ?? '';
	if (Number.isNaN(Date.parse(start))) return fail(422, { error: m.pick_choose_one() });
	try {
		await bookRequest(ctx, row.id, start);
		return { booked: true };
	} catch (err) {
		if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
			const taken = err.details.rule === 'slot_taken';
			return fail(err.status, {
				error: taken ? m.pick_taken() : err.message
			});
		}
		throw err;
	}
}

export { requestView };
