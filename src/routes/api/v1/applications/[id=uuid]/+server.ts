import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { applicationJson, patchApplication, queryApplications } from '$lib/server/applications';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { PatchApplicationBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** PATCH /api/v1/applications/{id} — pipeline moves and the two interview flags (admins). */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const body = await readJson(event.request, PatchApplicationBody);
	await patchApplication(db(), actor.orgId, event.params.id, body);
	const { rows } = await queryApplications(db(), { orgId: actor.orgId, id: event.params.id });
	return applicationJson(rows[0]!);
});
