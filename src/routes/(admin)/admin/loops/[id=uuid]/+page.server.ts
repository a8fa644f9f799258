import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { ApiError } from '$lib/server/errors';
import { readForm } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { loopLogs } from '$lib/server/loop-logs';
import { loopJson, searchLoop } from '$lib/server/loop-search';
import { cancelLoop, moveLoop, readLoop, specOf } from '$lib/server/loops';
import { dayRange, whyLines } from '$lib/server/views/loops';
import { orgTimezone } from '$lib/server/views/requests';

/** One loop: its sessions together, its history; moving it as a unit (find a time, give a reason) or cancelling it. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const { sql } = event.locals.ctx;
	const loop = await readLoop(event.locals.ctx, actor, event.params.id).catch((err) => {
		if (err instanceof ApiError && err.code === 'not_found') redirect(303, '/admin/calendar');
		throw err;
	});
	const timezone = await orgTimezone(sql, actor.orgId);
	const q = event.url.searchParams;
	let starts: { start: string; sessions: string[] }[] | null = null;
	let searchError: string | null = null;
	let why: { date: string; lines: string[] }[] = [];
	if (q.get('find')) {
		const range = dayRange((k) => q.get(k), timezone);
		if (!range) searchError = m.loop_choose_range();
		else {
			try {
				const found = await searchLoop(sql, actor.orgId, specOf(loop), range, {
					ids: loop.sessions.map((s) => s.id),
					rounds: loop.sessions.map((s) => s.round)
				});
				starts = found.starts.slice(0, 40);
				// Nowhere to move it: what blocks each day, as the new-loop form says.
				why = whyLines(found.whyNone(timezone), found.names);
			} catch (err) {
				if (!(err instanceof ApiError)) throw err;
				searchError = err.message;
			}
		}
	}
	const history = await loopLogs(sql, actor, loop.id);
	return { loop: loopJson(loop), timezone, values: Object.fromEntries(q), starts, searchError, why, history };
};

export const actions: Actions = {
	move: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const start = form.get('start') ?? '';
		const reason = (form.get('reason') ?? '').trim();
		if (!start) return fail(422, { message: m.loop_choose_time() });
		if (!reason) return fail(422, { message: m.loop_say_why_move() });
		try {
			await moveLoop(event.locals.ctx, actor, event.params.id, { start, reason });
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { message: err.message });
			throw err;
		}
		redirect(303, `/admin/loops/${event.params.id}?moved=1`);
	},
	cancel: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const reason = (form.get('reason') ?? '').trim();
		if (!reason) return fail(422, { message: m.loop_say_why_cancel() });
		try {
			await cancelLoop(event.locals.ctx, actor, event.params.id, reason);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { message: err.message });
			throw err;
		}
		redirect(303, `/admin/loops/${event.params.id}?cancelled=1`);
	}
};
