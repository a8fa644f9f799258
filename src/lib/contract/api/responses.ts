/** zod schemas of what the API answers (and of a few bodies documented beside their answers). */
import { z } from 'zod';
import { FEEDBACK_MAX_CHARS, RATING_MAX, RATING_MIN, RECOMMENDATIONS } from '../../domain/scorecards';
import { NOTIFICATION_KINDS, OUTBOX_STATUSES } from '../notifications';
import { INTERVIEW_MODE, INTERVIEW_STATUS, INTERVIEW_TYPE, pageNumber, pageSize, uuid } from './requests';

/*
 * Responses: the JSON the API answers with. They feed the OpenAPI document (src/lib/server/openapi.ts),
 * and the integration tests parse real answers with them, so they stay true to the handlers.
 */

const RESPONSE_ID = z.uuid();
/** An instant as the API answers it: always UTC with `Z`. */
const utc = z.iso.datetime().describe('UTC instant, ISO-8601 with Z');
const count = z.number().int().min(0);
const ROLE = z.enum(['admin', 'interviewer', 'candidate']);

/** The body of every error answer (`{"error": {"code", "message", "details"}}`). */
export const ErrorBody = z.object({
	error: z.object({
		code: z
			.enum([
				'bad_json',
				'unauthenticated',
				'forbidden',
				'not_found',
				'method_not_allowed',
				'conflict',
				'archived',
				'payload_too_large',
				'validation_failed',
				'rule_violated',
				'rate_limited',
				'internal',
				'unavailable'
			])
			.describe('Stable, machine-readable; the HTTP status follows from it'),
		message: z
			.string()
			.describe(
				'One sentence for people, in the language of the request’s `Accept-Language` (`fr`: French, otherwise English); `code` stays the same'
			),
		details: z
			.record(z.string(), z.unknown())
			.describe(
				'Depends on the code: `fields` (field → problem), `rule`, `problems`, `conflicts`, `limit_bytes`, `retry_after_s` (also sent as `Retry-After`), `scope`, `interview_id`/`archived_at` (`archived`), `reason`/`opens_at`/`closes_at`'
			)
	})
});

/** A person named in another object. */
export const PersonRef = z.object({ id: RESPONSE_ID, name: z.string() });

/** A double-booking found for an interview. */
export const ConflictEntry = z.object({
	interview_id: RESPONSE_ID.describe('The other interview'),
	person_id: RESPONSE_ID.describe('The person booked twice'),
	role: z.enum(['interviewer', 'candidate']),
	start: utc,
	end: utc
});

/** A scheduling rule an interview breaks (kept on the row so that the calendar can show it). */
export const ProblemEntry = z.object({
	code: z
		.string()
		.describe(
			'e.g. min_notice, duration_range, panel_not_interviewer, online_disabled; unknown_timezone when the interview names a zone that is unknown (its `timezone` is then the organization’s)'
		),
	field: z.string().nullable(),
	message: z.string()
});

/** An interview in JSON (the contract). */
export const InterviewResponse = z.object({
	id: RESPONSE_ID,
	application_id: RESPONSE_ID,
	cycle_id: RESPONSE_ID,
	candidate: PersonRef,
	start: utc,
	end: utc,
	duration_min: z.number().int(),
	timezone: z
		.string()
		.describe(
			'IANA time zone of the interview; the organization’s when the zone it names is unknown (flagged in `problems` as `unknown_timezone`)'
		),
	type: INTERVIEW_TYPE,
	mode: INTERVIEW_MODE,
	location: z.string(),
	round: z.number().int(),
	panel: z.array(PersonRef),
	status: INTERVIEW_STATUS,
	rescheduled_from: RESPONSE_ID.nullable(),
	conflicts: z.array(ConflictEntry),
	problems: z.array(ProblemEntry),
	created_at: utc,
	updated_at: utc,
	archived_at: utc
		.nullable()
		.describe(
			'When it left the live calendar (finished and older than the archive window, or a rescheduled original): it can no longer change; null while it is live'
		)
});

/** An interview as its candidate sees it: without the panel's conflicts and problems. */
export const CandidateInterviewResponse = InterviewResponse.omit({ conflicts: true, problems: true });

/** A page of a list: the items and where they sit in the whole. */
export const paged = <T extends z.ZodType>(item: T) =>
	z.object({
		data: z.array(item),
		page: z.number().int().min(1),
		page_size: z.number().int().min(1),
		total: count.describe('Items matching the filter, across all pages')
	});
/** An unpaged list. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const InterviewPage = paged(InterviewResponse);
export const UpcomingResponse = InterviewPage.extend({ days_ahead: z.number().int() });
export const MyInterviewsResponse = paged(z.union([InterviewResponse, CandidateInterviewResponse]));

export const MemberResponse = z.object({
	id: RESPONSE_ID,
	name: z.string(),
	email: z.string(),
	role: ROLE,
	timezone: z.string().nullable().describe('The person’s IANA zone; null means the organization’s')
});
export const MemberList = listOf(MemberResponse);

export const NewMemberResponse = z.object({
	user_id: RESPONSE_ID,
	invitation_url: z.string().describe('One-time link to set a password; shown once'),
	expires_at: utc,
	invitation_mailed: z
		.boolean()
		.describe(
			'True only when the invitation email is queued for a mail server (its delivery shows on /admin/outbox); false when nothing will be sent'
		),
	invitation_email: z
		.enum(['queued', 'no_mail_server', 'not_queued'])
		.describe(
			'What became of the invitation email: queued for the mail server; not sent because this server has no mail server (SMTP_URL unset); or not queued (the same one was)'
		)
});

export const CycleResponse = z.object({
	id: RESPONSE_ID,
	name: z.string(),
	starts_on: z.iso.date(),
	ends_on: z.iso.date(),
	status: z.enum(['active', 'closed'])
});
export const CycleList = listOf(CycleResponse);

export const UserResponse = z.object({
	id: RESPONSE_ID,
	email: z.string(),
	name: z.string(),
	timezone: z.string().nullable(),
	memberships: z.array(z.object({ org_id: RESPONSE_ID, org_name: z.string(), org_timezone: z.string(), role: ROLE }))
});
export const UserEnvelope = z.object({ user: UserResponse });

export const OkResponse = z.object({ ok: z.literal(true) });

export const OutboxBacklog = z.object({
	queued: count.describe('Messages waiting to be sent (including those waiting for a retry)'),
	sending: count.describe('Messages being sent now'),
	failed: count.describe('Messages that failed for good (an admin may resend them)'),
	oldest_queued_at: utc.nullable().describe('When the oldest waiting message was written; null when none waits')
});

export const HealthResponse = z.object({
	status: z.literal('ok'),
	db: z.enum(['embedded', 'postgres']),
	mail: z.enum(['smtp', 'log']).describe('`log`: SMTP_URL is unset, messages are logged and kept, not sent'),
	outbox: OutboxBacklog,
	signaling: z
		.object({
			connections: count.describe('Signalling sockets open on this process now'),
			relayed: count.describe('OFFER, ANSWER and CANDIDATE messages passed to a peer of the same room'),
			dropped: count.describe('Messages dropped instead of relayed'),
			dropped_by: z
				.object({
					malformed: count.describe('not a JSON object'),
					type: count.describe('a type a client may not send (anything but OFFER, ANSWER, CANDIDATE, HEARTBEAT)'),
					room: count.describe("addressed to an id that is not a live peer of the sender's room"),
					revoked: count.describe('sent by a socket whose id no longer admits it')
				})
				.describe('Dropped messages by reason')
		})
		.nullable()
		.describe("This process's peer-server since it started (counts per process); null when it runs no peer-server")
});

const NOTIFICATION_KIND = z.enum(NOTIFICATION_KINDS);
const OUTBOX_STATUS = z.enum(OUTBOX_STATUSES);

export const OutboxQuery = z.object({
	status: OUTBOX_STATUS.optional(),
	interview_id: uuid.optional(),
	page: pageNumber,
	page_size: pageSize
});

export const OutboxSummaryResponse = z.object({
	id: RESPONSE_ID,
	kind: NOTIFICATION_KIND,
	interview_id: RESPONSE_ID.nullable(),
	to: z.object({ name: z.string(), address: z.string() }),
	subject: z.string(),
	status: OUTBOX_STATUS,
	attempts: count,
	last_error: z.string().nullable().describe('What the last failed attempt answered'),
	created_at: utc,
	next_attempt_at: utc.nullable().describe('When a queued message is tried next'),
	sent_at: utc.nullable()
});
export const OutboxPage = paged(OutboxSummaryResponse).extend({
	counts: z.partialRecord(OUTBOX_STATUS, count).describe('Messages of the organization in each state')
});
export const OutboxMessageResponse = OutboxSummaryResponse.extend({
	from: z.string(),
	message_id: z.string().describe('The Message-ID header: the same on every attempt'),
	html: z.string().nullable().describe('The HTML part; null when the stored message cannot be read'),
	text: z.string().nullable(),
	calendar: z
		.object({ method: z.enum(['PUBLISH', 'REQUEST', 'CANCEL']), content: z.string() })
		.nullable()
		.describe('The calendar invitation attached (text/calendar), if any')
});

/** One thing that blocks a day, as `details.days` says it. */
export const BLOCKER = z.object({
	reason: z
		.enum([
			'min_notice',
			'too_far_ahead',
			'holiday',
			'outside_working_hours',
			'over_load_limit',
			'busy',
			'no_common_time'
		])
		.describe('What blocks the day'),
	person: z
		.object({ id: RESPONSE_ID, name: z.string().nullable(), role: ROLE.nullable() })
		.nullable()
		.describe('Whom it is about; null for a rule of the whole day'),
	message: z.string().describe('A sentence about the person (“they”) or the day'),
	busy: z
		.array(z.object({ start: utc, end: utc, interview_id: RESPONSE_ID.nullable() }))
		.optional()
		.describe('For `busy`: the interviews that take the person’s time that day')
});
export const SlotList = z.object({
	data: z
		.array(
			z.object({
				start: utc,
				end: utc,
				picked: z
					.array(z.object({ id: RESPONSE_ID, name: z.string() }))
					.optional()
					.describe('With a pool: the pool members picked for this slot'),
				why: z.string().optional().describe('With a pool: why them')
			})
		)
		.describe('Free start times, earliest first (at most 500)'),
	duration_min: z.number().int(),
	details: z
		.object({
			timezone: z.string().describe('The zone the days are read in'),
			days: z
				.array(z.object({ date: z.iso.date(), blockers: z.array(BLOCKER) }))
				.describe('Each day of the range without a slot, and what blocks it, per person and for the whole day')
		})
		.describe('Why no slots: every day of the range on which nothing is offered, explained')
});

export const CandidateLinkResponse = z.object({
	url: z.string().describe('The personal link; shown once (only its hash is stored)'),
	expires_at: utc
});

export const CollabTokenResponse = z.object({
	token: z.string().describe('Short-lived token for the collab-server’s WebSocket'),
	url: z.string().describe('WebSocket URL of the collab-server'),
	expires_at: utc,
	org_id: RESPONSE_ID,
	user: PersonRef
});

export const LogEntryResponse = z.object({
	id: z.number().int(),
	action: z
		.string()
		.describe('scheduled, rescheduled, updated, cancelled, started, completed, no_show, scorecard or removed'),
	actor: PersonRef.nullable().describe('null for the system'),
	old_values: z.record(z.string(), z.unknown()).nullable(),
	new_values: z.record(z.string(), z.unknown()).nullable(),
	reason: z.string().nullable(),
	created_at: utc
});
export const LogList = listOf(LogEntryResponse);

const RECOMMENDATION = z.enum(RECOMMENDATIONS);

/**
 * The body of `PUT …/scorecards/mine`. The handler validates with `validateScorecard`
 * (src/lib/domain/scorecards.ts); this schema describes the same rules for the document.
 */
export const ScorecardBody = z.object({
	rating: z.number().int().min(RATING_MIN).max(RATING_MAX),
	recommendation: RECOMMENDATION,
	feedback: z
		.string()
		.max(FEEDBACK_MAX_CHARS)
		.optional()
		.describe(`Free text, trimmed; up to ${FEEDBACK_MAX_CHARS.toLocaleString('en-US')} characters`)
});

export const ScorecardResponse = z.object({
	author: PersonRef,
	rating: z.number().int().min(RATING_MIN).max(RATING_MAX),
	recommendation: RECOMMENDATION,
	feedback: z.string(),
	submitted_at: utc,
	updated_at: utc
});

export const ScorecardListResponse = z.object({
	interview_id: RESPONSE_ID,
	finalized: z.object({ at: utc, by: PersonRef.nullable() }).nullable().describe('null while scorecards are open'),
	hidden_until_you_submit: z
		.boolean()
		.describe('True while an interviewer has not submitted theirs: the others’ are withheld'),
	hidden_count: count,
	mine: ScorecardResponse.nullable(),
	data: z.array(ScorecardResponse),
	summary: z
		.object({
			count,
			average_rating: z.number().nullable(),
			recommendations: z.object({ hire: count, proceed: count, maybe: count, reject: count })
		})
		.nullable()
		.describe('Only for a viewer who sees every scorecard'),
	can_submit: z.boolean(),
	blocked: z
		.object({
			rule: z.enum(['interview_not_started', 'interview_not_held']),
			message: z.string(),
			opens_at: utc.optional()
		})
		.nullable()
		.describe('Why no scorecard can be submitted now: the interview has not started, or did not take place')
});

export const ApiTokenResponse = z.object({
	id: RESPONSE_ID,
	name: z.string(),
	created_at: utc,
	last_used_at: utc
		.nullable()
		.describe(
			'When the token was last used, to the minute (a later use within the minute is not written); null: never'
		),
	revoked_at: utc.nullable()
});
export const ApiTokenList = listOf(ApiTokenResponse);
export const NewApiTokenResponse = z.object({
	id: RESPONSE_ID,
	name: z.string(),
	token: z.string().describe('The secret (prl_…); shown in this answer only'),
	created_at: utc
});
export const RevokedTokenResponse = z.object({ id: RESPONSE_ID, revoked: z.literal(true) });

export { RESPONSE_ID, utc, count };
