/**
 * The scheduling form's state: what the admin chose (application, time, length, type, mode, place,
 * round, panel, reason), the judge's verdict on it as the calendar stands, free times to suggest,
 * and the write. No markup: `ScheduleForm.svelte` and its pickers show it.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the Dates here are instants handed to the judge and the
   calendar helpers, never kept as state. */
import {
	judgePerson,
	MINUTE_MS,
	zonedWallTimeToUtc,
	type Conflict,
	type Interview,
	type InterviewMode,
	type InterviewType,
	type JudgeFacts,
	type Problem,
	type Verdict
} from '$lib/domain';
import { defaultMode, heldRounds, roundForStart, schedulingOffer } from '$lib/domain/rounds';
import { nextWorkingStart } from '$lib/domain/availability';
import type { CalendarSync } from '$lib/collab/sync.svelte';
import { wallParts } from './format';
import { writeForm, type FormWrite } from './form-writes';
import {
	browserFacts,
	formMovesStart,
	judgeForm,
	suggestSlots,
	whyNoSuggestions,
	type FormChoice,
	type FormKind,
	type SuggestAsk
} from './judging';
import { PoolSeats } from './pool-seats.svelte';
import { m } from '$lib/paraglide/messages';
import { problemText, warningText } from '$lib/i18n/problems';
import type { DayWithoutSlots } from '$lib/domain/explain';
import type { CalendarApplication, CalendarPageData } from '$lib/contract/calendar-page';

/** Default starts fall on the half hour. */
const DEFAULT_STEP_MIN = 30;

/** How the form opens. */
export interface FormStart {
	data: CalendarPageData;
	sync: CalendarSync;
	/** The zone the form shows times in (it may change while the form is open). */
	tz: () => string;
	initialStart?: string | null;
	initialApplicationId?: string | null;
	/** The round asked for (e.g. "schedule next round"); otherwise the application's next round. */
	initialRound?: number | null;
	/** Set when editing or rescheduling an existing interview. */
	interview?: Interview | null;
	/** Set when booking a cancelled or no-show interview again (a new interview linked to it). */
	source?: Interview | null;
}

export class ScheduleFormState {
	readonly data: CalendarPageData;
	readonly sync: CalendarSync;
	/** new: a fresh booking; edit: change an interview in place; again: book a cancelled or no-show one anew. */
	readonly kind: 'new' | 'edit' | 'again';
	/** The interview edited or booked again. */
	readonly seed: Interview | null;
	/** Where the start began, for the panel's local times before a valid start is typed. */
	readonly startSeed: string;
	readonly #tz: () => string;

	query = $state('');
	applicationId = $state('');
	date = $state('');
	time = $state('');
	durationMin = $state(45);
	type = $state<InterviewType>('video');
	mode = $state<InterviewMode>('online');
	location = $state('');
	round = $state(1);
	panel = $state<string[]>([]);
	reason = $state('');
	/** "And N of this pool": the finder fills those seats (a new booking, booking again or an edit). */
	readonly pool: PoolSeats;
	#roundTouched = false;
	#modeTouched = false;
	#submitted = $state(false);
	#saveError = $state<string | null>(null);
	#eligible: CalendarApplication[];
	#application: CalendarApplication | null;
	#startIso: string;
	#chosen: FormChoice;
	#form: FormKind;
	#facts: JudgeFacts;
	#timeChanged: boolean;
	#verdict: Verdict;
	#reasonNeeded: boolean;
	#problems: Problem[];
	#conflicts: Conflict[];
	#suggestions: string[];

	constructor(start: FormStart) {
		this.data = start.data;
		this.sync = start.sync;
		this.#tz = start.tz;
		this.kind = start.interview ? 'edit' : start.source ? 'again' : 'new';
		const seed = (this.seed = start.interview ?? start.source ?? null);
		this.startSeed = start.interview?.start ?? start.initialStart ?? this.#defaultStart();
		const parts = wallParts(this.startSeed, start.tz());
		this.applicationId = seed?.applicationId ?? start.initialApplicationId ?? '';
		this.date = parts.date;
		this.time = parts.time;
		this.durationMin = seed?.durationMin ?? 45;
		this.type = seed?.type ?? 'video';
		this.mode = seed?.mode ?? defaultMode(this.data.applications.find((a) => a.id === this.applicationId) ?? null);
		this.location = seed?.location ?? '';
		// An in-person-only application starts in person, as an in-person interview.
		if (!seed && this.mode === 'offline' && this.type === 'video') this.type = 'in_person';
		this.round = seed?.round ?? start.initialRound ?? 1;
		this.#roundTouched = seed !== null || (start.initialRound ?? null) !== null;
		this.panel = seed ? [...seed.panel] : [];

		this.#eligible = $derived(
			this.data.applications.filter(
				// The Applicants page offers "Schedule…" by the same rule (`schedulingOffer`).
				(a) =>
					schedulingOffer(a, this.sync.interviews).blocker === null &&
					a.candidateName.toLowerCase().includes(this.query.trim().toLowerCase())
			)
		);
		this.#application = $derived(this.data.applications.find((a) => a.id === this.applicationId) ?? null);
		this.#startIso = $derived.by(() => {
			try {
				return zonedWallTimeToUtc(this.date, this.time, this.#tz()).toISOString();
			} catch {
				return '';
			}
		});
		this.pool = new PoolSeats({
			ask: () => this.#ask(),
			facts: () => this.#facts,
			calendar: () => ({ interviews: this.sync.interviews, index: this.sync.index }),
			prefer: () => this.data.policy.poolPreference
		});
		this.#chosen = $derived({
			start: this.#startIso,
			durationMin: Number(this.durationMin),
			type: this.type,
			mode: this.mode,
			location: this.mode === 'offline' ? this.location : '',
			round: Number(this.round),
			// The pool's picks at this start join the named panel, so the judge and the write see them.
			panel: this.pool.active ? [...this.panel, ...(this.pool.atStart?.picked ?? [])] : this.panel
		});
		this.#form = $derived<FormKind>(
			this.kind === 'edit' && seed
				? { kind: 'edit', interview: seed }
				: this.kind === 'again' && seed
					? { kind: 'again', source: seed }
					: { kind: 'new', applicationId: this.applicationId }
		);
		// What the judge reads: the page's data and the live calendar (read again on every change).
		this.#facts = $derived(
			browserFacts(
				this.data,
				{ interviews: this.sync.interviews, index: this.sync.index },
				this.#application,
				new Date()
			)
		);
		this.#timeChanged = $derived(this.#startIso !== '' && formMovesStart(this.#form, this.#chosen));
		this.#verdict = $derived(judgeForm(this.#form, this.#chosen, this.#tz(), this.reason, this.#facts));
		this.#reasonNeeded = $derived(
			judgeForm(this.#form, this.#chosen, this.#tz(), '', this.#facts).problems.some(
				(p) => p.code === 'reason_required'
			)
		);
		this.#problems = $derived.by(() => {
			const pool = this.#startIso ? this.pool.problem : null;
			const problems: Problem[] = pool
				? [
						{ code: 'pool_unfilled', field: 'panel', message: pool },
						...this.#verdict.problems.filter((p) => p.code !== 'panel_empty')
					]
				: this.#verdict.problems;
			return this.applicationId
				? problems
				: [
						{
							code: 'application_not_eligible',
							field: 'application_id',
							message: m.cal_choose_application()
						},
						...problems.filter((p) => p.field !== 'application_id')
					];
		});
		this.#conflicts = $derived(this.#startIso && this.#application ? this.#verdict.conflicts : []);
		this.#suggestions = $derived(
			this.pool.active
				? this.pool.suggestions.map((s) => s.start)
				: suggestSlots(this.#ask(), this.#facts, { interviews: this.sync.interviews, index: this.sync.index })
		);
	}

	/** What the finder is asked: the named panel and the candidate, near the chosen start. */
	#ask(): SuggestAsk {
		return {
			panel: this.panel,
			candidateId: this.#application?.candidateId ?? null,
			durationMin: Number(this.durationMin),
			around: this.#startIso,
			ignoreId: this.seed?.id
		};
	}

	/** Whether the admin tried to save (field problems show from then on). */
	get submitted(): boolean {
		return this.#submitted;
	}
	/** Why the last save failed in the document. */
	get saveError(): string | null {
		return this.#saveError;
	}

	/** The applications that can be booked and match the search. */
	get eligible(): CalendarApplication[] {
		return this.#eligible;
	}
	get application(): CalendarApplication | null {
		return this.#application;
	}
	/** The start as an instant; '' while the date or time is not a real one. */
	get startIso(): string {
		return this.#startIso;
	}
	/** What the form describes, in the shape the judge and the calendar helpers take (the zone aside). */
	get chosen(): FormChoice {
		return this.#chosen;
	}
	/** Whether the form gives the interview a new time. */
	get timeChanged(): boolean {
		return this.#timeChanged;
	}
	/** A new time is recorded with its reason: the judge asks for one when it is blank. */
	get reasonNeeded(): boolean {
		return this.#reasonNeeded;
	}
	/** Every broken rule, "choose the application" first while none is chosen. */
	get problems(): Problem[] {
		return this.#problems;
	}
	/** Double bookings of the proposal (live, from the conflict index); none before an application is chosen. */
	get conflicts(): Conflict[] {
		return this.#conflicts;
	}
	/** Panel members the booking brings near their load limit, with the judge's sentence (never refused). */
	get loadWarnings(): { personId: string; message: string }[] {
		if (!this.#startIso) return [];
		return this.#verdict.warnings
			.filter((w) => w.code === 'near_load_limit')
			.map((w) => ({ personId: w.personId, message: warningText(w) }));
	}
	/** "Free for everyone": starts the judge accepts, near the chosen one. */
	get suggestions(): string[] {
		return this.#suggestions;
	}
	/** When there are no suggestions though a panel (or a pool) is chosen: why, day by day (computed when asked). */
	whyNoSuggestions(): DayWithoutSlots[] {
		if (this.pool.active) return this.pool.whyNone(this.#tz());
		if (this.#suggestions.length > 0 || this.panel.length === 0) return [];
		return whyNoSuggestions(
			this.#ask(),
			this.#facts,
			{ interviews: this.sync.interviews, index: this.sync.index },
			this.#tz()
		);
	}

	/** The message of the first problem on a field. */
	problemOf(field: string): string | null {
		const problem = this.#problems.find((p) => p.field === field);
		return problem ? this.say(problem) : null;
	}
	/** A problem in the reader's language. */
	say(problem: Problem): string {
		if (problem.code === 'reason_required' && problem.field === 'reason')
			return this.kind === 'again' ? m.cal_reason_missing_again() : m.cal_reason_missing_move();
		return problemText(problem);
	}

	/** One interviewer at the chosen time: whom they would clash with, whether they work then. */
	personAt(personId: string) {
		return judgePerson(
			personId,
			{
				id: this.kind === 'edit' ? this.seed?.id : undefined,
				start: this.startIso,
				durationMin: Number(this.durationMin)
			},
			this.#facts
		);
	}

	/**
	 * Until the admin types a round, it follows the date: the round the chosen start takes among the
	 * application's rounds (decision 49). Until the admin picks a mode, a new booking takes the one
	 * the application allows (in person when online interviews are off).
	 */
	followRound(): void {
		if (!this.applicationId) return;
		if (!this.#roundTouched)
			this.round = roundForStart(this.sync.interviews, this.applicationId, this.#startIso || null, this.seed?.id);
		if (!this.#modeTouched && this.kind === 'new') {
			const mode = defaultMode(this.#application);
			if (mode !== this.mode) this.setMode(mode, false);
		}
	}

	/** The rounds the chosen application holds, earliest first, for the form to show beside the round. */
	get heldRounds(): { id: string; round: number; start: string }[] {
		if (!this.applicationId) return [];
		return heldRounds(this.sync.interviews, this.applicationId, this.seed?.id).map((iv) => ({
			id: iv.id,
			round: iv.round,
			start: iv.start
		}));
	}

	/** The admin typed a round: it no longer follows the application. */
	touchRound(): void {
		this.#roundTouched = true;
	}

	/** Online interviews happen in the video room: the type follows a change of mode (and back). */
	setMode(next: InterviewMode, byAdmin = true): void {
		if (byAdmin) this.#modeTouched = true;
		if (next === 'offline' && this.type === 'video') this.type = 'in_person';
		else if (next === 'online' && this.type === 'in_person') this.type = 'video';
		this.mode = next;
	}

	/** Puts an interviewer on the panel or takes them off. */
	togglePanel(id: string, on: boolean): void {
		this.panel = on ? [...this.panel, id] : this.panel.filter((p) => p !== id);
		// Named on the panel, a person no longer waits in the pool.
		if (on) this.pool.toggle(id, false);
	}

	/** Takes a suggested start. */
	pick(iso: string): void {
		const p = wallParts(iso, this.#tz());
		this.date = p.date;
		this.time = p.time;
	}

	/** Saves when the judge allows it; returns what was written, or null when it was not. */
	submit(): Extract<FormWrite, { ok: true }> | null {
		this.#submitted = true;
		this.#saveError = null;
		// A double booking is refused here as the server refuses it; only edits merged from apart make one.
		if (this.#problems.length > 0 || this.#conflicts.length > 0) return null;
		const doc = this.sync.doc;
		const application = this.#application;
		if (!doc || !application) return null;
		const written = writeForm(doc, this.#form, this.#chosen, {
			tz: this.#tz(),
			application,
			actor: this.data.me.id,
			reason: this.reason.trim(),
			now: new Date(),
			rescheduled: this.#timeChanged
		});
		if (!written.ok) {
			this.#saveError = written.message;
			return null;
		}
		return written;
	}

	/** Back to not submitted, nothing refused (tests). */
	reset(): void {
		this.#submitted = false;
		this.#saveError = null;
		this.pool.reset();
	}

	/** The first half hour inside working hours (read in the zone shown) after the minimum notice. */
	#defaultStart(): string {
		const notBefore = Date.now() + this.data.policy.minNoticeMin * MINUTE_MS;
		const found = nextWorkingStart(
			{ timezone: this.#tz(), workingHours: this.data.policy.workingHours },
			{ notBefore, durationMin: this.seed?.durationMin ?? 45, stepMin: DEFAULT_STEP_MIN }
		);
		const step = DEFAULT_STEP_MIN * MINUTE_MS;
		return found ?? new Date(Math.ceil(notBefore / step) * step).toISOString();
	}
}
