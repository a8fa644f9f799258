import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { canBookApplication } from '$lib/domain/validation';
import { zonedWallTimeToUtc } from '$lib/domain/time';
import { ApiError } from '$lib/server/errors';
import { readForm } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { NewSchedulingRequestBody } from '$lib/contract/api';
import { cancelRequest, createRequest, requestsOfOrg, stateOf } from '$lib/server/self-scheduling';
import { decideChange, pendingChanges } from '$lib/server/candidate-changes';
import { orgTimezone, requestsPageFacts } from '$lib/server/views/requests';
import { formFieldErrors } from '$lib/server/field-errors';

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const sql = event.locals.ctx.sql;
	const { timezone, apps, interviewers } = await requestsPageFacts(sql, actor.orgId);
	const names = new Map([...apps.map((a) => [a.id, a.name] as const)]);
	const now = new Date();
	return {
		timezone,
		applications: apps
			.filter((a) => canBookApplication({ status: a.status as never, interviewEnabled: a.interview_enabled }))
			.map((a) => ({ id: a.id, label: `${a.name} · ${a.cycle}`, online: a.online })),
		interviewers,
		requests: (await requestsOfOrg(sql, actor.orgId)).map((r) => ({
			id: r.id,
			candidate: names.get(r.application_id) ?? '',
			round: r.round,
			duration_min: r.duration_min,
			window_start: r.window_start.toISOString(),
			window_end: r.window_end.toISOString(),
			state: stateOf(r, now),
			interview_id: r.interview_id
		})),
		changes: (await pendingChanges(sql, actor.orgId)).map((c) => ({
			id: c.id,
			interview_id: c.interview_id,
			candidate: c.candidate_name,
			kind: c.kind,
			reason: c.reason,
			start: c.start_at.toISOString(),
			new_start: c.new_start?.toISOString() ?? null
		}))
	};
};

export const actions: Actions = {
	send: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const values = Object.fromEntries(form);
		const zone = await orgTimezone(event.locals.ctx.sql, actor.orgId);
		// Whole days in the organization's zone: the window runs from the first day's start to the last day's end.
		const day = (ymd: string | undefined, next = false) => {
			if (!ymd || !/^\d{4}-\d\d-\d\d$/.test(ymd)) return undefined;
			const d = new Date(`${ymd}T00:00:00Z`);
			if (next) d.setUTCDate(d.getUTCDate() + 1);
			return zonedWallTimeToUtc(d.toISOString().slice(0, 10), '00:00', zone).toISOString();
		};
		const parsed = NewSchedulingRequestBody.safeParse({
			application_id: form.get('application_id'),
			round: Number(form.get('round') || 1),
			panel: [...form.entries()].filter(([k]) => k.startsWith('panel_')).map(([, v]) => v),
			pool: [...form.entries()].filter(([k]) => k.startsWith('pool_') && k !== 'pool_count').map(([, v]) => v),
			pool_count: [...form.keys()].some((k) => k.startsWith('pool_') && k !== 'pool_count')
				? Number(form.get('pool_count') || 1)
				: 0,
			duration_min: Number(form.get('duration_min')),
			type: form.get('mode') === 'offline' ? 'in_person' : 'video',
			mode: form.get('mode'),
			location: form.get('location') ?? '',
			window_start: day(form.get('from')),
			window_end: day(form.get('to'), true),
			...(form.get('deadline') ? { deadline: day(form.get('deadline'), true) } : {})
		});
		if (!parsed.success) {
			const fields = formFieldErrors(parsed.error);
			return fail(422, { values, fields, message: null, url: null });
		}
		const b = parsed.data;
		try {
			const made = await createRequest(
				event.locals.ctx,
				actor,
				{
					applicationId: b.application_id,
					round: b.round,
					panel: [...new Set(b.panel)],
					pool: { members: b.pool, count: b.pool_count },
					durationMin: b.duration_min,
					type: b.type,
					mode: b.mode,
					location: b.location,
					windowStart: new Date(b.window_start),
					windowEnd: new Date(b.window_end),
					deadline: b.deadline ? new Date(b.deadline) : null
				},
				event.url.origin
			);
			return { values: {}, fields: {}, message: m.req_sent_ok(), url: made.url };
		} catch (err) {
			if (err instanceof ApiError && (err.status === 422 || err.status === 404)) {
				const fields = (err.details.fields ?? {}) as Record<string, string>;
				return fail(err.status, { values, fields, message: err.message, url: null });
			}
			throw err;
		}
	},
	/** Approves (the change is made, judged again) or declines a candidate's request. */
	decide: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const id = z.uuid().safeParse(form.get('id'));
		if (!id.success) return fail(404, { values: {}, fields: {}, message: m.req_unknown(), url: null });
		const approve = form.get('decision') === 'approve';
		try {
			const done = await decideChange(event.locals.ctx, actor, id.data, {
				approve,
				note: (form.get('note') ?? '').trim() || null
			});
			const message = done === 'applied' ? m.req_approved() : m.req_declined();
			return { values: {}, fields: {}, message, url: null, decided: true };
		} catch (err) {
			if (err instanceof ApiError && [404, 409, 422].includes(err.status))
				return fail(err.status, { values: {}, fields: {}, message: err.message, url: null });
			throw err;
		}
	},
	cancel: async (event) => {
		const actor = requireRole(event, 'admin');
		const id = z.uuid().safeParse((await readForm(event.request)).get('id'));
		if (!id.success || !(await cancelRequest(event.locals.ctx.sql, actor, id.data)))
			return fail(404, { values: {}, fields: {}, message: m.req_not_open(), url: null });
		return { values: {}, fields: {}, message: m.req_withdrawn(), url: null };
	}
};
