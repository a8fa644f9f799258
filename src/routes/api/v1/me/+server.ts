import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { fail } from '$lib/server/errors';
import { loadSettings, meJson, saveSettings } from '$lib/server/profile';
import { db } from '$lib/server/runtime';
import { PatchMeBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/me — the signed-in user with their memberships, time zone and working hours. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	if (!locals.user) throw fail.unauthenticated();
	return meJson(locals.user, await loadSettings(db(), locals.user));
});

/** PATCH /api/v1/me — change one's own time zone or working hours (null: the organization's default). */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const user = event.locals.user;
	if (!user) throw fail.unauthenticated();
	const body = await readJson(event.request, PatchMeBody);
	const settings = await saveSettings(db(), user, { timezone: body.timezone, workingHours: body.working_hours });
	return meJson(user, settings);
});
