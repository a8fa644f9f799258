/**
 * The plain data shapes of Parley's scheduling domain.
 *
 * Everything here is JSON-safe data: ids are strings (uuids), instants are ISO-8601 UTC strings
 * ending in `Z`, durations are whole minutes. The same shapes travel through the Yjs calendar
 * document, the JSON API and the projection tables.
 */

export const INTERVIEW_TYPES = ['phone', 'video', 'in_person', 'technical', 'hr', 'final'] as const;
export type InterviewType = (typeof INTERVIEW_TYPES)[number];

export const INTERVIEW_MODES = ['online', 'offline'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

export const INTERVIEW_STATUSES = ['scheduled', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const APPLICATION_STATUSES = ['pending', 'selected', 'interview_scheduled', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** One interview exactly as the calendar document holds it (docs/architecture.md, invariant 1). */
export interface Interview {
	id: string;
	applicationId: string;
	candidateId: string;
	cycleId: string;
	/** ISO-8601 UTC instant with `Z`. */
	start: string;
	durationMin: number;
	/** IANA time zone the interview was planned in (shown to participants beside their own zone). */
	timezone: string;
	type: InterviewType;
	mode: InterviewMode;
	/** Where an offline interview happens; may be empty for online ones. */
	location: string;
	/** 1-based round of this application's interview process. */
	round: number;
	/** Interviewer user ids, no duplicates. */
	panel: string[];
	status: InterviewStatus;
	/** Id of the interview this one replaces after a reschedule, else null. */
	rescheduledFrom: string | null;
	updatedBy: string | null;
	/** ISO-8601 UTC instant of the last write. */
	updatedAt: string;
}

/** The fields a person chooses when booking or rescheduling; what `validateInterview` checks. */
export type InterviewProposal = Pick<
	Interview,
	'start' | 'durationMin' | 'timezone' | 'type' | 'mode' | 'location' | 'round' | 'panel' | 'applicationId'
>;

/** What the scheduling rules need to know about an application (read from Postgres by the caller). */
export interface ApplicationFacts {
	id: string;
	candidateId: string;
	cycleId: string;
	status: ApplicationStatus;
	interviewEnabled: boolean;
	onlineInterviewEnabled: boolean;
}

/** Weekly working hours in the person's own time zone. */
export interface WorkingHours {
	/** Local wall time `HH:MM` at which work starts. */
	startTime: string;
	/** Local wall time `HH:MM` at which work ends; `24:00` means midnight; earlier than start means the shift ends the next day. */
	endTime: string;
	/** ISO weekdays (Monday = 1 … Sunday = 7) on which a shift starts. */
	weekdays: readonly number[];
}

/** Machine-readable codes of every rule violation the domain reports. */
export type ProblemCode =
	| 'invalid_start'
	| 'start_in_past'
	| 'min_notice'
	| 'too_far_ahead'
	| 'duration_range'
	| 'invalid_timezone'
	| 'invalid_type'
	| 'invalid_mode'
	| 'invalid_round'
	| 'panel_empty'
	| 'panel_duplicate'
	| 'panel_not_interviewer'
	| 'application_not_eligible'
	| 'interview_disabled'
	| 'online_disabled'
	| 'location_required'
	| 'round_taken'
	/** Rounds follow dates: this round would come before a lower one or after a higher one. */
	| 'round_out_of_order'
	| 'invalid_transition'
	| 'not_started'
	| 'candidate_mismatch'
	| 'reason_required'
	| 'not_found'
	| 'not_editable'
	| 'already_exists'
	/** A calendar entry that does not read as an interview, and what a repair still lacks. */
	| 'needs_repair'
	| 'not_damaged'
	/** The interview touches an organization holiday or blackout date. */
	| 'holiday'
	/** An interviewer would go over their daily or weekly limit. */
	| 'over_load_limit'
	/** The scheduling form's pool seats cannot be filled at the chosen time. */
	| 'pool_unfilled'
	/** A candidate's request to move or cancel: too close to the start, too many moves, one already waiting. */
	| 'change_cutoff'
	| 'reschedule_limit'
	| 'already_requested';

/** The snake_case API field a problem points at, so forms can put the message beside the input. */
export type ProblemField =
	| 'start'
	| 'duration_min'
	| 'timezone'
	| 'type'
	| 'mode'
	| 'location'
	| 'round'
	| 'panel'
	| 'application_id'
	| 'status'
	| 'reason'
	| 'id';

/** One broken rule: a stable code for machines and a full English sentence for people (translated where shown). */
export interface Problem {
	code: ProblemCode;
	field?: ProblemField;
	message: string;
	/** Ids the problem is about (e.g. panel members who are not interviewers), for the API's `details`. */
	ids?: readonly string[];
	/** The numbers the sentence names, so the edge can say it in the reader's language (src/lib/i18n/problems.ts). */
	params?: Readonly<Record<string, number | string>>;
}

/** A person's role in an interview; used by conflict reports. */
export type PersonRole = 'interviewer' | 'candidate';

/** Another active interview that books the same person at an overlapping time. */
export interface Conflict {
	/** The other interview. */
	interviewId: string;
	/** The person booked twice. */
	personId: string;
	/** The person's role in the interview being checked. */
	role: PersonRole;
	/** Start and end of the other interview (ISO-8601 UTC). */
	start: string;
	end: string;
}

/** Narrows an unknown value to an interview type. */
export function isInterviewType(value: unknown): value is InterviewType {
	return typeof value === 'string' && (INTERVIEW_TYPES as readonly string[]).includes(value);
}

/** Narrows an unknown value to an interview mode. */
export function isInterviewMode(value: unknown): value is InterviewMode {
	return typeof value === 'string' && (INTERVIEW_MODES as readonly string[]).includes(value);
}

/** Narrows an unknown value to an interview status. */
export function isInterviewStatus(value: unknown): value is InterviewStatus {
	return typeof value === 'string' && (INTERVIEW_STATUSES as readonly string[]).includes(value);
}

/** Narrows an unknown value to an application status. */
export function isApplicationStatus(value: unknown): value is ApplicationStatus {
	return typeof value === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(value);
}
