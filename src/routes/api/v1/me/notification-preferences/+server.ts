import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { loadPreferences, savePreferences } from '$lib/server/notifications/preferences';
import { db } from '$lib/server/runtime';
import { PatchPreferencesBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** GET /api/v1/me/notification-preferences — which kinds the signed-in person also gets by email. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	return loadPreferences(db(), actor);
});

/** PATCH /api/v1/me/notification-preferences — turns email on or off per kind (the inbox gets them all). */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const body = await readJson(event.request, PatchPreferencesBody);
	return savePreferences(db(), actor, body.email);
});
