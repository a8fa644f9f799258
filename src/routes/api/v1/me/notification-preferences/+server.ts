import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { BODY, MEMBER } from '$lib/server/api-docs';
import { requireUser } from '$lib/server/guards';
import { loadPreferences, savePreferences } from '$lib/server/notifications/preferences';

/** GET /api/v1/me/notification-preferences — which kinds the signed-in person also gets by email. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'getNotificationPreferences',
		tag: 'Notifications',
		summary: 'Which notifications I also get by email',
		description:
			'`kinds` lists the notifications my role receives (candidates: schedule changes and reminders; interviewers: also panel changes and scorecard requests; admins: none).',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		responses: { 200: { description: 'My choices.', schema: S.PreferencesResponse } },
		errors: { ...MEMBER }
	},
	async (event) => {
		const actor = requireUser(event);
		return loadPreferences(event.locals.ctx.sql, actor);
	}
);

/** PATCH /api/v1/me/notification-preferences — turns email on or off per kind (the inbox gets them all). */
export const PATCH: RequestHandler = defineRoute(
	{
		operationId: 'setNotificationPreferences',
		tag: 'Notifications',
		summary: 'Turn email on or off per kind',
		description:
			'`{"email": {"reminder_24h": false}}`. Kinds not named keep their choice. The inbox gets every notification regardless. A kind my role does not receive is a 422.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		body: S.PatchPreferencesBody,
		responses: { 200: { description: 'My choices as now stored.', schema: S.PreferencesResponse } },
		errors: { ...MEMBER, ...BODY }
	},
	async (event, input) => {
		const actor = requireUser(event);
		const body = await input.body();
		return savePreferences(event.locals.ctx.sql, actor, body.email);
	}
);
