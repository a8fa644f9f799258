/**
 * The OpenAPI 3.1 document of the JSON API. The route table below says, for every endpoint, who may
 * call it, which zod schema of schemas.ts it reads and answers with, and which errors it gives; the
 * JSON Schemas themselves come from zod's `z.toJSONSchema`, never by hand. Served at
 * /api/v1/openapi.json and rendered at /api/docs; a unit test checks that the table covers every
 * exported handler under src/routes/api/.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { APPLICATION_MOVES } from '$lib/domain/applications';
import type { Role } from '$lib/roles';
import * as S from './schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;
/** Who may call an endpoint: anybody, anybody signed in (even without an organization), or these roles. */
export type Access = 'public' | 'signed_in' | readonly Role[];

interface Success {
	description: string;
	/** The JSON body; absent for 204 and for non-JSON answers. */
	schema?: z.ZodType;
	/** For answers that are not JSON (an .ics file, an event stream, …). */
	media?: { type: string; description: string };
	headers?: Record<string, string>;
}

export interface RouteDoc {
	method: HttpMethod;
	/** OpenAPI path template: `/api/v1/interviews/{id}`. */
	path: string;
	operationId: string;
	tag: string;
	summary: string;
	description?: string;
	access: Access;
	/** One sentence: who may call it and what each caller sees. */
	who: string;
	/** True when an API token is refused (a signed-in browser session is needed). */
	sessionOnly?: boolean;
	query?: z.ZodObject;
	body?: z.ZodType;
	responses: Partial<Record<200 | 201 | 204 | 304, Success>>;
	/** Each error status the handler answers, with when. */
	errors: Partial<Record<ErrorStatus, string>>;
}

/** The error codes behind each status (errors.ts maps code → status; a unit test checks both agree). */
export const ERROR_CODES_BY_STATUS: Record<ErrorStatus | 405 | 500, readonly string[]> = {
	400: ['bad_json'],
	401: ['unauthenticated'],
	403: ['forbidden'],
	404: ['not_found'],
	405: ['method_not_allowed'],
	409: ['conflict'],
	413: ['payload_too_large'],
	422: ['validation_failed', 'rule_violated'],
	429: ['rate_limited'],
	500: ['internal'],
	503: ['unavailable']
};

const AUTH = {
	401: 'Not signed in (no session cookie or API token).',
	403: 'Signed in with a role that may not do this.'
} as const;
const MEMBER = {
	401: AUTH[401],
	403: 'Not a member of any organization.'
} as const;
const BODY = {
	400: 'The body is not JSON, or empty.',
	413: 'The body is larger than 1 MiB.',
	422: 'A field is missing or invalid; `details.fields` names each.'
} as const;
const QUERY = { 422: 'A query parameter is invalid; `details.fields` names each.' } as const;
const NOT_VISIBLE = 'No such interview, or not one you may see (another organization’s is not revealed).';

/** Every endpoint under /api, in the order the docs page shows them. */
export const ROUTES: readonly RouteDoc[] = [
	// Health and reference
	{
		method: 'GET',
		path: '/api/health',
		operationId: 'health',
		tag: 'Service',
		summary: 'Liveness, the database kind and the outbox backlog',
		description:
			'`outbox` counts the email waiting to be sent, being sent and failed for good, and when the oldest waiting one was written: a backlog that grows while `oldest_queued_at` gets older means the SMTP server does not take mail.',
		access: 'public',
		who: 'Anybody.',
		responses: { 200: { description: 'The app and its database answer.', schema: S.HealthResponse } },
		errors: { 503: 'The database does not answer.' }
	},
	{
		method: 'GET',
		path: '/api/v1/openapi.json',
		operationId: 'openapi',
		tag: 'Service',
		summary: 'This OpenAPI 3.1 document',
		description: 'Generated at start from the zod schemas the handlers validate with. Cacheable; carries an ETag.',
		access: 'public',
		who: 'Anybody.',
		responses: {
			200: {
				description: 'The OpenAPI document.',
				media: { type: 'application/json', description: 'An OpenAPI 3.1 document' }
			},
			304: { description: 'Unchanged since the ETag given in `If-None-Match`.' }
		},
		errors: {}
	},

	// Sign-in
	{
		method: 'POST',
		path: '/api/v1/auth/login',
		operationId: 'login',
		tag: 'Auth',
		summary: 'Sign in with email and password',
		description:
			'Sets the `parley_session` cookie (HttpOnly, SameSite=Lax, 30 days, renewed while used). A wrong email and a wrong password get the same answer.',
		access: 'public',
		who: 'Anybody.',
		body: S.LoginBody,
		responses: {
			200: {
				description: 'Signed in; the session cookie is set.',
				schema: S.UserEnvelope,
				headers: { 'set-cookie': 'parley_session=…; HttpOnly; SameSite=Lax' }
			}
		},
		errors: {
			...BODY,
			401: 'The email or the password is wrong.',
			429: 'Too many failed sign-ins for this email from this address (ten within 15 minutes), or from this address for any emails (fifty); `details.scope` says which (`email` or `address`), `details.retry_after_s` and the `Retry-After` header how long to wait.'
		}
	},
	{
		method: 'POST',
		path: '/api/v1/auth/logout',
		operationId: 'logout',
		tag: 'Auth',
		summary: 'Sign out',
		description:
			'Ends the cookie session, if any, and clears the cookie; the collab tokens it fetched stop working and the live connections they opened are closed (4401 `session-ended`). Idempotent; no body.',
		access: 'public',
		who: 'Anybody (a call without a session changes nothing).',
		responses: { 200: { description: 'Signed out.', schema: S.OkResponse } },
		errors: {}
	},

	// The signed-in person
	{
		method: 'GET',
		path: '/api/v1/me',
		operationId: 'me',
		tag: 'Me',
		summary: 'The signed-in person, their memberships, time zone and working hours',
		description:
			'With an API token, only the membership of the token’s organization is listed. `working_hours` are the person’s own (null: the organization’s default); `effective_working_hours` are the hours the slot finder and the scheduling form read them in, in their `timezone`.',
		access: 'signed_in',
		who: 'Anybody signed in, even without an organization.',
		responses: { 200: { description: 'The person.', schema: S.MeEnvelope } },
		errors: { 401: AUTH[401] }
	},
	{
		method: 'PATCH',
		path: '/api/v1/me',
		operationId: 'updateMe',
		tag: 'Me',
		summary: 'Change my time zone or working hours',
		description:
			'Any subset of `timezone` (an IANA zone; its letter case is stored as zone lists spell it) and `working_hours` (`{weekdays, start_time, end_time}`: ISO weekdays 1 = Monday … 7 = Sunday on which a shift starts, local `HH:MM` times read in your zone; an end before the start is on the next day; at least 15 minutes). `working_hours: null` goes back to the organization’s default. Availability and the scheduling form use the new hours at once.',
		access: 'signed_in',
		who: 'Anybody signed in, for themselves; only admins and interviewers have working hours.',
		body: S.PatchMeBody,
		responses: { 200: { description: 'The person after the change.', schema: S.MeEnvelope } },
		errors: {
			...BODY,
			401: AUTH[401],
			403: 'A candidate, or somebody without an organization, sent `working_hours`.',
			422: 'A field is invalid or unknown, or names nothing to change; `details.fields` names each (e.g. `timezone`, `working_hours.end_time`).'
		}
	},
	{
		method: 'GET',
		path: '/api/v1/me/interviews',
		operationId: 'myInterviews',
		tag: 'Me',
		summary: 'My interviews',
		description:
			'A candidate gets their own interviews, without `conflicts` and `problems`; anybody else the interviews whose panel they sit on. Paged.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Any member of an organization.',
		query: S.PageQuery,
		responses: { 200: { description: 'The interviews, earliest first.', schema: S.MyInterviewsResponse } },
		errors: { ...MEMBER, ...QUERY }
	},
	{
		method: 'GET',
		path: '/api/v1/me/events',
		operationId: 'myEvents',
		tag: 'Me',
		summary: 'Server-sent events about my interviews',
		description:
			'A `text/event-stream`: `ready` first, then `interview.changed` with `{"interview_id"}` whenever an interview the person takes part in changes; a comment heartbeat every 15 s. The stream ends after 10 minutes and EventSource reconnects (re-checking the session).',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Any member of an organization.',
		responses: {
			200: {
				description: 'The event stream.',
				media: { type: 'text/event-stream', description: 'event: interview.changed\\ndata: {"interview_id":"…"}' }
			}
		},
		errors: { ...MEMBER }
	},

	// People and cycles
	{
		method: 'GET',
		path: '/api/v1/members',
		operationId: 'listMembers',
		tag: 'Members',
		summary: 'People of the organization',
		access: ['admin', 'interviewer'],
		who: 'Admins list everybody; interviewers may list interviewers only (`role=interviewer`).',
		query: S.MembersQuery,
		responses: { 200: { description: 'The members, by name.', schema: S.MemberList } },
		errors: { ...AUTH, 403: 'A candidate, or an interviewer asking for anything but `role=interviewer`.', ...QUERY }
	},
	{
		method: 'POST',
		path: '/api/v1/members',
		operationId: 'addMember',
		tag: 'Members',
		summary: 'Add a person to the organization',
		description: 'Creates the person (or reuses a user without organization) and mails a one-time invitation link.',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewMemberBody,
		responses: { 201: { description: 'Added; the invitation link is in the answer.', schema: S.NewMemberResponse } },
		errors: { ...AUTH, ...BODY, 409: 'A person with this email already belongs to an organization.' }
	},
	{
		method: 'GET',
		path: '/api/v1/cycles',
		operationId: 'listCycles',
		tag: 'Cycles',
		summary: 'Admission cycles or job openings',
		access: ['admin', 'interviewer'],
		who: 'Admins and interviewers.',
		responses: { 200: { description: 'The cycles, newest start first.', schema: S.CycleList } },
		errors: { ...AUTH }
	},

	// Applications
	{
		method: 'GET',
		path: '/api/v1/applications',
		operationId: 'listApplications',
		tag: 'Applications',
		summary: 'Applications, filtered and paged',
		description: '`q` matches the candidate’s name or email. Sorted by candidate name.',
		access: ['admin'],
		who: 'Admins.',
		query: S.ApplicationsQuery,
		responses: { 200: { description: 'One page of applications.', schema: S.ApplicationPage } },
		errors: { ...AUTH, ...QUERY }
	},
	{
		method: 'PATCH',
		path: '/api/v1/applications/{id}',
		operationId: 'updateApplication',
		tag: 'Applications',
		summary: 'Move an application or switch its interview flags',
		description: `Status moves an admin may make: ${Object.entries(APPLICATION_MOVES)
			.map(([from, to]) => `${from} → ${to.join(' or ')}`)
			.join('; ')}. An application becomes \`interview_scheduled\` only by scheduling an interview.`,
		access: ['admin'],
		who: 'Admins.',
		body: S.PatchApplicationBody,
		responses: { 200: { description: 'The application after the change.', schema: S.ApplicationResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			422: 'A field is invalid (`details.fields`), or the status move is not allowed (`details.rule` = `invalid_status_move`).'
		}
	},

	// Interviews
	{
		method: 'GET',
		path: '/api/v1/interviews',
		operationId: 'listInterviews',
		tag: 'Interviews',
		summary: 'Interviews, filtered, sorted and paged',
		description:
			'`from`/`to` select interviews that overlap the range; `status` takes a comma-separated list; `q` matches the candidate’s name.',
		access: ['admin', 'interviewer'],
		who: 'Admins see the organization’s interviews; interviewers only those whose panel they sit on (`interviewer_id` is then ignored).',
		query: S.InterviewListQuery,
		responses: { 200: { description: 'One page of interviews.', schema: S.InterviewPage } },
		errors: { ...AUTH, ...QUERY }
	},
	{
		method: 'POST',
		path: '/api/v1/interviews',
		operationId: 'scheduleInterview',
		tag: 'Interviews',
		summary: 'Schedule an interview',
		description:
			'Written into the organization’s calendar document, so live clients see it at once. Checked against the scheduling rules (start at least 2 h and at most 90 days ahead, 15–480 minutes, a panel of the organization’s interviewers, an eligible application, one active interview per application and round, online needs online enabled) and for double-bookings. Moves the application to `interview_scheduled`.',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewInterviewBody,
		responses: {
			201: {
				description: 'Scheduled.',
				schema: S.InterviewResponse,
				headers: { location: '/api/v1/interviews/{id}' }
			}
		},
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			409: 'A panel member or the candidate is already booked then; `details.conflicts` lists the clashing interviews.',
			422: 'A field is invalid (`details.fields`), or a scheduling rule is broken (`details.rule`, `details.problems`).'
		}
	},
	{
		method: 'GET',
		path: '/api/v1/interviews/upcoming',
		operationId: 'upcomingInterviews',
		tag: 'Interviews',
		summary: 'Active interviews of the next days',
		description: 'Scheduled or in progress, from now to `days_ahead` days ahead. Paged.',
		access: ['admin', 'interviewer'],
		who: 'Admins see the organization’s; interviewers those whose panel they sit on.',
		query: S.UpcomingQuery,
		responses: { 200: { description: 'The interviews, earliest first.', schema: S.UpcomingResponse } },
		errors: { ...AUTH, ...QUERY }
	},
	{
		method: 'GET',
		path: '/api/v1/interviews/{id}',
		operationId: 'getInterview',
		tag: 'Interviews',
		summary: 'One interview',
		access: ['admin', 'interviewer'],
		who: 'Admins of its organization; interviewers on its panel. Candidates use `/api/v1/me/interviews`.',
		responses: { 200: { description: 'The interview.', schema: S.InterviewResponse } },
		errors: { ...AUTH, 404: NOT_VISIBLE }
	},
	{
		method: 'PATCH',
		path: '/api/v1/interviews/{id}',
		operationId: 'updateInterview',
		tag: 'Interviews',
		summary: 'Edit or reschedule an interview',
		description:
			'A new `start` or `duration_min` is a reschedule (the audit log keeps the old and new time). The same rules and double-booking checks as scheduling apply. `reason` alone changes nothing and is refused. It also repairs a calendar entry that needs repair (written malformed by a faulty client): the fields sent, over the fields that still read and the last stored state, are written back whole and checked by the same rules (as a booking when the entry was never stored); when something is still missing the answer is 422 with `details.rule` = `needs_repair` and `details.fields` naming it.',
		access: ['admin'],
		who: 'Admins.',
		body: S.PatchInterviewBody,
		responses: { 200: { description: 'The interview after the change.', schema: S.InterviewResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such interview in your organization.',
			409: 'The change would double-book somebody; `details.conflicts` lists the clashing interviews.',
			422: 'A field is invalid or unknown (`details.fields`), a scheduling rule is broken (`details.rule`), or a damaged entry still lacks fields (`details.rule` = `needs_repair`).'
		}
	},
	{
		method: 'POST',
		path: '/api/v1/interviews/{id}/cancel',
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
			422: 'No reason (`details.fields.reason`), or the status machine does not allow it (`details.rule` = `invalid_transition`).'
		}
	},
	{
		method: 'POST',
		path: '/api/v1/interviews/{id}/complete',
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
			422: 'The status machine does not allow it (`details.rule` = `invalid_transition`).'
		}
	},
	{
		method: 'POST',
		path: '/api/v1/interviews/{id}/no-show',
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
			422: 'The status machine does not allow it (`details.rule` = `invalid_transition`).'
		}
	},
	{
		method: 'GET',
		path: '/api/v1/interviews/{id}/logs',
		operationId: 'interviewLogs',
		tag: 'Interviews',
		summary: 'The audit history of an interview',
		description: 'Oldest first. Scorecard entries carry rating and recommendation, never the feedback text.',
		access: ['admin', 'interviewer'],
		who: 'Admins of its organization; interviewers on its panel.',
		responses: { 200: { description: 'The log entries.', schema: S.LogList } },
		errors: { ...AUTH, 404: NOT_VISIBLE }
	},
	{
		method: 'GET',
		path: '/api/v1/interviews/{id}/ics',
		operationId: 'interviewIcs',
		tag: 'Interviews',
		summary: 'The interview as an .ics file',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Its candidate, its panel and the admins of its organization.',
		responses: {
			200: {
				description: 'An iCalendar file (attachment).',
				media: { type: 'text/calendar', description: 'BEGIN:VCALENDAR …' }
			}
		},
		errors: { ...MEMBER, 404: 'No such interview, or you are not its candidate, on its panel or an admin.' }
	},

	// Scheduling help and candidates
	{
		method: 'GET',
		path: '/api/v1/availability',
		operationId: 'availability',
		tag: 'Availability',
		summary: 'Free start times for a panel and a candidate',
		description:
			'Start times on the organization’s slot grid where every interviewer is free within their working hours (in their own zone), the candidate is free between 08:00 and 20:00 in theirs, and the minimum notice is met. No slot touches a holiday or blackout date, and none starts on a day or in a week in which an interviewer is at their load limit. The range spans at most 62 days. `details.days` explains every day of the range without a slot, per person and for the whole day: outside working hours, busy (with the interviews), over the load limit, holiday, minimum notice, the 90-day limit, or no common time. With `pool_ids`, each slot also needs `pool_count` of the pool free, and names whom it picked and why (`least_loaded`: the fewest interviews that week; `soonest`: the pool’s order); `details.days` then explains the named panel’s days.',
		access: ['admin'],
		who: 'Admins.',
		query: S.AvailabilityQuery,
		responses: { 200: { description: 'The free slots.', schema: S.SlotList } },
		errors: {
			...AUTH,
			404: '`candidate_id` is not a candidate of your organization.',
			422: 'A parameter is invalid, `to` is not after `from`, the range exceeds 62 days, or an id in `interviewer_ids` is not an interviewer of the organization.'
		}
	},
	{
		method: 'GET',
		path: '/api/v1/candidates/{id}/interviews',
		operationId: 'candidateInterviews',
		tag: 'Candidates',
		summary: 'Every interview of one candidate',
		description: 'Paged.',
		access: ['admin'],
		who: 'Admins.',
		query: S.PageQuery,
		responses: { 200: { description: 'The interviews, earliest first.', schema: S.InterviewPage } },
		errors: { ...AUTH, ...QUERY, 404: 'No such candidate in your organization.' }
	},
	{
		method: 'POST',
		path: '/api/v1/candidates/{id}/link',
		operationId: 'createCandidateLink',
		tag: 'Candidates',
		summary: 'A personal sign-in link for a candidate',
		description:
			'The link signs the candidate into their own pages until the end of the last day of their open cycle. The previous link stops working, with the sessions it opened. No body; answers 201.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 201: { description: 'The link, shown once.', schema: S.CandidateLinkResponse } },
		errors: {
			...AUTH,
			404: 'No such candidate in your organization.',
			422: 'The candidate has no application in an open cycle (`details.rule` = `no_open_cycle`).'
		}
	},
	{
		method: 'DELETE',
		path: '/api/v1/candidates/{id}/link',
		operationId: 'revokeCandidateLink',
		tag: 'Candidates',
		summary: 'Revoke a candidate’s personal link',
		description: 'Also ends the sessions the link opened.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 204: { description: 'Revoked.' } },
		errors: { ...AUTH, 404: 'No such candidate in your organization.' }
	},

	// Scorecards
	{
		method: 'GET',
		path: '/api/v1/interviews/{id}/scorecards',
		operationId: 'listScorecards',
		tag: 'Scorecards',
		summary: 'The scorecards of an interview',
		description:
			'An interviewer sees the others’ scorecards only after submitting their own (`hidden_until_you_submit`).',
		access: ['admin', 'interviewer'],
		who: 'Admins see all; interviewers on its panel see their own and, once submitted, the others’.',
		responses: { 200: { description: 'What this viewer may see.', schema: S.ScorecardListResponse } },
		errors: {
			401: AUTH[401],
			403: 'A candidate, or an interviewer not on its panel.',
			404: 'No such interview in your organization.'
		}
	},
	{
		method: 'PUT',
		path: '/api/v1/interviews/{id}/scorecards/mine',
		operationId: 'submitScorecard',
		tag: 'Scorecards',
		summary: 'Create or replace my scorecard',
		description:
			'Validated by `validateScorecard` in src/lib/domain/scorecards.ts, which this body schema describes (a rating given as a digit string is accepted too).',
		access: ['interviewer'],
		who: 'Interviewers on its panel.',
		body: S.ScorecardBody,
		responses: {
			200: { description: 'Replaced; the scorecards this viewer may now see.', schema: S.ScorecardListResponse },
			201: { description: 'Created; the scorecards this viewer may now see.', schema: S.ScorecardListResponse }
		},
		errors: {
			...BODY,
			401: AUTH[401],
			403: 'Not a member of its panel (admins included).',
			404: 'No such interview in your organization.',
			409: 'An admin finalized the scorecards (`details.rule` = `finalized`).',
			422: 'A field is invalid (`details.fields`), or the interview was cancelled or a no-show (`details.rule` = `interview_not_held`).'
		}
	},
	{
		method: 'POST',
		path: '/api/v1/interviews/{id}/finalize',
		operationId: 'finalizeScorecards',
		tag: 'Scorecards',
		summary: 'Freeze the scorecards of an interview',
		description: 'Idempotent. No body.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The scorecards, now finalized.', schema: S.ScorecardListResponse } },
		errors: { ...AUTH, 404: 'No such interview in your organization.' }
	},

	// Video room
	{
		method: 'POST',
		path: '/api/v1/interviews/{id}/join',
		operationId: 'joinRoom',
		tag: 'Video room',
		summary: 'Enter the video room',
		description:
			'Issues a fresh peer id and its secret for the peer-server (replacing this person’s earlier ones; an id lives about 10 minutes, so clients join again before it expires), records attendance, and starts the interview once the candidate and a panel member have both joined. The room is open from 15 minutes before the start to 15 minutes after the scheduled end, and holds at most 6 people.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Its candidate, its panel, and admins of its organization (as observers).',
		responses: { 200: { description: 'Entered.', schema: S.JoinResponse } },
		errors: {
			...MEMBER,
			403: 'The room is closed to this interview now: `details.reason` (`in_person`, `online_disabled`, `not_active`, `not_open_yet`, `closed`), `details.opens_at`, `details.closes_at`; or not a member of any organization.',
			404: 'No such interview, or you are not a participant.',
			409: 'The room is full (`details.reason` `room_full`, `details.max_people`, `details.present`).'
		}
	},
	{
		method: 'GET',
		path: '/api/v1/interviews/{id}/join',
		operationId: 'roomParticipants',
		tag: 'Video room',
		summary: 'Who is in the room',
		description: 'The participants and the peer ids they hold now; issues no new id.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Its candidate, its panel, and admins of its organization.',
		responses: { 200: { description: 'The participants.', schema: S.RoomParticipants } },
		errors: {
			...MEMBER,
			403: 'The room is closed to this interview now (`details.reason`, as for POST); or not a member of any organization.',
			404: 'No such interview, or you are not a participant.'
		}
	},
	{
		method: 'DELETE',
		path: '/api/v1/interviews/{id}/join',
		operationId: 'leaveRoom',
		tag: 'Video room',
		summary: 'Give back a peer id when leaving',
		description:
			'Deletes one of the caller’s own peer ids for this interview, so the others stop waiting; a newer tab of the same person stays. Answers 204 whether or not the id existed.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Any member of an organization (only their own peer ids).',
		query: S.LeaveRoomQuery,
		responses: { 204: { description: 'Done.' } },
		errors: { ...MEMBER, ...QUERY }
	},

	// Live collaboration
	{
		method: 'GET',
		path: '/api/v1/collab/token',
		operationId: 'collabToken',
		tag: 'Collaboration',
		summary: 'A short-lived token for the collab-server',
		description:
			'Hand the token to `@hocuspocus/provider` to open `org:<orgId>:calendar` (admins read-write, interviewers read-only) or `interview:<id>:notes` (its panel and admins). Valid for 10 minutes, and only while the session or API token that fetched it stands: signing out or revoking it refuses the token and closes its live connections.',
		access: ['admin', 'interviewer'],
		who: 'Admins and interviewers (cookie session or API token).',
		responses: { 200: { description: 'The token and where to use it.', schema: S.CollabTokenResponse } },
		errors: { ...AUTH }
	},

	// Calendar rules: holidays, blackout dates and interviewer load
	{
		method: 'GET',
		path: '/api/v1/closures',
		operationId: 'listClosures',
		tag: 'Calendar rules',
		summary: 'Holidays and blackout dates',
		description:
			'Whole days, read in the organization’s zone, on which nothing is booked: the booking rules refuse an interview that touches one and the slot finder offers none.',
		access: ['admin', 'interviewer'],
		who: 'Admins and interviewers of the organization.',
		responses: { 200: { description: 'The closures, earliest first.', schema: S.ClosureList } },
		errors: { ...AUTH }
	},
	{
		method: 'POST',
		path: '/api/v1/closures',
		operationId: 'createClosure',
		tag: 'Calendar rules',
		summary: 'Add a holiday or blackout date',
		description:
			'Applies at once to new bookings and moves; interviews already booked on those days stay as they are (the calendar shows them).',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewClosureBody,
		responses: { 201: { description: 'Added.', schema: S.ClosureResponse } },
		errors: {
			...AUTH,
			...BODY,
			422: 'A field is missing or invalid, the last day is before the first, or the run is longer than 366 days; `details.fields` names each.'
		}
	},
	{
		method: 'DELETE',
		path: '/api/v1/closures/{id}',
		operationId: 'removeClosure',
		tag: 'Calendar rules',
		summary: 'Remove a holiday or blackout date',
		description: 'Its days can be booked again at once.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'Removed.', schema: S.RemovedClosureResponse } },
		errors: { ...AUTH, 404: 'No such closure in your organization.' }
	},
	{
		method: 'GET',
		path: '/api/v1/load',
		operationId: 'loadReport',
		tag: 'Calendar rules',
		summary: 'Each interviewer’s interviews per week against their limits',
		description:
			'Weeks run Monday to Sunday in each interviewer’s zone and are named by their Monday (in the organization’s zone). Cancelled interviews do not count; every other status does.',
		access: ['admin'],
		who: 'Admins.',
		query: S.LoadQuery,
		responses: { 200: { description: 'The report.', schema: S.LoadReportResponse } },
		errors: { ...AUTH, ...QUERY }
	},
	{
		method: 'PUT',
		path: '/api/v1/load/default',
		operationId: 'setDefaultLoadLimit',
		tag: 'Calendar rules',
		summary: 'The organization’s default load limits',
		description:
			'Most interviews per day and per week for interviewers who set no limit of their own; null for none. Over a limit the booking rules refuse and the slot finder offers nothing; from 80 % a booking carries a warning.',
		access: ['admin'],
		who: 'Admins.',
		body: S.LoadLimitBody,
		responses: { 200: { description: 'The limits now in force.', schema: S.LoadLimitResponse } },
		errors: { ...AUTH, ...BODY }
	},
	{
		method: 'PUT',
		path: '/api/v1/load/interviewers/{id}',
		operationId: 'setInterviewerLoadLimit',
		tag: 'Calendar rules',
		summary: 'An interviewer’s own load limits',
		description:
			'A field left out follows the organization’s default; null means no limit. `{}` goes back to the default for both.',
		access: ['admin', 'interviewer'],
		who: 'Admins for any interviewer of the organization; an interviewer for themselves.',
		body: S.OwnLoadLimitBody,
		responses: { 200: { description: 'The interviewer’s own and effective limits.', schema: S.OwnLoadLimitResponse } },
		errors: {
			...AUTH,
			...BODY,
			403: 'An interviewer naming somebody else, or a candidate.',
			404: 'No such interviewer in your organization.'
		}
	},

	// Self-scheduling: scheduling requests (admins) and the candidate's link
	{
		method: 'GET',
		path: '/api/v1/scheduling-requests',
		operationId: 'listSchedulingRequests',
		tag: 'Self-scheduling',
		summary: 'The organization’s scheduling requests',
		description: 'Newest first, at most 200, each with its state now (`open`, `booked`, `expired`, `cancelled`).',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The requests.', schema: S.SchedulingRequestList } },
		errors: { ...AUTH }
	},
	{
		method: 'POST',
		path: '/api/v1/scheduling-requests',
		operationId: 'createSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'Ask a candidate to pick their interview time',
		description:
			'For one application and round, a panel, a duration and a window (at most 62 days), optionally a deadline. The candidate gets an email with a personal link (no password needed) and also finds the request on their page; they see the panel’s free times in their own zone, as `GET /availability` computes them, and book one through the calendar like any booking. An open request for the same application and round is replaced.',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewSchedulingRequestBody,
		responses: { 201: { description: 'Sent.', schema: S.NewSchedulingRequestResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			422: 'A field is invalid (`details.fields`), the application cannot be interviewed, or the round already has an interview.'
		}
	},
	{
		method: 'POST',
		path: '/api/v1/scheduling-requests/{id}/cancel',
		operationId: 'cancelSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'Withdraw a scheduling request',
		description: 'Its link says it was withdrawn from now on. No body.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'Withdrawn.', schema: S.CancelledRequestResponse } },
		errors: { ...AUTH, 404: 'No open request with that id in your organization.' }
	},
	{
		method: 'GET',
		path: '/api/v1/self-scheduling/{token}',
		operationId: 'openSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'The request a candidate’s link opens, with its free times',
		description:
			'The token is the last part of the emailed link. `slots` are the free times now, in UTC; show them in `timezone`. A used, withdrawn or expired request says so in `state` and offers none.',
		access: 'public',
		who: 'Anybody with the link.',
		responses: { 200: { description: 'The request.', schema: S.SelfSchedulingResponse } },
		errors: { 404: 'No request has this token.' }
	},
	{
		method: 'POST',
		path: '/api/v1/self-scheduling/{token}/book',
		operationId: 'bookSchedulingRequest',
		tag: 'Self-scheduling',
		summary: 'Book one of the offered times',
		description:
			'Bookings of an organization are taken one at a time (across app instances too) and judged against the stored calendar: of two candidates who grab the same panel time at once exactly one gets it. The other gets 409 `slot_taken` with fresh times in `details.slots`.',
		access: 'public',
		who: 'Anybody with the link.',
		body: S.BookSlotBody,
		responses: {
			201: { description: 'Booked: the request, now with its interview.', schema: S.SelfSchedulingResponse }
		},
		errors: {
			...BODY,
			404: 'No request has this token.',
			409: 'The time was taken meanwhile (`details.rule` = `slot_taken`, fresh `details.slots`), or the request was used, withdrawn or has expired (`request_booked`, `request_cancelled`, `request_expired`).',
			422: 'The booking breaks a scheduling rule (as `POST /interviews` answers).'
		}
	},

	// Candidates' requests to move or cancel
	{
		method: 'GET',
		path: '/api/v1/me/interviews/{id}/change',
		operationId: 'myChangeOptions',
		tag: 'Change requests',
		summary: 'What I may ask to change about my interview, and the times I may move it to',
		description:
			'Under the organization’s policy: requests are taken until the cut-off before the start (24 hours by default); an application’s interviews move at most N times (2 by default); one request waits at a time. `times` are the panel’s and my free times in the next three weeks.',
		access: ['candidate'],
		who: 'The interview’s candidate.',
		responses: { 200: { description: 'The options.', schema: S.ChangeOptionsResponse } },
		errors: { ...MEMBER, 404: 'No such interview of yours.' }
	},
	{
		method: 'POST',
		path: '/api/v1/me/interviews/{id}/change',
		operationId: 'askChange',
		tag: 'Change requests',
		summary: 'Ask to move or cancel my interview',
		description:
			'With a reason; a move names one of the offered times. With auto-approval the change is made at once (`applied`), through the calendar like any change; otherwise it waits for an admin (`pending`), who hears of it in their inbox. Every step is in the interview’s history.',
		access: ['candidate'],
		who: 'The interview’s candidate.',
		body: S.ChangeRequestBody,
		responses: { 201: { description: 'Asked (or done).', schema: S.ChangeCreatedResponse } },
		errors: {
			...MEMBER,
			...BODY,
			404: 'No such interview of yours.',
			409: 'The new time is not one of the offered times (`slot_taken`, fresh `details.slots`).',
			422: 'The policy refuses it: `details.rule` is `change_cutoff`, `reschedule_limit`, `already_requested`, `reason_required` or `not_editable`.'
		}
	},
	{
		method: 'GET',
		path: '/api/v1/change-requests',
		operationId: 'listChangeRequests',
		tag: 'Change requests',
		summary: 'Candidates’ requests waiting for an admin',
		description: 'Oldest first.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The waiting requests.', schema: S.ChangeRequestList } },
		errors: { ...AUTH }
	},
	{
		method: 'POST',
		path: '/api/v1/change-requests/{id}/decide',
		operationId: 'decideChangeRequest',
		tag: 'Change requests',
		summary: 'Approve or decline a candidate’s request',
		description:
			'Approving makes the change through the calendar, judged again (a time taken meanwhile is refused as any booking is); the candidate and the panel are told by the change itself. Declining tells the candidate, with the note.',
		access: ['admin'],
		who: 'Admins.',
		body: S.DecideChangeBody,
		responses: { 200: { description: 'Decided.', schema: S.DecidedChangeResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such request in your organization.',
			409: 'Already decided, or the new time was taken meanwhile.',
			422: 'The change now breaks a scheduling rule.'
		}
	},

	// Loops
	{
		method: 'POST',
		path: '/api/v1/loops',
		operationId: 'bookLoop',
		tag: 'Interviews',
		summary: 'Book a loop: several sessions back to back, all or none',
		description:
			'The sessions follow each other from `start`, each after the previous one’s end and `break_min`, each the application’s next round. All are judged in one change of the calendar, each against the calendar and the sessions before it; if any is refused nothing is booked, and the answer names it (`details.session`, from 0). Each session is an ordinary interview (notified, audited, shown on the calendar).',
		access: ['admin'],
		who: 'Admins.',
		body: S.NewLoopBody,
		responses: { 201: { description: 'Booked.', schema: S.LoopResponse } },
		errors: {
			...AUTH,
			...BODY,
			404: 'No such application in your organization.',
			409: 'A session would double-book someone; nothing was booked.',
			422: 'A session breaks a scheduling rule; nothing was booked.'
		}
	},

	// API tokens
	{
		method: 'GET',
		path: '/api/v1/tokens',
		operationId: 'listTokens',
		tag: 'API tokens',
		summary: 'My personal API tokens',
		description: 'Never the secrets. Includes revoked tokens.',
		access: ['admin'],
		who: 'Admins (their own tokens in this organization).',
		responses: { 200: { description: 'The tokens, newest first.', schema: S.ApiTokenList } },
		errors: { ...AUTH }
	},
	{
		method: 'POST',
		path: '/api/v1/tokens',
		operationId: 'createToken',
		tag: 'API tokens',
		summary: 'Create a personal API token',
		description:
			'The token acts as the admin in this organization. Its secret is in this answer only (only its hash is stored).',
		access: ['admin'],
		who: 'Admins, from a signed-in session (a token cannot mint tokens).',
		sessionOnly: true,
		body: S.NewApiTokenBody,
		responses: { 201: { description: 'Created.', schema: S.NewApiTokenResponse } },
		errors: { ...AUTH, ...BODY, 403: 'Not an admin, or the call came with an API token.' }
	},
	{
		method: 'DELETE',
		path: '/api/v1/tokens/{id}',
		operationId: 'revokeToken',
		tag: 'API tokens',
		summary: 'Revoke one of my API tokens',
		description:
			'Effective at once: the collab tokens fetched with it stop working and their live connections are closed. Idempotent.',
		access: ['admin'],
		who: 'Admins (their own tokens).',
		responses: { 200: { description: 'Revoked.', schema: S.RevokedTokenResponse } },
		errors: { ...AUTH, 404: 'No such token of yours.' }
	},

	// Notifications: the inbox, preferences and the calendar feed of the signed-in person
	{
		method: 'GET',
		path: '/api/v1/me/notifications',
		operationId: 'listNotifications',
		tag: 'Notifications',
		summary: 'My inbox',
		description:
			'Every notification about me, newest first (scheduled, moved, cancelled, panel changes, reminders, scorecard requests), whatever my email preferences say. `unread=true` lists the unread ones only. New ones are announced on `/api/v1/me/events` as `notification.created`.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in, for their own inbox.',
		query: S.InboxQuery,
		responses: { 200: { description: 'A page of notifications and the unread count.', schema: S.InboxPage } },
		errors: { ...MEMBER, ...QUERY }
	},
	{
		method: 'POST',
		path: '/api/v1/me/notifications/read',
		operationId: 'markNotificationsRead',
		tag: 'Notifications',
		summary: 'Mark notifications as read',
		description: '`{"ids": [...]}` marks those (ids that are not mine change nothing); `{"all": true}` marks all.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in, for their own inbox.',
		body: S.MarkReadBody,
		responses: { 200: { description: 'The unread count after.', schema: S.UnreadResponse } },
		errors: { ...MEMBER, ...BODY }
	},
	{
		method: 'GET',
		path: '/api/v1/me/notification-preferences',
		operationId: 'getNotificationPreferences',
		tag: 'Notifications',
		summary: 'Which notifications I also get by email',
		description:
			'`kinds` lists the notifications my role receives (candidates: schedule changes and reminders; interviewers: also panel changes and scorecard requests; admins: none).',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		responses: { 200: { description: 'My choices.', schema: S.PreferencesResponse } },
		errors: { ...MEMBER }
	},
	{
		method: 'PATCH',
		path: '/api/v1/me/notification-preferences',
		operationId: 'setNotificationPreferences',
		tag: 'Notifications',
		summary: 'Turn email on or off per kind',
		description:
			'`{"email": {"reminder_24h": false}}`. Kinds not named keep their choice. The inbox gets every notification regardless. A kind my role does not receive is a 422.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		body: S.PatchPreferencesBody,
		responses: { 200: { description: 'My choices as now stored.', schema: S.PreferencesResponse } },
		errors: { ...MEMBER, ...BODY }
	},
	{
		method: 'GET',
		path: '/api/v1/me/calendar-feed',
		operationId: 'getCalendarFeed',
		tag: 'Notifications',
		summary: 'Whether I have a calendar feed',
		description: 'Never the URL itself: it is shown once, when created (only a hash is kept).',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		responses: { 200: { description: 'The feed’s state.', schema: S.FeedStatusResponse } },
		errors: { ...MEMBER }
	},
	{
		method: 'POST',
		path: '/api/v1/me/calendar-feed',
		operationId: 'createCalendarFeed',
		tag: 'Notifications',
		summary: 'Create (or regenerate) my calendar feed',
		description:
			'A secret `.ics` subscription URL of my own interviews for Google Calendar, Outlook or Apple Calendar. Shown in this answer only; a previous URL stops working.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Interviewers and candidates (admins get 403: they sit on no panel).',
		responses: { 201: { description: 'Created.', schema: S.NewFeedResponse } },
		errors: { ...MEMBER, 403: 'An admin (admins have no interviews of their own).' }
	},
	{
		method: 'DELETE',
		path: '/api/v1/me/calendar-feed',
		operationId: 'revokeCalendarFeed',
		tag: 'Notifications',
		summary: 'Revoke my calendar feed',
		description: 'Its URL answers 404 from now on. Idempotent.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		responses: { 204: { description: 'Revoked.' } },
		errors: { ...MEMBER }
	},
	{
		method: 'GET',
		path: '/api/v1/feeds/{token}',
		operationId: 'calendarFeed',
		tag: 'Notifications',
		summary: 'A calendar feed (the subscription itself)',
		description:
			'`{token}` is the secret of the URL, usually followed by `.ics`. The interviews of its owner from 60 days back onward, cancelled ones left out; each with the UID and SEQUENCE of its invitations. No sign-in: the URL is the credential.',
		access: 'public',
		who: 'Whoever has the URL.',
		responses: {
			200: {
				description: 'The calendar.',
				media: { type: 'text/calendar', description: 'An iCalendar (RFC 5545) feed' }
			}
		},
		errors: { 404: 'No feed has this URL (revoked, regenerated, or never was).' }
	},

	// Notifications: the outbox (admins)
	{
		method: 'GET',
		path: '/api/v1/outbox',
		operationId: 'listOutbox',
		tag: 'Notifications',
		summary: 'The organization’s outgoing email',
		description:
			'Every message written to the outbox (schedule changes, reminders, feedback requests, invitations, personal links), newest first, with its state: `queued` (waiting, or waiting for a retry at `next_attempt_at`), `sending`, `sent`, `failed` (given up; `last_error` says why) or `cancelled` (a reminder whose interview moved, a feedback request whose scorecard came in).',
		access: ['admin'],
		who: 'Admins (their organization’s messages).',
		query: S.OutboxQuery,
		responses: { 200: { description: 'A page of messages.', schema: S.OutboxPage } },
		errors: { ...AUTH, ...QUERY }
	},
	{
		method: 'GET',
		path: '/api/v1/outbox/{id}',
		operationId: 'getOutboxMessage',
		tag: 'Notifications',
		summary: 'One message, rendered',
		description:
			'The HTML and text parts and the calendar invitation as they are (or were) sent, rendered from the stored facts. The one-time link of a sent invitation or personal link is removed from the stored copy.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The message.', schema: S.OutboxMessageResponse } },
		errors: { ...AUTH, 404: 'No such message in your organization.' }
	},
	{
		method: 'POST',
		path: '/api/v1/outbox/{id}/resend',
		operationId: 'resendOutboxMessage',
		tag: 'Notifications',
		summary: 'Send a failed message again',
		description: 'Queues it at once with a fresh count of attempts; the Message-ID stays the same.',
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'Queued again.', schema: S.OutboxMessageResponse } },
		errors: { ...AUTH, 404: 'No such message in your organization.', 409: 'The message has not failed.' }
	}
];

/** Tag descriptions, in the order the docs page shows the groups. */
export const TAGS: readonly { name: string; description: string }[] = [
	{ name: 'Auth', description: 'Cookie sessions for browsers and scripts that sign in.' },
	{ name: 'Me', description: 'The signed-in person, their settings, their interviews and live updates.' },
	{
		name: 'Interviews',
		description: 'Scheduling, rescheduling and the status machine; every write goes through the calendar document.'
	},
	{ name: 'Availability', description: 'The slot finder.' },
	{ name: 'Self-scheduling', description: 'Candidates pick their own interview time from a request an admin sends.' },
	{
		name: 'Change requests',
		description: 'Candidates ask to move or cancel their interview, under the organization’s policy.'
	},
	{
		name: 'Calendar rules',
		description: 'Holidays and blackout dates, and how many interviews each interviewer takes per day and week.'
	},
	{ name: 'Applications', description: 'The admission pipeline and the interview flags.' },
	{ name: 'Candidates', description: 'One candidate’s interviews and personal sign-in link.' },
	{ name: 'Scorecards', description: 'Independent judgements of the panel; server-only, never in a Yjs document.' },
	{ name: 'Video room', description: 'Entering the peer-to-peer room; media never passes the server.' },
	{ name: 'Members', description: 'People of the organization.' },
	{ name: 'Cycles', description: 'Admission cycles or job openings.' },
	{ name: 'Collaboration', description: 'Tokens for the live Yjs documents (collab-server).' },
	{ name: 'API tokens', description: 'Personal bearer tokens for scripts and integrations.' },
	{
		name: 'Notifications',
		description:
			'The inbox, email preferences, the personal calendar feed, and the outbox of email (transactional: written with the change it announces).'
	},
	{ name: 'Service', description: 'Health and this reference.' }
];

/** Named schemas of `components.schemas`; every body and response a route uses must be one of them. */
const COMPONENTS: Record<string, z.ZodType> = {
	Error: S.ErrorBody,
	Person: S.PersonRef,
	Conflict: S.ConflictEntry,
	Problem: S.ProblemEntry,
	Interview: S.InterviewResponse,
	CandidateInterview: S.CandidateInterviewResponse,
	InterviewPage: S.InterviewPage,
	UpcomingInterviews: S.UpcomingResponse,
	MyInterviews: S.MyInterviewsResponse,
	Application: S.ApplicationResponse,
	ApplicationPage: S.ApplicationPage,
	Member: S.MemberResponse,
	MemberList: S.MemberList,
	NewMemberResult: S.NewMemberResponse,
	Cycle: S.CycleResponse,
	CycleList: S.CycleList,
	User: S.UserResponse,
	UserEnvelope: S.UserEnvelope,
	WorkingHours: S.WorkingHoursResponse,
	Me: S.MeResponse,
	MeEnvelope: S.MeEnvelope,
	Ok: S.OkResponse,
	Health: S.HealthResponse,
	OutboxBacklog: S.OutboxBacklog,
	OutboxMessageSummary: S.OutboxSummaryResponse,
	OutboxPage: S.OutboxPage,
	OutboxMessage: S.OutboxMessageResponse,
	Notification: S.NotificationResponse,
	InboxPage: S.InboxPage,
	Unread: S.UnreadResponse,
	NotificationPreferences: S.PreferencesResponse,
	FeedStatus: S.FeedStatusResponse,
	NewFeed: S.NewFeedResponse,
	MarkReadBody: S.MarkReadBody,
	PatchPreferencesBody: S.PatchPreferencesBody,
	SlotList: S.SlotList,
	SchedulingRequest: S.SchedulingRequestResponse,
	SchedulingRequestList: S.SchedulingRequestList,
	NewSchedulingRequest: S.NewSchedulingRequestResponse,
	CancelledSchedulingRequest: S.CancelledRequestResponse,
	SelfScheduling: S.SelfSchedulingResponse,
	Loop: S.LoopResponse,
	ChangeOptions: S.ChangeOptionsResponse,
	ChangeCreated: S.ChangeCreatedResponse,
	ChangeRequestList: S.ChangeRequestList,
	DecidedChange: S.DecidedChangeResponse,
	Closure: S.ClosureResponse,
	ClosureList: S.ClosureList,
	RemovedClosure: S.RemovedClosureResponse,
	LoadLimit: S.LoadLimitResponse,
	OwnLoadLimit: S.OwnLoadLimitResponse,
	LoadReport: S.LoadReportResponse,
	CandidateLink: S.CandidateLinkResponse,
	CollabToken: S.CollabTokenResponse,
	LogEntry: S.LogEntryResponse,
	LogList: S.LogList,
	Scorecard: S.ScorecardResponse,
	ScorecardList: S.ScorecardListResponse,
	RoomParticipant: S.RoomParticipant,
	RoomParticipants: S.RoomParticipants,
	JoinResult: S.JoinResponse,
	ApiToken: S.ApiTokenResponse,
	ApiTokenList: S.ApiTokenList,
	NewApiToken: S.NewApiTokenResponse,
	RevokedToken: S.RevokedTokenResponse,
	LoginBody: S.LoginBody,
	NewMemberBody: S.NewMemberBody,
	PatchApplicationBody: S.PatchApplicationBody,
	NewInterviewBody: S.NewInterviewBody,
	PatchInterviewBody: S.PatchInterviewBody,
	ReasonBody: S.ReasonBody,
	ScorecardBody: S.ScorecardBody,
	NewApiTokenBody: S.NewApiTokenBody,
	NewClosureBody: S.NewClosureBody,
	NewSchedulingRequestBody: S.NewSchedulingRequestBody,
	BookSlotBody: S.BookSlotBody,
	NewLoopBody: S.NewLoopBody,
	ChangeRequestBody: S.ChangeRequestBody,
	DecideChangeBody: S.DecideChangeBody,
	LoadLimitBody: S.LoadLimitBody,
	OwnLoadLimitBody: S.OwnLoadLimitBody,
	PatchMeBody: S.PatchMeBody,
	WorkingHoursBody: S.WorkingHoursBody
};

/** A JSON Schema object as zod emits it (loosely typed: the document is data). */
export type JsonSchema = { [key: string]: unknown };

export interface OpenApiDocument {
	openapi: '3.1.0';
	info: { title: string; version: string; description: string };
	jsonSchemaDialect: string;
	tags: { name: string; description: string }[];
	paths: Record<string, Record<string, JsonSchema>>;
	components: {
		schemas: Record<string, JsonSchema>;
		securitySchemes: Record<string, JsonSchema>;
	};
}

const UUID_SOURCE = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

type OverrideContext = { zodSchema: unknown; jsonSchema: JsonSchema };
interface ZodInternals {
	_zod: { def: { type: string; in?: ZodInternals; out?: ZodInternals } };
}

/** The arrays a string passes through on its way through pipes (`list()` in schemas.ts: "a,b" → [a, b]). */
function arraysOfPipe(schema: ZodInternals): ZodInternals[] {
	const def = schema._zod.def;
	if (def.type !== 'pipe' || !def.in || !def.out) return [];
	const inner = arraysOfPipe(def.in);
	return def.out._zod.def.type === 'array' ? [...inner, def.out] : [...inner, ...arraysOfPipe(def.out)];
}

/**
 * Makes zod's JSON Schema read like a contract: drops the safe-integer bounds every `.int()` carries
 * and the regexes that only restate a `format`, names our uuid regex `format: uuid`, and shows a
 * comma-separated list parameter as the array it becomes.
 */
function tidy({ zodSchema, jsonSchema: js }: OverrideContext): void {
	if (js.minimum === Number.MIN_SAFE_INTEGER) delete js.minimum;
	if (js.maximum === Number.MAX_SAFE_INTEGER) delete js.maximum;
	if (js.pattern === UUID_SOURCE) {
		// schemas.ts' `uuid` accepts either case and hands on lower case.
		js.format = 'uuid';
		delete js.pattern;
	}
	if (typeof js.format === 'string' && typeof js.pattern === 'string') {
		if (js.format === 'date-time' && js.pattern.includes('[+-]'))
			js.description ??= 'ISO-8601 with Z or an offset (years 1970–9999); handled as UTC';
		delete js.pattern;
	}
	const arrays = arraysOfPipe(zodSchema as ZodInternals);
	if (arrays.length) {
		// The innermost array knows the items; the outer ones add bounds.
		const merged = Object.assign({}, ...arrays.reverse().map((a) => toJson(a as unknown as z.ZodType)));
		for (const key of Object.keys(js)) if (key !== 'description' && key !== 'default') delete js[key];
		Object.assign(js, merged);
		js.description ??= 'Comma-separated list';
	}
}

function strip(schema: JsonSchema): JsonSchema {
	const { $schema: _s, $id: _i, ...rest } = schema;
	return rest;
}

/** One zod schema as JSON Schema (input side: what a client sends), inlined. */
function toJson(schema: z.ZodType): JsonSchema {
	return strip(
		z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', override: tidy }) as unknown as JsonSchema
	);
}

function pathParameters(path: string): JsonSchema[] {
	return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
		name,
		in: 'path',
		required: true,
		description: 'A lower-case uuid; anything else is a 404.',
		schema: { type: 'string', format: 'uuid', pattern: UUID_SOURCE }
	}));
}

function queryParameters(query: z.ZodObject): JsonSchema[] {
	const js = toJson(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
	return Object.entries(js.properties ?? {}).map(([name, schema]) => {
		const { description, ...rest } = schema;
		return {
			name,
			in: 'query',
			required: js.required?.includes(name) ?? false,
			...(description ? { description } : {}),
			schema: rest,
			// A list travels as one comma-separated value: ?status=scheduled,in_progress
			...(rest.type === 'array' ? { style: 'form', explode: false } : {})
		};
	});
}

function errorDescription(status: ErrorStatus, when: string): string {
	return `${when} (code ${ERROR_CODES_BY_STATUS[status].map((c) => `\`${c}\``).join(' or ')})`;
}

function operation(route: RouteDoc, refOf: (schema: z.ZodType) => JsonSchema): JsonSchema {
	const responses: Record<string, JsonSchema> = {};
	for (const [status, ok] of Object.entries(route.responses)) {
		const content = ok.schema
			? { 'application/json': { schema: refOf(ok.schema) } }
			: ok.media
				? {
						[ok.media.type]: {
							schema: { type: ok.media.type.endsWith('json') ? 'object' : 'string', description: ok.media.description }
						}
					}
				: undefined;
		responses[status] = {
			description: ok.description,
			...(ok.headers
				? {
						headers: Object.fromEntries(
							Object.entries(ok.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])
						)
					}
				: {}),
			...(content ? { content } : {})
		};
	}
	for (const [status, when] of Object.entries(route.errors)) {
		responses[status] = {
			description: errorDescription(Number(status) as ErrorStatus, when),
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		};
	}
	const roles = route.access === 'public' || route.access === 'signed_in' ? route.access : [...route.access];
	return {
		operationId: route.operationId,
		tags: [route.tag],
		summary: route.summary,
		...(route.description ? { description: route.description } : {}),
		security:
			route.access === 'public'
				? []
				: route.sessionOnly
					? [{ sessionCookie: [] }]
					: [{ sessionCookie: [] }, { bearerToken: [] }],
		'x-parley-access': { roles, who: route.who },
		parameters: [...pathParameters(route.path), ...(route.query ? queryParameters(route.query) : [])],
		...(route.body
			? { requestBody: { required: true, content: { 'application/json': { schema: refOf(route.body) } } } }
			: {}),
		responses
	};
}

const DESCRIPTION = `The JSON API of Parley. Requests and answers are JSON with snake_case names; instants are
UTC ISO-8601 strings with \`Z\` (requests may give an offset). Authenticate with the \`parley_session\`
cookie (\`POST /api/v1/auth/login\`) or \`Authorization: Bearer <token>\` with a personal API token.
Errors are \`{"error": {"code", "message", "details"}}\`; a rejected request changes nothing. Every
request with a body over 1 MiB gets 413, a request with an invalid or revoked bearer token 401, and a
method an endpoint does not have 405. See docs/api.md for a guide with examples.`;

/** Builds the document from the route table and the zod schemas (pure; cached by `openApiDocument`). */
export function buildOpenApiDocument(routes: readonly RouteDoc[] = ROUTES): OpenApiDocument {
	const registry = z.registry<{ id: string }>();
	const ids = new Map<z.ZodType, string>();
	for (const [id, schema] of Object.entries(COMPONENTS)) {
		registry.add(schema, { id });
		ids.set(schema, id);
	}
	const generated = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		io: 'input',
		uri: (id) => `#/components/schemas/${id}`,
		override: tidy
	}) as unknown as { schemas: Record<string, JsonSchema> };
	const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, s]) => [id, strip(s)]));

	const refOf = (schema: z.ZodType): JsonSchema => {
		const id = ids.get(schema);
		if (!id) throw new Error('openapi: a route uses a schema that is not in COMPONENTS');
		return { $ref: `#/components/schemas/${id}` };
	};
	const paths: OpenApiDocument['paths'] = {};
	for (const route of routes) {
		(paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, refOf);
	}
	return {
		openapi: '3.1.0',
		info: { title: 'Parley API', version: '1', description: DESCRIPTION },
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		tags: TAGS.map((t) => ({ ...t })),
		paths,
		components: {
			schemas,
			securitySchemes: {
				sessionCookie: {
					type: 'apiKey',
					in: 'cookie',
					name: 'parley_session',
					description: 'Set by POST /api/v1/auth/login (or the sign-in page).'
				},
				bearerToken: {
					type: 'http',
					scheme: 'bearer',
					description:
						'A personal API token (`prl_…`) an admin creates with POST /api/v1/tokens; it acts as that admin in its organization.'
				}
			}
		}
	};
}

let cached: { document: OpenApiDocument; json: string; etag: string } | null = null;

/** The document, its JSON text and an ETag for it, built once per process. */
export function openApiDocument(): { document: OpenApiDocument; json: string; etag: string } {
	cached ??= (() => {
		const document = buildOpenApiDocument();
		const json = JSON.stringify(document);
		return { document, json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
	})();
	return cached;
}
