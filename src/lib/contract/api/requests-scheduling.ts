/** zod schemas of self-scheduling's API: scheduling requests (admins) and the candidate's link. */
import { z } from 'zod';

const id = z
	.string()
	.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a uuid')
	.transform((s) => s.toLowerCase());
const instant = z.iso
	.datetime({ offset: true, message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-12-01T14:00:00Z' })
	.transform((s) => new Date(s).toISOString());
const utc = z.iso.datetime().describe('UTC instant, ISO-8601 with Z');
const STATE = z.enum(['open', 'booked', 'expired', 'cancelled']);

export const NewSchedulingRequestBody = z.object({
	application_id: id,
	round: z.number().int().min(1).max(20).default(1),
	panel: z.array(id).max(12, 'has at most 12 people').describe('The named interviewers (may be empty with a pool)'),
	pool: z
		.array(id)
		.max(30, 'has at most 30 people')
		.default([])
		.describe('A pool: `pool_count` of these join, whoever is free'),
	pool_count: z.number().int().min(0).max(5).default(0),
	duration_min: z.number().int('must be a whole number of minutes'),
	type: z.enum(['phone', 'video', 'in_person', 'technical', 'hr', 'final']),
	mode: z.enum(['online', 'offline']),
	location: z.string().max(500).default(''),
	window_start: instant.describe('The earliest start offered'),
	window_end: instant.describe('Every interview offered ends by then (at most 62 days after the start)'),
	deadline: instant.optional().describe('After this the link no longer books; the end of the window when left out')
});

export const SchedulingRequestResponse = z.object({
	id: z.uuid(),
	application_id: z.uuid(),
	candidate_id: z.uuid(),
	round: z.number().int(),
	panel: z.array(z.uuid()),
	pool: z.array(z.uuid()),
	pool_count: z.number().int(),
	duration_min: z.number().int(),
	type: z.string(),
	mode: z.string(),
	location: z.string(),
	window_start: utc,
	window_end: utc,
	deadline: utc.nullable(),
	state: STATE.describe('`expired` once the deadline (or the window) has passed unused'),
	interview_id: z.uuid().nullable(),
	created_at: utc,
	booked_at: utc.nullable()
});
export const SchedulingRequestList = z.object({ data: z.array(SchedulingRequestResponse) });
export const NewSchedulingRequestResponse = SchedulingRequestResponse.extend({
	url: z.string().describe('The candidate’s link (also emailed, through the outbox); shown once'),
	expires_at: utc
});
export const CancelledRequestResponse = z.object({ id: z.uuid(), state: z.literal('cancelled') });

export const SelfSchedulingResponse = z.object({
	id: z.uuid(),
	state: STATE,
	org_name: z.string(),
	round: z.number().int(),
	type: z.string(),
	mode: z.string(),
	location: z.string(),
	duration_min: z.number().int(),
	window_start: utc,
	window_end: utc,
	deadline: utc.nullable(),
	timezone: z.string().describe('The candidate’s zone, in which to show the times'),
	panel: z.array(z.object({ id: z.uuid(), name: z.string() })),
	pool: z
		.object({ count: z.number().int(), members: z.array(z.object({ id: z.uuid(), name: z.string() })) })
		.nullable()
		.describe('Some of a pool join the panel, whoever is free at the time picked'),
	why: z
		.array(z.object({ date: z.iso.date(), reasons: z.array(z.string()) }))
		.describe('When an open request has no free time left: why, day by day in `timezone`'),
	slots: z
		.array(z.object({ start: utc, end: utc }))
		.describe('Free times, earliest first; empty unless the request is open'),
	interview: z.object({ id: z.uuid(), start: utc, end: utc, status: z.string() }).nullable()
});
export const BookSlotBody = z.object({ start: instant.describe('One of the offered `slots[].start`') });

export const ChangeRequestBody = z.object({
	kind: z.enum(['reschedule', 'cancel']),
	reason: z.string().max(2000).describe('Why; required (the organization reads it)'),
	new_start: instant.optional().describe('For `reschedule`: one of the offered `times`')
});
const RULE = z.object({ allowed: z.boolean(), rule: z.string().nullable(), message: z.string().nullable() });
export const ChangeOptionsResponse = z.object({
	deadline: utc.describe('Requests are taken until then (the cut-off before the start)'),
	moves_left: z.number().int().describe('How many more times this application’s interviews may be moved'),
	auto_approve: z.boolean().describe('True: a request is carried out at once; false: an admin decides'),
	reschedule: RULE,
	cancel: RULE,
	times: z.array(utc).describe('Free times to move to (three weeks ahead), earliest first')
});
export const ChangeCreatedResponse = z.object({ id: z.uuid(), status: z.enum(['applied', 'pending']) });
export const ChangeRequestList = z.object({
	data: z.array(
		z.object({
			id: z.uuid(),
			interview_id: z.uuid(),
			candidate: z.object({ id: z.uuid(), name: z.string() }),
			kind: z.enum(['reschedule', 'cancel']),
			reason: z.string(),
			start: utc,
			new_start: utc.nullable(),
			created_at: utc
		})
	)
});
export const DecideChangeBody = z.object({
	approve: z.boolean(),
	note: z.string().max(2000).optional().describe('Shown to the candidate when declining')
});
export const DecidedChangeResponse = z.object({ id: z.uuid(), status: z.enum(['applied', 'declined']) });
