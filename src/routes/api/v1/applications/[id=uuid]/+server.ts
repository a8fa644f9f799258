import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { APPLICATION_MOVES } from '$lib/domain/applications';
import { applicationJson, patchApplication, queryApplications } from '$lib/server/applications';
import { requireRole } from '$lib/server/guards';

/** PATCH /api/v1/applications/{id} — pipeline moves and the two interview flags (admins). */
export const PATCH: RequestHandler = defineRoute(
	{
		operationId: 'updateApplication',
		tag: 'Applications',
		summary: 'Move an application or switch its interview flags',
		description: `Status moves an admin may make: ${Object.entries(APPLICATION_MOVES)
			.map(([from, to]) => `${from} → ${to.join(' or ')}`)
			.join(
				'; '
			)}. An application becomes \`interview_scheduled\` only by scheduling an interview, and returns to \`selected\` when its last live interview is cancelled. Approving, and rejecting after the interview stage, need an interview that took place (completed, or past its end and not cancelled or missed); without one, \`override_reason\` decides anyway and is audited. A decided application keeps no upcoming interview: approving or rejecting one that has interviews not yet begun needs \`cancel_upcoming: true\`, which cancels them (each cancellation audited, the candidate and the panel told).`,
		access: ['admin'],
		who: 'Admins.',
		body: S.PatchApplicationBody,
		responses: { 200: { description: 'The application after the change.', schema: S.ApplicationResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			409: 'Approve or reject with no interview held and no `override_reason` (`details.rule` = `no_interview_held`), or with upcoming interviews and no `cancel_upcoming` (`details.rule` = `upcoming_interviews`, `details.interviews`).',
			503: 'The decision is saved but an upcoming interview could not be cancelled; the same request again finishes the job.',
			422: 'A field is invalid (`details.fields`), or the status move is not allowed (`details.rule` = `invalid_status_move`).'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		await patchApplication(event.locals.ctx, actor, event.params.id, body);
		const { rows } = await queryApplications(event.locals.ctx.sql, { orgId: actor.orgId, id: event.params.id });
		return applicationJson(rows[0]!);
	}
);
