/**
 * The booking judge (invariant 11): "may this interview be booked, moved or marked like this?" is
 * answered here and nowhere else. The API's scheduling service, the projection's planner, drag and
 * resize on the live calendar, the scheduling form and the slot finder all ask these functions and
 * never put the rules together themselves.
 *
 * A verdict names every broken rule with its code and message (the API's 422), every double
 * booking (its 409), and warnings that refuse nothing (a time outside someone's hours).
 *
 * Which rules apply depends on the moment, and that is the judge's decision too:
 *  - a booking is judged whole: timing against `now`, the application's eligibility, the round;
 *  - a move or edit is judged on what changes: timing only when the start moves, online only when
 *    the interview turns online, and a reason when the start moves (when a person can be asked);
 *  - a status change by the status machine, the start (an outcome once the interview has begun)
 *    and a reason for a cancel.
 */
import { isWithinWorkingHours, type WorkingPerson } from './availability';
import type { OrgClosures } from './closures';
import { ConflictIndex, type ConflictSubject } from './conflicts';
import { dayRules } from './day-rules';
import type { LoadLimits, LoadWarning } from './load';
import { doubleBookingMessage, rescheduleReasonProblem } from './messages';
import { roundOrderProblem } from './rounds';
import type { Policy } from './policy';
import type { SlotPerson } from './slots';
import { cancelReasonProblem, outcomeTimingProblem, transitionProblem } from './status';
import type {
	ApplicationFacts,
	Conflict,
	Interview,
	InterviewProposal,
	InterviewStatus,
	PersonRole,
	Problem,
	ProblemCode,
	WorkingHours
} from './types';
import { bookingWindow, validateInterview } from './validation';
import { CANDIDATE_HOURS } from './working-hours';

/** The calendar a proposal is judged against. */
export interface CalendarFacts {
	/** Every readable interview of the calendar, whatever its status (the round rule reads them). */
	interviews: readonly Interview[];
	/** The conflict index of the same calendar; built from `interviews` and the policy's buffer when absent. */
	index?: Pick<ConflictIndex, 'conflictsFor'>;
}

/** Zones and working hours, where the caller knows them: a time outside them is a warning. */
export interface PeopleHours {
	/** Interviewer id → their zone and effective working hours (their own, else the organization's). */
	interviewers: ReadonlyMap<string, WorkingPerson>;
	/** The candidate's zone (their own, else the organization's); null when unknown. */
	candidateZone: string | null;
}

/** Everything besides the request that a judgement reads. */
export interface JudgeFacts {
	now: Date;
	policy: Policy;
	/** The application the interview is for; null when it is not in the organization. */
	application: ApplicationFacts | null;
	/** User ids of the organization's interviewers. */
	interviewerIds: ReadonlySet<string>;
	calendar: CalendarFacts;
	hours?: PeopleHours;
	/** Holidays and blackout dates, read in the organization's zone; none when absent. */
	closures?: OrgClosures;
	/** Each interviewer's zone and load limit (their load is counted in `calendar.interviews`); no limits when absent. */
	load?: LoadLimits;
}

/** Somebody would be booked outside their hours: shown, never refused. */
export interface HoursWarning {
	code: 'outside_working_hours';
	personId: string;
	role: PersonRole;
	message: string;
	/** For the candidate: the hours assumed in their zone (`from`, `to`). */
	params?: Readonly<Record<string, number | string>>;
}

/** Something shown beside a verdict that refuses nothing. */
export type Warning = HoursWarning | LoadWarning;

/** The judge's answer. */
export interface Verdict {
	/** Broken rules, in the order people read them. */
	problems: Problem[];
	/** Double bookings the proposal would make. */
	conflicts: Conflict[];
	warnings: Warning[];
}

/** True when nothing is refused (warnings allowed). */
export function isAllowed(verdict: Verdict): boolean {
	return verdict.problems.length === 0 && verdict.conflicts.length === 0;
}

/** The refusal as one sentence, as the API answers it (a broken rule before a double booking); null when allowed. */
export function refusalMessage(verdict: Verdict): string | null {
	if (verdict.problems.length > 0) return verdict.problems[0]!.message;
	if (verdict.conflicts.length > 0) return doubleBookingMessage(verdict.conflicts);
	return null;
}

/** A new interview: a fresh booking, an entry that first appears in the document, or a no-show or cancelled one booked again. */
export interface BookingRequest {
	/** What is booked. An entry already in the calendar carries its id (it never clashes with itself) and status. */
	proposal: InterviewProposal & { id?: string; candidateId?: string; status?: InterviewStatus };
	/** Booking a cancelled or no-show interview again ("book again"): the reason the person gave. */
	again?: { from: string; reason: string | null };
}

/** Judges a new interview whole. */
export function judgeBooking(request: BookingRequest, facts: JudgeFacts): Verdict {
	const { proposal, again } = request;
	// An entry that arrives already settled (a document's record) is no booking to judge on time or eligibility.
	const open = (proposal.status ?? 'scheduled') === 'scheduled';
	const problems = validateInterview(proposal, {
		now: facts.now,
		policy: facts.policy,
		application: facts.application,
		orgInterviewerIds: facts.interviewerIds,
		otherInterviews: facts.calendar.interviews,
		isReschedule: again !== undefined,
		ignoreId: proposal.id ?? again?.from,
		checkTiming: open,
		checkEligibility: open
	});
	if (again && (again.reason ?? '').trim() === '') problems.push(rescheduleReasonProblem('again'));
	const order = open ? roundOrderProblem(proposal, facts.calendar.interviews, proposal.id ?? again?.from) : null;
	if (order) problems.push(order);
	const candidateId = proposal.candidateId ?? facts.application?.candidateId;
	const calendarRules = open
		? dayRules({ ...proposal, id: proposal.id ?? again?.from }, proposal.panel, calendarOf(facts))
		: { problems: [], warnings: [] };
	return {
		problems: [...problems, ...calendarRules.problems],
		conflicts: candidateId === undefined ? [] : conflictsOf({ ...proposal, candidateId }, facts),
		warnings: [...hoursWarnings(proposal, candidateId, facts), ...calendarRules.warnings]
	};
}

/** A change of an existing interview: an edit, a drag or resize, a repair, or a live edit the projection records. */
export interface MoveRequest {
	/** What the interview was; a field not known counts as unchanged. */
	before: Partial<Pick<Interview, 'start' | 'mode' | 'panel'>>;
	/** The interview as it would be. */
	after: Interview;
	/**
	 * The reason the person gave. Leave it out when nobody can be asked: an edit already made (the
	 * projection records it), or a drag before its prompt asks.
	 */
	reason?: string | null;
}

/** True when the change moves the start. */
export function movesStart(request: Pick<MoveRequest, 'before' | 'after'>): boolean {
	const { before, after } = request;
	if (before.start === undefined) return false;
	const a = Date.parse(before.start);
	const b = Date.parse(after.start);
	return Number.isNaN(a) || Number.isNaN(b) ? before.start !== after.start : a !== b;
}

/** Interviewers the change puts on the panel (everyone when the panel before is not known). */
function addedToPanel(request: Pick<MoveRequest, 'before' | 'after'>): string[] {
	const before = new Set(request.before.panel ?? []);
	return [...new Set(request.after.panel)].filter((id) => request.before.panel === undefined || !before.has(id));
}

function turnsOnline(request: Pick<MoveRequest, 'before' | 'after'>): boolean {
	return request.after.mode === 'online' && request.before.mode !== undefined && request.before.mode !== 'online';
}

/** Judges a change on what it changes (see the module comment). */
export function judgeMove(request: MoveRequest, facts: JudgeFacts): Verdict {
	const { after } = request;
	const moved = movesStart(request);
	const open = after.status === 'scheduled';
	const problems: Problem[] = [];
	// Why an interview moved is what the history records first.
	if (request.reason !== undefined && moved && (request.reason ?? '').trim() === '')
		problems.push(rescheduleReasonProblem('move'));
	problems.push(
		...validateInterview(after, {
			now: facts.now,
			policy: facts.policy,
			application: facts.application,
			orgInterviewerIds: facts.interviewerIds,
			otherInterviews: facts.calendar.interviews,
			isReschedule: moved,
			ignoreId: after.id,
			checkTiming: moved && open,
			// Booking moved the application on; only turning online asks the application again.
			checkEligibility: turnsOnline(request) && open ? 'online' : false
		})
	);
	// Rounds follow dates: judged when the start is set, like the other moment rules.
	const order = moved && open ? roundOrderProblem(after, facts.calendar.interviews, after.id) : null;
	if (order) problems.push(order);
	// A new day is judged for everyone on the panel; a panel change only for whom it adds.
	const calendarRules = open
		? dayRules(after, moved ? after.panel : request.before.panel ? addedToPanel(request) : [], {
				...calendarOf(facts),
				closures: moved ? facts.closures : undefined
			})
		: { problems: [], warnings: [] };
	return {
		problems: [...problems, ...calendarRules.problems],
		conflicts: conflictsOf(after, facts),
		warnings: [...hoursWarnings(after, after.candidateId, facts), ...calendarRules.warnings]
	};
}

/** Rules judged only at the moment something is set; a finding of one stays true until it is judged again. */
export const MOMENT_RULES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
	'start_in_past',
	'min_notice',
	'too_far_ahead',
	'application_not_eligible',
	'interview_disabled',
	'online_disabled',
	'holiday',
	'over_load_limit',
	'round_out_of_order'
]);

/** The moment rules a change judges afresh (the others' findings stay as they were). */
export function rejudgedBy(request: Pick<MoveRequest, 'before' | 'after'>): ReadonlySet<ProblemCode> {
	const codes = new Set<ProblemCode>();
	if (request.after.status !== 'scheduled') return codes;
	if (movesStart(request))
		for (const c of [
			'start_in_past',
			'min_notice',
			'too_far_ahead',
			'holiday',
			'over_load_limit',
			'round_out_of_order'
		] as const)
			codes.add(c);
	if (request.before.panel !== undefined && addedToPanel(request).length > 0) codes.add('over_load_limit');
	if (turnsOnline(request)) codes.add('online_disabled');
	return codes;
}

/** A status change. */
export interface StatusRequest {
	interview: Pick<Interview, 'status' | 'start'>;
	to: InterviewStatus;
	/** The reason the person gave; leave it out when nobody is asked (a menu deciding what to offer). */
	reason?: string | null;
}

/**
 * Judges a status change. Without `now` only the status machine applies: the projection records a
 * move made apart, and edits made apart must still merge (an outcome recorded offline once the
 * interview had begun by that device's clock).
 */
export function judgeStatus(request: StatusRequest, facts: { now?: Date } = {}): Problem[] {
	const { interview, to } = request;
	const machine = transitionProblem(interview.status, to);
	if (machine) return [machine];
	const early = facts.now ? outcomeTimingProblem(to, interview.start, facts.now) : null;
	if (early) return [early];
	const reason = request.reason === undefined ? null : cancelReasonProblem(to, request.reason);
	return reason ? [reason] : [];
}

/** One person at one time, for the form's panel picker: whom they would clash with, and whether they work then. */
export function judgePerson(
	personId: string,
	at: { id?: string; start: string; durationMin: number },
	facts: Pick<JudgeFacts, 'calendar' | 'policy' | 'hours'>
): { conflicts: Conflict[]; outsideHours: boolean } {
	const conflicts = indexOf(facts)
		.conflictsFor({ id: at.id, start: at.start, durationMin: at.durationMin, panel: [personId], candidateId: '' })
		.filter((c) => c.personId === personId);
	const person = facts.hours?.interviewers.get(personId);
	return { conflicts, outsideHours: person ? !isWithinWorkingHours(person, at.start, at.durationMin) : false };
}

/**
 * The judge's rules about time, as the slot finder takes them: the starts a booking made now may
 * have, whose hours bound it (each interviewer's, the candidate's), and the buffer around every
 * interview. A slot inside all of them and clear of everyone's busy time passes `judgeBooking`.
 */
export function timeRules(
	facts: Pick<JudgeFacts, 'now' | 'policy'> & { hours: PeopleHours },
	people: { panel: readonly string[]; candidateId: string | null }
): { notBeforeMs: number; notAfterMs: number; people: SlotPerson[]; bufferMin: number; stepMin: number } {
	// Someone whose hours are unknown is never warned about, so any time suits them; their busy time still counts.
	const anyTime = (id: string): SlotPerson => ({ id, timezone: 'UTC', workingHours: ALL_DAY });
	const slotPeople: SlotPerson[] = [...new Set(people.panel)].map((id) => {
		const person = facts.hours.interviewers.get(id);
		return person ? { id, ...person } : anyTime(id);
	});
	if (people.candidateId !== null) {
		const zone = facts.hours.candidateZone;
		slotPeople.push(
			zone === null
				? anyTime(people.candidateId)
				: { id: people.candidateId, timezone: zone, workingHours: CANDIDATE_HOURS }
		);
	}
	return {
		...bookingWindow(facts.policy, facts.now),
		people: slotPeople,
		bufferMin: facts.policy.bufferMin,
		stepMin: facts.policy.slotStepMin
	};
}

/** What the calendar rules (`day-rules.ts`) read of the judge's facts. */
function calendarOf(facts: JudgeFacts) {
	return {
		closures: facts.closures,
		load: facts.load,
		interviews: facts.calendar.interviews,
		loadWarningPercent: facts.policy.loadWarningPercent
	};
}

const ALL_DAY: WorkingHours = { startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] };

function indexOf(facts: Pick<JudgeFacts, 'calendar' | 'policy'>): Pick<ConflictIndex, 'conflictsFor'> {
	return facts.calendar.index ?? new ConflictIndex(facts.calendar.interviews, { bufferMin: facts.policy.bufferMin });
}

function conflictsOf(subject: ConflictSubject, facts: JudgeFacts): Conflict[] {
	return indexOf(facts).conflictsFor(subject);
}

function hoursWarnings(
	at: { start: string; durationMin: number; panel: readonly string[] },
	candidateId: string | undefined,
	facts: JudgeFacts
): HoursWarning[] {
	const hours = facts.hours;
	if (!hours || Number.isNaN(Date.parse(at.start)) || !(at.durationMin > 0)) return [];
	const warnings: HoursWarning[] = [];
	for (const id of new Set(at.panel)) {
		const person = hours.interviewers.get(id);
		if (person && !isWithinWorkingHours(person, at.start, at.durationMin))
			warnings.push({
				code: 'outside_working_hours',
				personId: id,
				role: 'interviewer',
				message: 'Outside working hours'
			});
	}
	if (candidateId !== undefined && hours.candidateZone !== null) {
		const candidate = { timezone: hours.candidateZone, workingHours: CANDIDATE_HOURS };
		if (!isWithinWorkingHours(candidate, at.start, at.durationMin))
			warnings.push({
				code: 'outside_working_hours',
				personId: candidateId,
				role: 'candidate',
				params: { from: CANDIDATE_HOURS.startTime, to: CANDIDATE_HOURS.endTime },
				message: `Outside the candidate’s hours (${CANDIDATE_HOURS.startTime}–${CANDIDATE_HOURS.endTime} in their zone)`
			});
	}
	return warnings;
}
