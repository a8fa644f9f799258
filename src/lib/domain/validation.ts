/**
 * The rules of one proposed interview (docs/architecture.md, invariant 11), in the order their
 * messages are reported. Only the judge (`judge.ts`) calls `validateInterview`: it decides which of
 * the rules apply at a moment (a booking, a move, a record of an edit made apart), so no caller sets
 * the flags below itself. Double bookings need the whole calendar and live in `conflicts.ts`.
 */
import type { Policy } from './policy';
import { isValidTimeZone, MINUTE_MS, DAY_MS, parseIsoUtc } from './time';
import { ACTIVE_STATUSES } from './status';
import {
	isInterviewMode,
	isInterviewType,
	type ApplicationFacts,
	type ApplicationStatus,
	type Interview,
	type InterviewProposal,
	type Problem
} from './types';

/** Everything besides the proposal that the rules depend on. */
export interface ValidationContext {
	now: Date;
	policy: Policy;
	/** The application the interview is for; null when it does not exist (or is not in this organization). */
	application: ApplicationFacts | null;
	/** User ids of the organization's interviewers. */
	orgInterviewerIds: ReadonlySet<string>;
	/** Interviews already in the calendar (any status; only active ones matter for the round rule). */
	otherInterviews: readonly Interview[];
	/** The proposal moves an existing interview; currently only changes wording, the rules are the same as a booking. */
	isReschedule?: boolean;
	/** Id of the interview being edited, so it does not collide with itself. */
	ignoreId?: string;
	/**
	 * Check the start against `now` (not past, minimum notice, maximum horizon). Default true.
	 * Pass false when re-validating an interview that is already stored (the projection, a listing
	 * with warnings): its start was checked when it was booked and will be "in the past" once it
	 * happened, which is not a fault. Rules that stay true over time are still checked.
	 */
	checkTiming?: boolean;
	/**
	 * Check that the application may get an interview now. Default true. Pass false for stored
	 * interviews too: booking one moves the application on (to interview_scheduled, later approved
	 * or rejected), so an interview that was valid when booked must not turn invalid afterwards.
	 * `'online'`: only that an online interview is allowed (an edit that turns one online).
	 */
	checkEligibility?: boolean | 'online';
}

/** The application statuses that can get an interview: selected, or already interview scheduled. */
export const ELIGIBLE_APPLICATION_STATUSES = [
	'selected',
	'interview_scheduled'
] as const satisfies readonly ApplicationStatus[];
const ELIGIBLE: ReadonlySet<string> = new Set(ELIGIBLE_APPLICATION_STATUSES);
const ACTIVE: ReadonlySet<string> = new Set(ACTIVE_STATUSES);

/** Why an application cannot be booked an interview now (its status, its interview flag; online aside); null when it can. */
export function applicationBlocker(app: Pick<ApplicationFacts, 'status' | 'interviewEnabled'>): Problem | null {
	if (!ELIGIBLE.has(app.status))
		return {
			code: 'application_not_eligible',
			field: 'application_id',
			params: { status: app.status },
			message: `Only a selected application can get an interview; this one is ${app.status.replace('_', ' ')}.`
		};
	if (!app.interviewEnabled)
		return {
			code: 'interview_disabled',
			field: 'application_id',
			message: 'Interviews are not enabled for this application.'
		};
	return null;
}

/** Whether an application can be booked an interview now (`applicationBlocker` finds nothing). */
export function canBookApplication(app: Pick<ApplicationFacts, 'status' | 'interviewEnabled'>): boolean {
	return applicationBlocker(app) === null;
}

/**
 * The starts a booking made at `now` may have, as instants: after now, at least the minimum notice
 * ahead, at most the horizon ahead (both ends included). The timing rule below and the slot finder
 * read this one window.
 */
export function bookingWindow(policy: Policy, now: Date | number): { notBeforeMs: number; notAfterMs: number } {
	const nowMs = typeof now === 'number' ? now : now.getTime();
	return {
		notBeforeMs: Math.max(nowMs + 1, nowMs + policy.minNoticeMin * MINUTE_MS),
		notAfterMs: nowMs + policy.maxAheadDays * DAY_MS
	};
}

/** Checks a booking or reschedule against the policy and returns every broken rule (empty when valid). */
export function validateInterview(proposal: InterviewProposal, ctx: ValidationContext): Problem[] {
	const { policy } = ctx;
	const problems: Problem[] = [];
	const verb = ctx.isReschedule ? 'new start' : 'start';

	// Start and timing.
	const start = parseIsoUtc(proposal.start);
	if (!start) {
		problems.push({
			code: 'invalid_start',
			field: 'start',
			message: 'The start must be a date and time in UTC, such as 2026-11-24T13:30:00Z.'
		});
	} else if (ctx.checkTiming !== false) {
		const nowMs = ctx.now.getTime();
		const startMs = start.getTime();
		const { notBeforeMs, notAfterMs } = bookingWindow(policy, nowMs);
		if (startMs <= nowMs) {
			problems.push({
				code: 'start_in_past',
				field: 'start',
				params: { reschedule: ctx.isReschedule ? 1 : 0 },
				message: `The ${verb} must be in the future.`
			});
		} else if (startMs < notBeforeMs) {
			problems.push({
				code: 'min_notice',
				field: 'start',
				params: { minutes: policy.minNoticeMin, reschedule: ctx.isReschedule ? 1 : 0 },
				message: `The ${verb} must be at least ${humanizeMinutes(policy.minNoticeMin)} from now.`
			});
		} else if (startMs > notAfterMs) {
			problems.push({
				code: 'too_far_ahead',
				field: 'start',
				params: { days: policy.maxAheadDays, reschedule: ctx.isReschedule ? 1 : 0 },
				message: `The ${verb} can be at most ${plural(policy.maxAheadDays, 'day')} from now.`
			});
		}
	}

	if (!isValidTimeZone(proposal.timezone)) {
		problems.push({
			code: 'invalid_timezone',
			field: 'timezone',
			message: 'The time zone must be an IANA time zone name, such as Europe/Berlin.'
		});
	}

	const d = proposal.durationMin;
	if (typeof d !== 'number' || !Number.isInteger(d) || d < policy.minDurationMin || d > policy.maxDurationMin) {
		problems.push({
			code: 'duration_range',
			field: 'duration_min',
			params: { min: policy.minDurationMin, max: policy.maxDurationMin },
			message: `The duration must be a whole number of minutes from ${policy.minDurationMin} to ${policy.maxDurationMin}.`
		});
	}

	if (!isInterviewType(proposal.type)) {
		problems.push({
			code: 'invalid_type',
			field: 'type',
			message: 'The interview type must be one of: phone, video, in_person, technical, hr, final.'
		});
	}

	// Mode and location.
	if (!isInterviewMode(proposal.mode)) {
		problems.push({
			code: 'invalid_mode',
			field: 'mode',
			message: 'The mode must be online or offline.'
		});
	} else if (proposal.mode === 'offline' && (proposal.location ?? '').trim() === '') {
		problems.push({
			code: 'location_required',
			field: 'location',
			message: 'An in-person (offline) interview needs a location.'
		});
	}

	// Panel.
	const panel = Array.isArray(proposal.panel) ? proposal.panel : [];
	if (panel.length === 0) {
		problems.push({
			code: 'panel_empty',
			field: 'panel',
			message: 'Choose at least one interviewer for the panel.'
		});
	} else {
		const seen = new Set<string>();
		const dupes = new Set<string>();
		for (const id of panel) (seen.has(id) ? dupes : seen).add(id);
		if (dupes.size > 0) {
			problems.push({
				code: 'panel_duplicate',
				field: 'panel',
				message: 'Each interviewer can be on the panel only once.',
				ids: [...dupes]
			});
		}
		const outsiders = [...seen].filter((id) => !ctx.orgInterviewerIds.has(id));
		if (outsiders.length > 0) {
			problems.push({
				code: 'panel_not_interviewer',
				field: 'panel',
				params: { count: outsiders.length },
				message:
					outsiders.length === 1
						? 'One panel member is not an interviewer of this organization.'
						: `${outsiders.length} panel members are not interviewers of this organization.`,
				ids: outsiders
			});
		}
	}

	// The application.
	const app = ctx.application;
	if (!app || app.id !== proposal.applicationId) {
		problems.push({
			code: 'application_not_eligible',
			field: 'application_id',
			params: { found: 0 },
			message: 'The application was not found in this organization.'
		});
	} else if (ctx.checkEligibility === 'online') {
		if (proposal.mode === 'online' && !app.onlineInterviewEnabled) problems.push(onlineDisabled());
	} else if (ctx.checkEligibility !== false) {
		const blocker = applicationBlocker(app);
		if (blocker) problems.push(blocker);
		else if (proposal.mode === 'online' && !app.onlineInterviewEnabled) problems.push(onlineDisabled());
	}

	// Round: a positive whole number, and only one active interview per application and round.
	if (!Number.isInteger(proposal.round) || proposal.round < 1) {
		problems.push({
			code: 'invalid_round',
			field: 'round',
			message: 'The round must be a whole number of 1 or more.'
		});
	} else {
		const taken = ctx.otherInterviews.filter(
			(other) =>
				other.id !== ctx.ignoreId &&
				other.applicationId === proposal.applicationId &&
				other.round === proposal.round &&
				ACTIVE.has(other.status)
		);
		if (taken.length > 0) {
			problems.push({
				code: 'round_taken',
				field: 'round',
				params: { round: proposal.round },
				message: `Round ${proposal.round} of this application already has an active interview; cancel or reschedule that one instead.`,
				ids: taken.map((t) => t.id)
			});
		}
	}

	return problems;
}

function onlineDisabled(): Problem {
	return {
		code: 'online_disabled',
		field: 'mode',
		message: 'Online interviews are not enabled for this application; choose an in-person (offline) interview.'
	};
}

/** "2 hours", "90 minutes" → "1 hour 30 minutes", "1 day": the units people use for notice periods. */
export function humanizeMinutes(minutes: number): string {
	if (minutes > 0 && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
	if (minutes >= 60) {
		const h = Math.floor(minutes / 60);
		const m = minutes % 60;
		return m === 0 ? plural(h, 'hour') : `${plural(h, 'hour')} ${plural(m, 'minute')}`;
	}
	return plural(minutes, 'minute');
}

function plural(n: number, unit: string): string {
	return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
