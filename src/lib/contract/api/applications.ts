/** zod schemas of applications as the API answers them: the application and its pipeline history. */
import { z } from 'zod';
import { APPLICATION_STATUS } from './requests';
import { listOf, paged, PersonRef } from './responses';

const utc = z.iso.datetime().describe('UTC instant, ISO-8601 with Z');

export const ApplicationResponse = z.object({
	id: z.uuid(),
	cycle_id: z.uuid(),
	candidate: PersonRef.extend({ email: z.string() }),
	status: APPLICATION_STATUS,
	interview_enabled: z.boolean(),
	online_interview_enabled: z.boolean(),
	created_at: utc,
	updated_at: utc
});
export const ApplicationPage = paged(ApplicationResponse);
export const ApplicationLogEntry = z.object({
	id: z.number().int(),
	action: z
		.enum(['moved', 'override', 'pipeline'])
		.describe(
			'`moved` by an admin; `override`: decided with no interview held, with the reason; `pipeline`: by its interviews'
		),
	from_status: APPLICATION_STATUS,
	to_status: APPLICATION_STATUS,
	actor: PersonRef.nullable().describe('null for the system'),
	reason: z.string().nullable(),
	created_at: utc
});
export const ApplicationLogList = listOf(ApplicationLogEntry);
