import * as S from '$lib/contract/api';
import { ARCHIVED, AUTH, BODY } from '$lib/server/api-docs';
import { statusEndpoint } from '$lib/server/status-endpoint';

/**
 * POST /api/v1/interviews/{id}/cancel — cancels; the reason is required (admins). A damaged calendar
 * entry is cancelled too; one that never reached the database is removed from the calendar.
 */
export const POST = statusEndpoint(
	{
		operationId: 'cancelInterview',
		tag: 'Interviews',
		summary: 'Cancel an interview',
		description:
			'Only a scheduled interview can be cancelled; the reason is required and lands in the audit log. A calendar entry that needs repair is cancelled too: rebuilt from what still reads and the last stored state; one that never reached the database (the calendar shows it, the API knows no interview by its id) is removed from the calendar, answered with 204.',
		access: ['admin'],
		who: 'Admins.',
		body: S.ReasonBody,
		responses: {
			200: { description: 'The cancelled interview.', schema: S.InterviewResponse },
			204: { description: 'A damaged entry that was never stored: removed from the calendar.' }
		},
		errors: {
			...AUTH,
			...BODY,
			404: 'No such interview in your organization.',
			409: ARCHIVED,
			422: 'No reason (`details.fields.reason`), or the status machine does not allow it (`details.rule` = `invalid_transition`).'
		}
	},
	'cancelled'
);
