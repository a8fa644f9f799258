import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { oneApplicationLogs } from '$lib/server/applications';
import { requireRole } from '$lib/server/guards';

/** GET /api/v1/applications/{id}/logs — the pipeline history of an application, oldest first. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'applicationLogs',
		tag: 'Applications',
		summary: 'The pipeline history of an application',
		description:
			'Oldest first: every status move, who made it, and for a decision made with no interview held (`override`) the reason given. Moves the interviews made (booked, or the last one cancelled) are `pipeline` entries with the system as actor.',
		access: ['admin'],
		who: 'Admins of its organization.',
		responses: { 200: { description: 'The log entries.', schema: S.ApplicationLogList } },
		errors: { ...AUTH, 404: 'No such application in your organization.' }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		return { data: await oneApplicationLogs(event.locals.ctx.sql, actor.orgId, event.params.id) };
	}
);
