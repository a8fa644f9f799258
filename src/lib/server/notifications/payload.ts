/**
 * What an outbox message and an inbox item hold: the recipient and the facts of the event as they
 * were when it happened (a snapshot, so a message sent after a delay still says what happened then).
 * Stored as jsonb; read back through this schema, so a damaged row is refused rather than rendered.
 */
import { z } from 'zod';
import { NOTIFICATION_KINDS } from '$lib/contract/notifications';

export const RecipientFacts = z.object({
	id: z.string().nullable(),
	name: z.string(),
	email: z.string(),
	/** The role in the organization; `invitee` before an invitation is accepted. */
	role: z.enum(['admin', 'interviewer', 'candidate', 'invitee']),
	/** The zone the message is written in: the person's own, else the organization's. */
	timezone: z.string()
});
export type RecipientFacts = z.infer<typeof RecipientFacts>;

export const InterviewFacts = z.object({
	id: z.string(),
	start: z.string(),
	end: z.string(),
	duration_min: z.number(),
	timezone: z.string(),
	org_timezone: z.string(),
	type: z.string(),
	mode: z.string(),
	location: z.string(),
	round: z.number(),
	status: z.string(),
	sequence: z.number(),
	updated_at: z.string(),
	org_name: z.string(),
	/** `email` names each attendee of an invitation; messages queued before it was stored lack it. */
	candidate: z.object({ id: z.string(), name: z.string(), email: z.string().optional() }),
	panel: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().optional() }))
});
export type InterviewFacts = z.infer<typeof InterviewFacts>;

export const Payload = z.object({
	kind: z.enum(NOTIFICATION_KINDS),
	recipient: RecipientFacts,
	/** Interview kinds: the interview after the change. */
	interview: InterviewFacts.optional(),
	/**
	 * A loop booked, moved or cancelled in one change: the sessions this message is about (all of
	 * them for the candidate, a panel member's own), in order. One message and one .ics for them all.
	 */
	loop: z.object({ id: z.string(), sessions: z.array(InterviewFacts).min(1) }).optional(),
	/** Rescheduled: the time before the move. */
	previous: z.object({ start: z.string(), end: z.string() }).nullish(),
	/** The reason given with a move or a cancel (shown to the panel only). */
	reason: z.string().nullish(),
	/** Feedback requests: 0 for the first, 1… for the daily reminders; `last` on the final one. */
	n: z.number().int().optional(),
	last: z.boolean().optional(),
	/** Invitations and personal links. */
	org_name: z.string().optional(),
	invited_role: z.string().optional(),
	expires_at: z.string().optional(),
	/** A candidate's request to move or cancel (to the admins). */
	change: z
		.object({
			kind: z.string(),
			new_start: z.string().nullable(),
			candidate: z.string(),
			start: z.string(),
			/** To the candidate: their request was declined, with the admin's note. */
			declined: z.boolean().optional(),
			note: z.string().nullish()
		})
		.optional(),
	/** A scheduling request: what the candidate chooses a time for. */
	request: z.object({ duration_min: z.number(), window_start: z.string(), window_end: z.string() }).optional(),
	/** The one-time link of an invitation or a personal link; removed once the message is sent. */
	secret_url: z.string().optional(),
	/** Delivery failures (to admins): which message, to whom, and what the server said. */
	failed: z
		.object({
			outbox_id: z.string(),
			kind: z.enum(NOTIFICATION_KINDS),
			to_name: z.string(),
			to_address: z.string(),
			error: z.string()
		})
		.optional()
});
export type Payload = z.infer<typeof Payload>;
