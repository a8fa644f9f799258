import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { MAX_LOAD_LIMIT } from '$lib/domain/policy';
import { formatFor } from '$lib/format/dates';
import { formatLocaleOf } from '$lib/i18n/locale';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { parseLimit, type OwnLoadLimit } from '$lib/domain/load';
import {
	addClosure,
	removeClosure,
	setDefaultLoadLimit,
	setOwnLoadLimit,
	setPoolPreference
} from '$lib/server/calendar-rules';
import { ApiError } from '$lib/server/errors';
import { readForm } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { rulesPage } from '$lib/server/views/rules';

export const load: PageServerLoad = async (event) => rulesPage(event.locals.ctx.sql, requireRole(event, 'admin'));

/** "Must be …" as a sentence beside its field. */
const sentence = (message: string) => `${message[0]!.toUpperCase()}${message.slice(1)}.`;

/** Both limits of a form, or a message per field. */
function readLimits(
	form: Map<string, string>
): { perDay: number | null; perWeek: number | null } | Record<string, string> {
	const day = parseLimit(form.get('per_day') ?? '');
	const week = parseLimit(form.get('per_week') ?? '');
	if (day.ok && week.ok) return { perDay: day.value, perWeek: week.value };
	return {
		...(day.ok ? {} : { per_day: m.load_error({ max: MAX_LOAD_LIMIT }) }),
		...(week.ok ? {} : { per_week: m.load_error({ max: MAX_LOAD_LIMIT }) })
	};
}

export const actions: Actions = {
	addClosure: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const values = Object.fromEntries(form);
		try {
			const c = await addClosure(event.locals.ctx.sql, actor, {
				kind: form.get('kind'),
				name: form.get('name') ?? '',
				startDate: form.get('start_date') ?? '',
				endDate: form.get('end_date') ?? ''
			});
			const days = formatFor(formatLocaleOf(getLocale()), 'UTC').dayRange(c.startDate, c.endDate);
			return { closure: { message: m.rules_closure_added({ name: c.name, days }) } };
		} catch (err) {
			if (err instanceof ApiError && err.code === 'validation_failed') {
				const fields = Object.fromEntries(
					Object.entries((err.details?.fields ?? {}) as Record<string, string>).map(([k, v]) => [k, sentence(v)])
				);
				return fail(422, { closure: { values, fields } });
			}
			throw err;
		}
	},
	removeClosure: async (event) => {
		const actor = requireRole(event, 'admin');
		const id = z.uuid().safeParse((await readForm(event.request)).get('id'));
		if (!id.success || !(await removeClosure(event.locals.ctx.sql, actor, id.data)))
			return fail(404, { closure: { message: m.rules_closure_gone() } });
		return { closure: { message: m.rules_closure_removed() } };
	},
	setDefault: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const limits = readLimits(form);
		if (!('perDay' in limits)) return fail(422, { defaults: { values: Object.fromEntries(form), fields: limits } });
		await setDefaultLoadLimit(event.locals.ctx.sql, actor, limits as { perDay: number | null; perWeek: number | null });
		return { defaults: { message: m.rules_default_saved() } };
	},
	setPoolPreference: async (event) => {
		const actor = requireRole(event, 'admin');
		const prefer = (await readForm(event.request)).get('pool_preference');
		try {
			await setPoolPreference(event.locals.ctx.sql, actor, prefer);
		} catch (err) {
			if (err instanceof ApiError && err.code === 'validation_failed')
				return fail(422, { pools: { message: null, error: m.rules_pools_choose() } });
			throw err;
		}
		return { pools: { message: m.rules_pools_saved(), error: null } };
	},
	setOwn: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const userId = z.uuid().safeParse(form.get('user_id'));
		if (!userId.success)
			return fail(404, { own: { userId: null, message: m.rules_unknown_interviewer(), fields: {} } });
		let own: OwnLoadLimit | null = null;
		if (form.get('mode') === 'own') {
			const limits = readLimits(form);
			if (!('perDay' in limits))
				return fail(422, { own: { userId: userId.data, message: null, fields: limits as Record<string, string> } });
			own = limits as OwnLoadLimit;
		}
		await setOwnLoadLimit(event.locals.ctx.sql, actor, userId.data, own);
		return { own: { userId: userId.data, message: m.notif_saved(), fields: {} } };
	}
};
