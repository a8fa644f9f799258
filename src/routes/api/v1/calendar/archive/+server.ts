import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { archiveNow, archiveStatus, setArchiveWindow } from '$lib/server/calendar-archive';
import { requireRole } from '$lib/server/guards';

const ABOUT =
	'The live calendar document holds the interviews that can still change. Interviews that ended more than `archive_after_days` ago (30 by default) and are completed, cancelled or no-show, and every rescheduled original, are archived once a day: they leave the document, which is compacted, and stay in the database, its lists and this API (`GET /interviews`, `GET /interviews/{id}` and their logs) as before.';

/** GET /api/v1/calendar/archive — the archive window and the state of the live calendar. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'getCalendarArchive',
		tag: 'Calendar rules',
		summary: 'The calendar archive',
		description: ABOUT,
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The window and the live calendar.', schema: S.ArchiveStatusResponse } },
		errors: { ...AUTH }
	},
	async (event) => archiveStatus(event.locals.ctx.sql, requireRole(event, 'admin'))
);

/** PUT /api/v1/calendar/archive — sets the archive window. */
export const PUT: RequestHandler = defineRoute(
	{
		operationId: 'setCalendarArchive',
		tag: 'Calendar rules',
		summary: 'Set the archive window',
		description: ABOUT,
		access: ['admin'],
		who: 'Admins.',
		body: S.ArchiveSettingsBody,
		responses: { 200: { description: 'The window now in force.', schema: S.ArchiveStatusResponse } },
		errors: { ...AUTH, ...BODY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		return setArchiveWindow(event.locals.ctx.sql, actor, body.archive_after_days);
	}
);

/** POST /api/v1/calendar/archive — archives what is due now instead of at the next daily pass. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'runCalendarArchive',
		tag: 'Calendar rules',
		summary: 'Archive now',
		description: `${ABOUT} This runs the pass now; open calendars move to the compacted document without losing an edit.`,
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'What the pass did.', schema: S.ArchiveRunResponse } },
		errors: { ...AUTH }
	},
	async (event) => archiveNow(event.locals.ctx, requireRole(event, 'admin'))
);
