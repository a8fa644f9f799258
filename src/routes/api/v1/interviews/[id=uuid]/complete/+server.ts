import * as S from '$lib/contract/api';
import { ARCHIVED, AUTH, NOT_VISIBLE } from '$lib/server/api-docs';
import { statusEndpoint } from '$lib/server/status-endpoint';

/** POST /api/v1/interviews/{id}/complete — marks it completed (admins and the panel). */
export const POST = statusEndpoint(
	{
		operationId: 'completeInterview',
		tag: 'Interviews',
		summary: 'Mark an interview completed',
		description: 'From scheduled, in progress, or (as a correction) no-show. No body.',
		access: ['admin', 'interviewer'],
		who: 'Admins; interviewers on its panel.',
		responses: { 200: { description: 'The completed interview.', schema: S.InterviewResponse } },
		errors: {
			...AUTH,
			404: NOT_VISIBLE,
			409: ARCHIVED,
			422: 'The status machine does not allow it (`details.rule` = `invalid_transition`).'
		}
	},
	'completed'
);
