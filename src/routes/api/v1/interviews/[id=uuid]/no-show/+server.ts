import * as S from '$lib/contract/api';
import { ARCHIVED, AUTH } from '$lib/server/api-docs';
import { statusEndpoint } from '$lib/server/status-endpoint';

/** POST /api/v1/interviews/{id}/no-show — records that the candidate did not come (admins). */
export const POST = statusEndpoint(
	{
		operationId: 'markNoShow',
		tag: 'Interviews',
		summary: 'Record that the candidate did not come',
		description: 'From scheduled or in progress. No body.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The interview, now no_show.', schema: S.InterviewResponse } },
		errors: {
			...AUTH,
			404: 'No such interview in your organization.',
			409: ARCHIVED,
			422: 'The status machine does not allow it (`details.rule` = `invalid_transition`).'
		}
	},
	'no_show'
);
