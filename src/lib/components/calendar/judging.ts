/**
 * How the live calendar asks the judge: the facts the browser has (the page's data and the calendar
 * document as `CalendarSync` reads it) and the requests the scheduling form and a drag or resize
 * make. Plain functions, so a test can run exactly what the form and the drag run.
 */
import type { ConflictIndex } from '$lib/domain/conflicts';
import { isValidTimeZone } from '$lib/domain/time';
import type { Interview, InterviewMode, InterviewType } from '$lib/domain/types';
import { judgeBooking, judgeMove, movesStart, type JudgeFacts, type Verdict } from '$lib/domain/judge';
import { explainDays, type DayWithoutSlots } from '$lib/domain/explain';
import { busyFromIndex, offerSlots, type SlotFacts, type SlotSearch } from '$lib/domain/offer';
import { explainPoolDays } from '$lib/domain/pool-explain';
import { offerPoolSlots, type PoolSlot, type PoolSpec } from '$lib/domain/pools';
import type { CalendarApplication, CalendarPageData } from '$lib/contract/calendar-page';

/** The calendar as the browser holds it: its interviews and their conflict index. */
export interface LiveCalendarView {
	interviews: readonly Interview[];
	index: ConflictIndex;
}

/** The judge's facts in the browser, for one application (null: none chosen yet). */
export function browserFacts(
	data: Pick<CalendarPageData, 'policy' | 'interviewers' | 'closures'>,
	calendar: LiveCalendarView,
	application: CalendarApplication | null,
	now: Date
): JudgeFacts {
	return {
		now,
		policy: data.policy,
		application: application && {
			id: application.id,
			candidateId: application.candidateId,
			cycleId: application.cycleId,
			status: application.status,
			interviewEnabled: application.interviewEnabled,
			onlineInterviewEnabled: application.onlineInterviewEnabled
		},
		interviewerIds: new Set(data.interviewers.map((i) => i.id)),
		calendar,
		hours: {
			interviewers: new Map(data.interviewers.map((i) => [i.id, i])),
			candidateZone: application?.candidateTimezone ?? null
		},
		closures: data.closures,
		load: new Map(data.interviewers.map((i) => [i.id, { timezone: i.timezone, limit: i.loadLimit }]))
	};
}

/** What the scheduling form describes. */
export interface FormChoice {
	start: string;
	durationMin: number;
	type: InterviewType;
	mode: InterviewMode;
	location: string;
	round: number;
	panel: string[];
}

/** The form's three write paths: a new booking, an edit in place, booking a cancelled or no-show one again. */
export type FormKind =
	| { kind: 'new'; applicationId: string }
	| { kind: 'edit'; interview: Interview }
	| { kind: 'again'; source: Interview };

/**
 * The interview an edit writes: the form's fields over the interview. The zone stays the
 * interview's; one this browser does not know becomes the zone shown (decision 24).
 */
export function editedInterview(interview: Interview, choice: FormChoice, tz: string): Interview {
	return { ...interview, ...choice, timezone: isValidTimeZone(interview.timezone) ? interview.timezone : tz };
}

/** The form's verdict on what it describes, in the zone shown (`tz`), with the reason typed. */
export function judgeForm(form: FormKind, choice: FormChoice, tz: string, reason: string, facts: JudgeFacts): Verdict {
	if (form.kind === 'edit')
		return judgeMove(
			{ before: form.interview, after: editedInterview(form.interview, choice, tz), reason: reason.trim() },
			facts
		);
	const applicationId = form.kind === 'new' ? form.applicationId : form.source.applicationId;
	return judgeBooking(
		{
			proposal: { ...choice, timezone: tz, applicationId },
			...(form.kind === 'again' ? { again: { from: form.source.id, reason: reason.trim() } } : {})
		},
		facts
	);
}

/** Whether the form's change gives the interview a new time (the judge then asks for a reason). */
export function formMovesStart(form: FormKind, choice: FormChoice): boolean {
	if (form.kind === 'new') return false;
	const before = form.kind === 'edit' ? form.interview : form.source;
	return movesStart({ before, after: { ...before, ...choice } });
}

/** A drag or resize: the new time (and panel) of a scheduled interview; `reason` once the prompt asked. */
export function judgeDrag(
	interview: Interview,
	change: { start: string; durationMin: number; panel: string[] },
	facts: JudgeFacts,
	reason?: string
): Verdict {
	return judgeMove(
		{ before: interview, after: { ...interview, ...change }, ...(reason === undefined ? {} : { reason }) },
		facts
	);
}

/** What the form asks the finder: the named panel, the candidate, the length, near which start. */
export interface SuggestAsk {
	panel: readonly string[];
	candidateId: string | null;
	durationMin: number;
	around: string;
	ignoreId?: string;
}

/**
 * The search "Free for everyone" makes: two weeks from a day before the chosen start (`window`: a
 * given range instead). The busy time read covers the pool's members too.
 */
function suggestionSearch(
	ask: SuggestAsk,
	facts: JudgeFacts,
	calendar: LiveCalendarView,
	pool: readonly string[] = [],
	window?: { from: number; to: number }
): { search: SlotSearch; slotFacts: SlotFacts } | null {
	const SEARCH_DAYS = 14;
	const DAY_MS = 86_400_000;
	if ((ask.panel.length === 0 && pool.length === 0) || !facts.hours) return null;
	const now = facts.now.getTime();
	const around = Date.parse(ask.around);
	const from = window?.from ?? Math.max(now, Number.isNaN(around) ? now : around - DAY_MS);
	const to = window?.to ?? from + SEARCH_DAYS * DAY_MS;
	const ids = [...ask.panel, ...pool, ...(ask.candidateId ? [ask.candidateId] : [])];
	const busy = busyFromIndex(
		calendar.index,
		ids,
		{ from, to },
		{ bufferMin: facts.policy.bufferMin, ignoreId: ask.ignoreId }
	);
	return {
		search: {
			panel: ask.panel,
			candidateId: ask.candidateId,
			durationMin: ask.durationMin,
			from,
			to,
			ignoreId: ask.ignoreId
		},
		slotFacts: {
			now: facts.now,
			policy: facts.policy,
			hours: facts.hours,
			busy,
			closures: facts.closures,
			load: facts.load,
			interviews: calendar.interviews
		}
	};
}

/**
 * "Free for everyone": up to `limit` starts from a day before the chosen one, over two weeks, at
 * which the panel and the candidate can meet and the judge accepts a booking (an edited interview's
 * own time is free).
 */
export function suggestSlots(ask: SuggestAsk, facts: JudgeFacts, calendar: LiveCalendarView, limit = 6): string[] {
	const made = suggestionSearch(ask, facts, calendar);
	if (!made) return [];
	try {
		return offerSlots({ ...made.search, limit }, made.slotFacts);
	} catch {
		// A duration the finder cannot take (the form shows its problem).
		return [];
	}
}

/** When "Free for everyone" finds nothing: each day of its search, in `tz`, and what blocks it. */
export function whyNoSuggestions(
	ask: SuggestAsk,
	facts: JudgeFacts,
	calendar: LiveCalendarView,
	tz: string
): DayWithoutSlots[] {
	const made = suggestionSearch(ask, facts, calendar);
	if (!made) return [];
	try {
		return explainDays(made.search, made.slotFacts, tz);
	} catch {
		return [];
	}
}

/** "Free for everyone" with a pool: up to `limit` starts, each with the members picked for the pool's seats and why. */
export function suggestPoolSlots(
	ask: SuggestAsk,
	pool: PoolSpec,
	facts: JudgeFacts,
	calendar: LiveCalendarView,
	limit = 6
): PoolSlot[] {
	const made = suggestionSearch(ask, facts, calendar, pool.members);
	if (!made) return [];
	try {
		return offerPoolSlots({ ...made.search, limit }, pool, made.slotFacts);
	} catch {
		return [];
	}
}

/**
 * Whom the pool's seats take at the chosen start itself (`ask.around`), picked as the suggestions
 * pick; null when fewer than the pool's count can join the panel then.
 */
export function poolAtStart(
	ask: SuggestAsk,
	pool: PoolSpec,
	facts: JudgeFacts,
	calendar: LiveCalendarView
): PoolSlot | null {
	const start = Date.parse(ask.around);
	if (Number.isNaN(start)) return null;
	const window = { from: start, to: start + ask.durationMin * 60_000 };
	const made = suggestionSearch(ask, facts, calendar, pool.members, window);
	if (!made) return null;
	try {
		const [slot] = offerPoolSlots({ ...made.search, limit: 1 }, pool, made.slotFacts);
		return slot && Date.parse(slot.start) === start ? slot : null;
	} catch {
		return null;
	}
}

/** When the pool's suggestions find nothing: each day of the search, in `tz`, and what blocks it, pool members included. */
export function whyNoPoolSuggestions(
	ask: SuggestAsk,
	pool: PoolSpec,
	facts: JudgeFacts,
	calendar: LiveCalendarView,
	tz: string
): DayWithoutSlots[] {
	const made = suggestionSearch(ask, facts, calendar, pool.members);
	if (!made) return [];
	try {
		return explainPoolDays(made.search, pool, made.slotFacts, tz);
	} catch {
		return [];
	}
}
