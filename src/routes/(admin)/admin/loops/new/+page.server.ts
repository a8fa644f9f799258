import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { canBookApplication } from '$lib/domain/validation';
import { ApiError } from '$lib/server/errors';
import { readForm } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { loopSpecOf, searchLoop } from '$lib/server/loop-search';
import { whyLines } from '$lib/server/views/loops';
import { bookLoop } from '$lib/server/loops';
import { dayRange, firstIssue, loopFromForm } from '$lib/server/views/loops';
import { requestsPageFacts } from '$lib/server/views/requests';

/** How many starts the form lists. */
const SHOWN_STARTS = 40;

/** Booking a loop: describe it, find the starts at which the whole loop fits (a GET), book one (a POST). */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const { sql } = event.locals.ctx;
	const { timezone, apps, interviewers } = await requestsPageFacts(sql, actor.orgId);
	const q = event.url.searchParams;
	let starts: { start: string; sessions: string[] }[] | null = null;
	let searchError: string | null = null;
	let why: { date: string; lines: string[] }[] = [];
	if (q.get('find')) {
		const parsed = loopFromForm((k) => q.get(k), timezone);
		const range = dayRange((k) => q.get(k), timezone);
		if (!parsed.success) searchError = firstIssue(parsed.error.issues);
		else if (!range) searchError = m.loop_choose_range();
		else {
			try {
				const spec = loopSpecOf(parsed.data);
				const found = await searchLoop(sql, actor.orgId, spec, range);
				starts = found.starts.slice(0, SHOWN_STARTS);
				why = whyLines(found.whyNone(timezone), found.names);
			} catch (err) {
				if (!(err instanceof ApiError)) throw err;
				searchError = err.message;
			}
		}
	}
	return {
		timezone,
		applications: apps
			.filter((a) => canBookApplication({ status: a.status as never, interviewEnabled: a.interview_enabled }))
			.map((a) => ({ id: a.id, label: `${a.name} · ${a.cycle}`, online: a.online })),
		interviewers,
		values: Object.fromEntries(q),
		starts,
		searchError,
		why
	};
};

export const actions: Actions = {
	book: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const { timezone } = await requestsPageFacts(event.locals.ctx.sql, actor.orgId);
		const parsed = loopFromForm((k) => form.get(k), timezone);
		if (!form.get('start')) return fail(422, { message: m.loop_choose_time() });
		if (!parsed.success) return fail(422, { message: firstIssue(parsed.error.issues) });
		let id: string;
		try {
			id = (await bookLoop(event.locals.ctx, actor, { ...loopSpecOf(parsed.data), start: parsed.data.start })).id;
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { message: err.message });
			throw err;
		}
		redirect(303, `/admin/loops/${id}?booked=1`);
	}
};
