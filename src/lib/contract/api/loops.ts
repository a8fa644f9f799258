/** zod schemas of loops: booking one, finding its start, reading, moving and cancelling it as a unit. */
import { z } from 'zod';
import { isValidTimeZone } from '../../domain/time';
import { INTERVIEW_MODE, INTERVIEW_STATUS, INTERVIEW_TYPE, instant, uuid } from './requests';
import { BLOCKER } from './responses';

const utc = z.iso.datetime().describe('UTC instant, ISO-8601 with Z');
const zone = z.string().min(1).max(64).refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** What a loop is: its sessions, the break between them, one day or two. */
const loopShape = {
	application_id: uuid,
	timezone: zone.describe('The zone of the sessions; a two-day loop’s days are read in it'),
	break_min: z.number().int().min(0).max(240).default(15).describe('The break between sessions of one day'),
	split_after: z
		.number()
		.int()
		.min(1)
		.max(5)
		.nullable()
		.default(null)
		.describe(
			'Spread over two days: the number of sessions on the first day; the rest start the next day at the same wall-clock time as the first session. Null: one day.'
		),
	mode: INTERVIEW_MODE,
	location: z.string().max(500).default(''),
	sessions: z
		.array(
			z.object({
				panel: z.array(uuid).min(1, 'needs at least one interviewer').max(12),
				duration_min: z.number().int('must be a whole number of minutes').min(15).max(480),
				type: INTERVIEW_TYPE
			})
		)
		.min(2, 'needs at least two sessions')
		.max(6, 'has at most six sessions')
};

export const NewLoopBody = z.object({ ...loopShape, start: instant.describe('The first session’s start') });
export const LoopResponse = z.object({
	id: z.uuid(),
	interview_ids: z.array(z.uuid()).describe('The sessions’ interviews, in order (each the application’s next round)')
});

export const LoopSearchBody = z.object({
	...loopShape,
	from: instant.describe('The first session starts at or after this'),
	to: instant.describe('The last session ends at or before this (at most 62 days after `from`)')
});
export const LoopRangeQuery = z.object({
	from: instant.describe('The first session starts at or after this'),
	to: instant.describe('The last session ends at or before this (at most 62 days after `from`)')
});
export const LoopStartList = z.object({
	data: z.array(
		z.object({
			start: utc.describe('The first session’s start'),
			sessions: z.array(z.object({ start: utc, end: utc })).describe('Every session, in order')
		})
	),
	details: z
		.object({
			timezone: z.string().describe('The zone the days are read in'),
			days: z
				.array(
					z.object({
						date: z.iso.date(),
						blockers: z.array(BLOCKER.extend({ session: z.number().int().describe('The session it blocks, from 1') }))
					})
				)
				.describe('Each day of the range without a start, and what blocks which session, per person and for the day')
		})
		.optional()
		.describe('Only when no start is found: why, day by day')
});

export const LoopMoveBody = z.object({
	start: instant.describe('The first session’s new start; the others follow as the loop was laid out'),
	reason: z.string().trim().min(1, 'is required').max(2000)
});
export const LoopCancelBody = z.object({ reason: z.string().trim().min(1, 'is required').max(2000) });

export const LoopDetail = z.object({
	id: z.uuid(),
	application_id: z.uuid(),
	candidate: z.object({ id: z.uuid(), name: z.string() }),
	break_min: z.number(),
	split_after: z.number().nullable(),
	timezone: z.string(),
	sessions: z.array(
		z.object({
			id: z.uuid(),
			position: z.number().describe('From 1'),
			start: utc,
			end: utc,
			duration_min: z.number(),
			type: z.string(),
			round: z.number(),
			status: INTERVIEW_STATUS,
			panel: z.array(z.object({ id: z.uuid(), name: z.string() }))
		})
	)
});

const SessionState = z.object({ start: utc, end: utc, status: INTERVIEW_STATUS });
export const LoopLogList = z.object({
	data: z
		.array(
			z.object({
				id: z.uuid(),
				action: z.enum(['booked', 'rescheduled', 'cancelled']).describe('What happened to the loop as a unit'),
				actor: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('Who did it; null once removed'),
				reason: z.string().nullable().describe('The reason given (moves and cancels)'),
				at: utc,
				sessions: z
					.array(
						z.object({
							interview_id: z.uuid(),
							position: z.number().describe('From 1, in the loop’s order'),
							before: SessionState.nullable().describe('Null when the session was booked by this change'),
							after: SessionState
						})
					)
					.describe('Each session the change touched')
			})
		)
		.describe('Oldest first')
});
