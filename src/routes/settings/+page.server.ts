import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isUuid } from '$lib/domain/ids';
import { isValidTimeZone } from '$lib/domain/time';
import { validateWorkingHours, type WorkingHoursField } from '$lib/domain/working-hours';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/api-tokens';
import { readForm } from '$lib/server/forms';
import { requireRole, requireUser } from '$lib/server/guards';
import { EMAIL_OPTIONAL } from '$lib/contract/notifications';
import { ApiError } from '$lib/server/errors';
import { createFeed, feedStatus, revokeFeed } from '$lib/server/notifications/feed';
import { kindsFor, loadPreferences, savePreferences } from '$lib/server/notifications/preferences';
import { hasWorkingHours, loadSettings, saveSettings } from '$lib/server/profile';
import { parseLimit, type OwnLoadLimit } from '$lib/domain/load';
import { MAX_LOAD_LIMIT } from '$lib/domain/policy';
import { ownLoad, setOwnLoadLimit } from '$lib/server/calendar-rules';
import { loadLanguage, saveOrgLanguage, saveOwnLanguage } from '$lib/server/language';
import { asLocale, LOCALE_COOKIE } from '$lib/i18n/locale';
import { m } from '$lib/paraglide/messages';

/** Every zone this server knows, plus UTC (which Intl does not list). */
function knownZones(): string[] {
	const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
	return [...new Set(['UTC', ...listed])].sort();
}

export const load: PageServerLoad = async (event) => {
	const actor = requireUser(event);
	const settings = await loadSettings(event.locals.ctx.sql, actor.user);
	return {
		role: actor.role,
		zones: knownZones(),
		timezone: settings.timezone,
		orgTimezone: settings.orgTimezone,
		ownHours: settings.workingHours,
		orgHours: settings.orgWorkingHours,
		effectiveHours: settings.effectiveWorkingHours,
		hasWorkingHours: hasWorkingHours(actor.user),
		preferences: await loadPreferences(event.locals.ctx.sql, actor),
		language: await loadLanguage(event.locals.ctx.sql, actor),
		feed: actor.role === 'admin' ? null : await feedStatus(event.locals.ctx.sql, actor),
		loadLimits: actor.role === 'interviewer' ? await ownLoad(event.locals.ctx.sql, actor.orgId, actor.user.id) : null,
		tokens:
			actor.role === 'admin'
				? (await listApiTokens(event.locals.ctx.sql, actor.user.id, actor.orgId)).map((t) => ({
						id: t.id,
						name: t.name,
						created_at: t.created_at.toISOString(),
						last_used_at: t.last_used_at?.toISOString() ?? null,
						revoked_at: t.revoked_at?.toISOString() ?? null
					}))
				: null
	};
};

/** What the form posted, handed back so a refused form keeps what the person typed. */
interface Values {
	timezone: string;
	hours: 'default' | 'own';
	start_time: string;
	end_time: string;
	weekdays: number[];
}

/** A working-hours rule broken, said in the page's language (the domain's phrase names the rule). */
function hoursError(field: WorkingHoursField, phrase: string): string {
	if (field === 'weekdays') return m.settings_days_error();
	if (field === 'start_time') return m.settings_start_error();
	return phrase.startsWith('must be at least') ? m.settings_shift_error() : m.settings_end_error();
}

export const actions: Actions = {
	save: async (event) => {
		const actor = requireUser(event);
		const form = await readForm(event.request);
		const values: Values = {
			timezone: (form.get('timezone') ?? '').trim(),
			hours: form.get('hours') === 'own' ? 'own' : 'default',
			// A time input may send seconds ("09:00:00"); the hours keep minutes.
			start_time: (form.get('start_time') ?? '').trim().replace(/^(\d\d:\d\d):00$/, '$1'),
			end_time: (form.get('end_time') ?? '').trim().replace(/^(\d\d:\d\d):00$/, '$1'),
			weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => form.has(`day_${d}`))
		};
		const fields: Partial<Record<'timezone' | WorkingHoursField, string>> = {};
		if (!isValidTimeZone(values.timezone)) fields.timezone = m.settings_choose_zone();

		const withHours = hasWorkingHours(actor.user);
		let own = null;
		if (withHours && values.hours === 'own') {
			const checked = validateWorkingHours({
				startTime: values.start_time,
				endTime: values.end_time,
				weekdays: values.weekdays
			});
			if (checked.ok) own = checked.value;
			else
				for (const [field, message] of Object.entries(checked.errors) as [WorkingHoursField, string][]) {
					const empty = field !== 'weekdays' && values[field] === '';
					fields[field] = empty ? m.settings_enter_time() : hoursError(field, message);
				}
		}
		if (Object.keys(fields).length > 0) return fail(422, { values, fields, message: null });

		await saveSettings(event.locals.ctx.sql, actor.user, {
			timezone: values.timezone,
			...(withHours ? { workingHours: own } : {})
		});
		return {
			values,
			fields: {},
			message: withHours ? m.settings_saved_hours() : m.settings_saved_zone()
		};
	},
	/**
	 * The person's language (empty: the organization's default) and, for admins, the organization's.
	 * This very answer is drawn in the new language.
	 */
	language: async (event) => {
		const actor = requireUser(event);
		const form = await readForm(event.request);
		const ownValue = form.get('own') ?? '';
		const own = ownValue === '' ? null : asLocale(ownValue);
		const orgValue = form.get('org');
		const org = orgValue === undefined ? null : asLocale(orgValue);
		if ((ownValue !== '' && !own) || (orgValue !== undefined && !org) || (org && actor.role !== 'admin'))
			return fail(422, { languageError: m.settings_language_invalid() });
		const { sql } = event.locals.ctx;
		await saveOwnLanguage(sql, actor, own);
		if (org) await saveOrgLanguage(sql, actor, org);
		// The account holds the choice from now on: the sign-in page's switch no longer decides.
		event.cookies.delete(LOCALE_COOKIE, { path: '/' });
		event.locals.locale = own ?? (await loadLanguage(sql, actor)).orgDefault;
		return { languageSaved: true };
	},
	/** Which notifications also come by email: a checkbox per kind the person receives. */
	notifications: async (event) => {
		const actor = requireUser(event);
		const form = await readForm(event.request);
		const email = Object.fromEntries(kindsFor(actor.role).map((k) => [k, form.has(`email_${k}`)]));
		const unknown = [...form.keys()].filter(
			(k) => k.startsWith('email_') && !EMAIL_OPTIONAL.some((o) => `email_${o}` === k)
		);
		if (unknown.length) return fail(422, { notificationsError: m.settings_unknown_notification() });
		await savePreferences(event.locals.ctx.sql, actor, email);
		return { notificationsSaved: true };
	},
	/** An interviewer's own load limits, or back to the organization's. */
	load: async (event) => {
		const actor = requireRole(event, 'interviewer');
		const form = await readForm(event.request);
		let own: OwnLoadLimit | null = null;
		if (form.get('mode') === 'own') {
			const day = parseLimit(form.get('per_day') ?? '');
			const week = parseLimit(form.get('per_week') ?? '');
			if (!day.ok || !week.ok)
				return fail(422, {
					loadErrors: {
						...(day.ok ? {} : { per_day: m.load_error({ max: MAX_LOAD_LIMIT }) }),
						...(week.ok ? {} : { per_week: m.load_error({ max: MAX_LOAD_LIMIT }) })
					}
				});
			own = { perDay: day.value, perWeek: week.value };
		}
		await setOwnLoadLimit(event.locals.ctx.sql, actor, actor.user.id, own);
		return { loadSaved: true };
	},
	/** A new calendar feed URL (the previous one stops working); shown in this answer only. */
	createFeed: async (event) => {
		const actor = requireUser(event);
		try {
			return { feedUrl: (await createFeed(event.locals.ctx.sql, actor, event.url.origin)).url };
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { feedError: err.message });
			throw err;
		}
	},
	/** Revokes the calendar feed: its URL answers 404 from now on. */
	revokeFeed: async (event) => {
		const actor = requireUser(event);
		await revokeFeed(event.locals.ctx.sql, actor);
		return { feedRevoked: true };
	},
	/** Creates a personal API token (admins); its secret is shown in this answer only. */
	createToken: async (event) => {
		const actor = requireRole(event, 'admin');
		const name = ((await readForm(event.request)).get('name') ?? '').trim();
		if (!name) return fail(422, { tokenError: 'Give the token a name, such as the script that will use it.' });
		if (name.length > 100) return fail(422, { tokenError: 'A token name has at most 100 characters.' });
		const created = await createApiToken(event.locals.ctx.sql, actor.user.id, actor.orgId, name);
		return { createdToken: { name: created.name, token: created.token } };
	},
	/** Revokes one of the admin's tokens at once. */
	revokeToken: async (event) => {
		const actor = requireRole(event, 'admin');
		const id = (await readForm(event.request)).get('id') ?? '';
		const ok = isUuid(id) && (await revokeApiToken(event.locals.ctx, actor.user.id, actor.orgId, id));
		if (!ok) return fail(404, { tokenError: 'That token was not found.' });
		return { revokedToken: true };
	}
};
