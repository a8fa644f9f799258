import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { apiError } from '$lib/server/errors';
import { loadSettings, meJson, saveSettings } from '$lib/server/profile';

/** GET /api/v1/me — the signed-in user with their memberships, time zone and working hours. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'me',
		tag: 'Me',
		summary: 'The signed-in person, their memberships, time zone and working hours',
		description:
			'With an API token, only the membership of the token’s organization is listed. `working_hours` are the person’s own (null: the organization’s default); `effective_working_hours` are the hours the slot finder and the scheduling form read them in, in their `timezone`.',
		access: 'signed_in',
		who: 'Anybody signed in, even without an organization.',
		responses: { 200: { description: 'The person.', schema: S.MeEnvelope } },
		errors: { 401: AUTH[401] }
	},
	async ({ locals }) => {
		if (!locals.user) throw apiError.unauthenticated();
		return meJson(locals.user, await loadSettings(locals.ctx.sql, locals.user));
	}
);

/** PATCH /api/v1/me — change one's own time zone or working hours (null: the organization's default). */
export const PATCH: RequestHandler = defineRoute(
	{
		operationId: 'updateMe',
		tag: 'Me',
		summary: 'Change my time zone or working hours',
		description:
			'Any subset of `timezone` (an IANA zone; its letter case is stored as zone lists spell it) and `working_hours` (`{weekdays, start_time, end_time}`: ISO weekdays 1 = Monday … 7 = Sunday on which a shift starts, local `HH:MM` times read in your zone; an end before the start is on the next day; at least 15 minutes). `working_hours: null` goes back to the organization’s default. Availability and the scheduling form use the new hours at once.',
		access: 'signed_in',
		who: 'Anybody signed in, for themselves; only admins and interviewers have working hours.',
		body: S.PatchMeBody,
		responses: { 200: { description: 'The person after the change.', schema: S.MeEnvelope } },
		errors: {
			...BODY,
			401: AUTH[401],
			403: 'A candidate, or somebody without an organization, sent `working_hours`.',
			422: 'A field is invalid or unknown, or names nothing to change; `details.fields` names each (e.g. `timezone`, `working_hours.end_time`).'
		}
	},
	async (event, input) => {
		const user = event.locals.user;
		if (!user) throw apiError.unauthenticated();
		const body = await input.body();
		const settings = await saveSettings(event.locals.ctx.sql, user, {
			timezone: body.timezone,
			workingHours: body.working_hours
		});
		return meJson(user, settings);
	}
);
