import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isValidTimeZone } from '$lib/domain/time';
import { validateWorkingHours, type WorkingHoursField } from '$lib/domain/working-hours';
import { readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { hasWorkingHours, loadSettings, saveSettings } from '$lib/server/profile';
import { db } from '$lib/server/runtime';

/** Every zone this server knows, plus UTC (which Intl does not list). */
function knownZones(): string[] {
	const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
	return [...new Set(['UTC', ...listed])].sort();
}

export const load: PageServerLoad = async (event) => {
	const actor = requireUser(event);
	const settings = await loadSettings(db(), actor.user);
	return {
		role: actor.role,
		zones: knownZones(),
		timezone: settings.timezone,
		orgTimezone: settings.orgTimezone,
		ownHours: settings.workingHours,
		orgHours: settings.orgWorkingHours,
		effectiveHours: settings.effectiveWorkingHours,
		hasWorkingHours: hasWorkingHours(actor.user)
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

/**
 * A domain message ("must name at least one day") as a sentence beside its field; a remark in
 * brackets is left out, as the hint under the fields says it.
 */
function sentence(message: string): string {
	const text = message.replace(/ \(.*\)$/, '');
	return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
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
		if (!isValidTimeZone(values.timezone)) fields.timezone = 'Choose a time zone from the list.';

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
					fields[field] = empty ? 'Enter a time.' : sentence(message);
				}
		}
		if (Object.keys(fields).length > 0) return fail(422, { values, fields, message: null });

		await saveSettings(db(), actor.user, {
			timezone: values.timezone,
			...(withHours ? { workingHours: own } : {})
		});
		return {
			values,
			fields: {},
			message: withHours
				? 'Saved. Scheduling now reads your working hours in your time zone.'
				: 'Saved. Times are shown in your time zone.'
		};
	}
};
