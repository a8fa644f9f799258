/** zod schemas of the API's request bodies (also the source of the OpenAPI document). */
import { z } from 'zod';
import { FEEDBACK_MAX_CHARS, RATING_MAX, RATING_MIN, RECOMMENDATIONS } from '$lib/domain/scorecards';
import { isValidTimeZone } from '$lib/domain/time';
import { MIN_SHIFT_MIN, validateWorkingHours } from '$lib/domain/working-hours';
import { EMAIL_OPTIONAL, NOTIFICATION_KINDS, OUTBOX_STATUSES } from '$lib/notifications/kinds';

export const email = z.string().trim().toLowerCase().email('must be an email address').max(254);
export const password = z.string().min(10, 'must be at least 10 characters').max(256);

export const LoginBody = z.object({
	email: z.string().trim().min(1, 'is required').max(254),
	password: z.string().min(1, 'is required').max(256)
});

export const NewMemberBody = z.object({
	email,
	name: z.string().trim().min(1, 'is required').max(120),
	role: z.enum(['interviewer', 'candidate', 'admin'])
});

const INTERVIEW_TYPE = z.enum(['phone', 'video', 'in_person', 'technical', 'hr', 'final']);
const INTERVIEW_MODE = z.enum(['online', 'offline']);
const INTERVIEW_STATUS = z.enum(['scheduled', 'in_progress', 'completed', 'cancelled', 'no_show']);
const APPLICATION_STATUS = z.enum(['pending', 'selected', 'interview_scheduled', 'approved', 'rejected']);
const uuid = z
	.string()
	.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a uuid')
	.transform((s) => s.toLowerCase());
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** An ISO-8601 instant with a zone (Z or an offset), handed on as canonical UTC (`…Z`). */
const instant = z.iso
	.datetime({
		offset: true,
		message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-12-01T14:00:00Z'
	})
	.refine(
		(s) => {
			const t = Date.parse(s);
			return t >= 0 && t <= LAST_INSTANT_MS;
		},
		{ message: 'must lie between the years 1970 and 9999' }
	)
	.transform((s) => new Date(s).toISOString());
const reason = z.string().trim().min(1, 'is required').max(2000);
const pageNumber = z.coerce
	.number()
	.int('must be a whole number')
	.min(1, 'must be at least 1')
	.max(100_000, 'must be at most 100000')
	.default(1);
const pageSize = z.coerce.number().int('must be a whole number').min(1).max(200, 'must be at most 200').default(50);
const list = <T extends z.ZodType<string, string>>(item: T) =>
	z
		.string()
		.transform((s) =>
			s
				.split(',')
				.map((x) => x.trim())
				.filter(Boolean)
		)
		.pipe(z.array(item));

export const NewInterviewBody = z.object({
	application_id: uuid,
	start: instant,
	duration_min: z.number().int('must be a whole number of minutes'),
	timezone: z.string().min(1, 'is required').max(64),
	type: INTERVIEW_TYPE,
	mode: INTERVIEW_MODE,
	location: z.string().max(500).default(''),
	round: z.number().int().min(1).max(20).default(1),
	panel: z.array(uuid).max(12, 'has at most 12 people')
});

export const PatchInterviewBody = z
	.object({
		start: instant.optional(),
		duration_min: z.number().int('must be a whole number of minutes').optional(),
		timezone: z.string().min(1).max(64).optional(),
		type: INTERVIEW_TYPE.optional(),
		mode: INTERVIEW_MODE.optional(),
		location: z.string().max(500).optional(),
		panel: z.array(uuid).max(12, 'has at most 12 people').optional(),
		reason: reason.optional()
	})
	.strict()
	.refine((b) => Object.keys(b).some((k) => k !== 'reason'), { message: 'names nothing to change', path: ['(body)'] });

export const ReasonBody = z.object({ reason });

export const InterviewListQuery = z.object({
	cycle_id: uuid.optional(),
	status: list(INTERVIEW_STATUS).optional(),
	from: instant.optional(),
	to: instant.optional(),
	candidate_id: uuid.optional(),
	interviewer_id: uuid.optional(),
	q: z.string().max(100).optional(),
	page: pageNumber,
	page_size: pageSize,
	sort: z.enum(['start', '-start', 'updated', '-updated', 'candidate', '-candidate']).default('start')
});

/** Paging of the lists that take no other filter. */
export const PageQuery = z.object({ page: pageNumber, page_size: pageSize });

export const UpcomingQuery = PageQuery.extend({
	days_ahead: z.coerce.number().int().min(1).max(90, 'must be at most 90').default(7)
});

export const MembersQuery = z.object({ role: z.enum(['admin', 'interviewer', 'candidate']).optional() });

export const ApplicationsQuery = z.object({
	cycle_id: uuid.optional(),
	status: list(APPLICATION_STATUS).optional(),
	q: z.string().max(100).optional(),
	page: pageNumber,
	page_size: pageSize
});

export const PatchApplicationBody = z
	.object({
		status: APPLICATION_STATUS.optional(),
		interview_enabled: z.boolean().optional(),
		online_interview_enabled: z.boolean().optional()
	})
	.strict()
	.refine((b) => Object.keys(b).length > 0, { message: 'names nothing to change', path: ['(body)'] });

export const AvailabilityQuery = z.object({
	interviewer_ids: list(uuid).pipe(z.array(z.string()).min(1, 'needs at least one interviewer').max(12)),
	candidate_id: uuid.optional(),
	from: instant,
	to: instant,
	duration_min: z.coerce.number().int().min(15).max(480),
	timezone: z
		.string()
		.refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin')
		.optional()
		.describe('The zone the days of `details.days` are read in; the organization’s by default'),
	pool_ids: list(uuid)
		.pipe(z.array(z.string()).max(30, 'has at most 30 people'))
		.optional()
		.describe('A pool: `pool_count` of these people join the named panel, whoever is free'),
	pool_count: z.coerce.number().int().min(1).max(5).default(1),
	pool_prefer: z
		.enum(['least_loaded', 'soonest'])
		.default('least_loaded')
		.describe('`least_loaded`: of those free, the fewest interviews that week; `soonest`: the pool’s order')
});

export const NewApiTokenBody = z.object({ name: z.string().trim().min(1, 'is required').max(100) });

export { INTERVIEW_TYPE, INTERVIEW_MODE, INTERVIEW_STATUS, APPLICATION_STATUS, uuid, instant };

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
				'payload_too_large',
				'validation_failed',
				'rule_violated',
				'rate_limited',
				'internal',
				'unavailable'
			])
			.describe('Stable, machine-readable; the HTTP status follows from it'),
		message: z.string().describe('One English sentence for people'),
		details: z
			.record(z.string(), z.unknown())
			.describe(
				'Depends on the code: `fields` (field → problem), `rule`, `problems`, `conflicts`, `limit_bytes`, `retry_after_s` (also sent as `Retry-After`), `scope`, `reason`/`opens_at`/`closes_at`'
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

/** An interview in JSON (the issue's contract). */
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
	updated_at: utc
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

export const ApplicationResponse = z.object({
	id: RESPONSE_ID,
	cycle_id: RESPONSE_ID,
	candidate: PersonRef.extend({ email: z.string() }),
	status: APPLICATION_STATUS,
	interview_enabled: z.boolean(),
	online_interview_enabled: z.boolean(),
	created_at: utc,
	updated_at: utc
});
export const ApplicationPage = paged(ApplicationResponse);

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
			'True: the invitation email is queued in the outbox, in the same transaction (its delivery shows on /admin/outbox)'
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

const BLOCKER = z.object({
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
	can_submit: z.boolean()
});

const ROOM_ROLE = z.enum(['candidate', 'interviewer', 'admin']);
export const RoomParticipant = z.object({
	user_id: RESPONSE_ID,
	name: z.string(),
	role: ROOM_ROLE,
	peer_id: z.string().optional().describe('The peer id they hold now, once they have joined')
});
export const RoomParticipants = z.object({ participants: z.array(RoomParticipant) });

export const JoinResponse = z.object({
	peer_id: z.string().describe('Your address in the room for the peer-server; the other participants see it'),
	peer_secret: z
		.string()
		.describe('The secret of this peer id, for you alone: the PeerJS client sends it as its `token`'),
	issued_at: utc,
	expires_at: utc.describe('When the peer-server stops accepting this id (about 10 minutes): join again before'),
	closes_at: utc.describe('When the room closes; no id lives longer'),
	self: z.object({ user_id: RESPONSE_ID, name: z.string(), role: ROOM_ROLE }),
	interview: InterviewResponse.pick({
		id: true,
		start: true,
		end: true,
		duration_min: true,
		timezone: true,
		type: true,
		mode: true,
		status: true,
		candidate: true,
		panel: true
	}),
	participants: z.array(RoomParticipant),
	ice_servers: z.array(
		z.object({
			urls: z.union([z.string(), z.array(z.string())]),
			username: z.string().optional(),
			credential: z.string().optional()
		})
	),
	max_people: z.number().int().describe('How many people the room holds at most')
});

export const ApiTokenResponse = z.object({
	id: RESPONSE_ID,
	name: z.string(),
	created_at: utc,
	last_used_at: utc.nullable(),
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

/**
 * The query of `DELETE /api/v1/interviews/{id}/join`. The handler reads `peer_id` from the URL itself;
 * this schema describes it for the document.
 */
export const LeaveRoomQuery = z.object({
	peer_id: z.string().optional().describe('The peer id to give back (one the join answer issued)')
});

/*
 * The signed-in person's own settings: time zone and working hours (`PATCH /api/v1/me`). The rules
 * are the domain's (isValidTimeZone, validateWorkingHours); these schemas carry them to the API.
 */

const WALL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Working hours as the API writes them; `validateWorkingHours` has the last word. */
export const WorkingHoursBody = z
	.object({
		weekdays: z
			.array(
				z
					.number()
					.int('must be weekdays 1 (Monday) to 7 (Sunday)')
					.min(1, 'must be weekdays 1 (Monday) to 7 (Sunday)')
					.max(7, 'must be weekdays 1 (Monday) to 7 (Sunday)')
			)
			.min(1, 'must name at least one day')
			.max(7)
			.describe('ISO weekdays on which a shift starts: 1 = Monday … 7 = Sunday'),
		start_time: z.string().regex(WALL_TIME, 'must be a time HH:MM').describe('Local wall time HH:MM, 00:00–23:59'),
		end_time: z
			.string()
			.regex(WALL_TIME, 'must be a time HH:MM')
			.describe('Local wall time HH:MM, up to 24:00; earlier than start_time means the shift ends the next day')
	})
	.strict()
	.transform((b, ctx) => {
		const checked = validateWorkingHours({ startTime: b.start_time, endTime: b.end_time, weekdays: b.weekdays });
		if (checked.ok) return checked.value;
		for (const [field, message] of Object.entries(checked.errors))
			ctx.addIssue({ code: 'custom', path: [field], message });
		return z.NEVER;
	})
	.describe(`A shift of at least ${MIN_SHIFT_MIN} minutes on each of the weekdays, read in the person’s own time zone`);

export const PatchMeBody = z
	.object({
		timezone: z
			.string()
			.max(64)
			.refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin')
			.describe('Your IANA time zone; times are shown and working hours read in it'),
		working_hours: WorkingHoursBody.nullable().describe(
			'Your working hours (admins and interviewers); null goes back to the organization’s default'
		)
	})
	.partial()
	.strict()
	.refine((b) => Object.keys(b).length > 0, { message: 'names nothing to change', path: ['(body)'] });

/** Working hours as the API answers them. */
export const WorkingHoursResponse = z.object({
	weekdays: z.array(z.number().int().min(1).max(7)).describe('ISO weekdays on which a shift starts: 1 = Monday'),
	start_time: z.string().describe('Local wall time HH:MM'),
	end_time: z.string().describe('Local wall time HH:MM; earlier than start_time means the next day')
});

/** The signed-in person as `/api/v1/me` answers: the user plus their working hours. */
export const MeResponse = UserResponse.extend({
	working_hours: WorkingHoursResponse.nullable().describe('Your own working hours; null means the organization’s'),
	effective_working_hours: WorkingHoursResponse.nullable().describe(
		'The hours scheduling reads you in (your own, else the organization’s default), in your time zone; null for candidates and people without an organization'
	)
});
export const MeEnvelope = z.object({ user: MeResponse });

// Notifications: the inbox, email preferences and the calendar feed.

export const InboxQuery = z.object({
	unread: z
		.enum(['true', 'false'])
		.optional()
		.transform((v) => v === 'true'),
	page: pageNumber,
	page_size: pageSize
});

export const NotificationResponse = z.object({
	id: RESPONSE_ID,
	kind: z.enum(NOTIFICATION_KINDS),
	title: z.string(),
	body: z.string(),
	link: z.string().nullable().describe('Where it leads in the app (a path)'),
	interview_id: RESPONSE_ID.nullable(),
	created_at: utc,
	read_at: utc.nullable()
});
export const InboxPage = paged(NotificationResponse).extend({ unread: count.describe('Unread notifications in all') });

export const MarkReadBody = z.union([
	z.object({ ids: z.array(uuid).min(1).max(200) }).strict(),
	z.object({ all: z.literal(true) }).strict()
]);
export const UnreadResponse = z.object({ unread: count });

const emailChoices = z.partialRecord(z.enum(EMAIL_OPTIONAL), z.boolean());
export const PreferencesResponse = z.object({
	email: z
		.record(z.enum(EMAIL_OPTIONAL), z.boolean())
		.describe('For each kind a person may receive, whether it is also emailed (the inbox always gets it)'),
	kinds: z.array(z.enum(EMAIL_OPTIONAL)).describe('The kinds that concern this person’s role')
});
export const PatchPreferencesBody = z.object({ email: emailChoices }).strict();

export const FeedStatusResponse = z.object({
	active: z.boolean(),
	created_at: utc.nullable(),
	last_used_at: utc.nullable().describe('When a calendar last fetched it')
});
export const NewFeedResponse = z.object({
	url: z.string().describe('The secret subscription URL; shown once (only a hash is kept)'),
	created_at: utc
});

// The calendar rules' schemas live in their own module; re-exported so every schema is found here.
export * from './rules-schemas';
export * from './request-schemas';
