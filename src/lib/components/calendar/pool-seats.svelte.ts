/**
 * "And N of this pool" in the scheduling form: which interviewers make the pool and how many seats
 * it fills; the finder's picks at the chosen start and its suggestions, each with who and why, as
 * the organization prefers (decision "Pools pick per slot; both preferences offer the same starts").
 */
import type { JudgeFacts } from '$lib/domain/judge';
import type { DayWithoutSlots } from '$lib/domain/explain';
import type { PoolPreference } from '$lib/domain/policy';
import { m } from '$lib/paraglide/messages';
import { poolMembers, type PoolSlot, type PoolSpec } from '$lib/domain/pools';
import { poolAtStart, suggestPoolSlots, whyNoPoolSuggestions, type LiveCalendarView, type SuggestAsk } from './judging';

/** The most seats a pool fills (as in scheduling requests). */
export const MAX_POOL_COUNT = 5;

/** What the pool's finder reads from the form, read again on every change. */
export interface PoolSeatsSource {
	ask: () => SuggestAsk;
	facts: () => JudgeFacts;
	calendar: () => LiveCalendarView;
	prefer: () => PoolPreference;
}

export class PoolSeats {
	/** The pool's members, in the order the admin ticked them (the `soonest` preference keeps it). */
	members = $state<string[]>([]);
	/** How many of them join the panel. */
	count = $state(1);
	readonly #source: PoolSeatsSource;
	#spec: PoolSpec | null;
	#atStart: PoolSlot | null;
	#suggestions: PoolSlot[];

	constructor(source: PoolSeatsSource) {
		this.#source = source;
		this.#spec = $derived.by(() => {
			const members = poolMembers(source.ask().panel, this.members);
			if (members.length === 0) return null;
			const count = Math.min(MAX_POOL_COUNT, Math.max(1, Math.floor(Number(this.count)) || 1));
			return { members, count, prefer: source.prefer() };
		});
		this.#atStart = $derived(
			this.#spec ? poolAtStart(source.ask(), this.#spec, source.facts(), source.calendar()) : null
		);
		this.#suggestions = $derived(
			this.#spec ? suggestPoolSlots(source.ask(), this.#spec, source.facts(), source.calendar()) : []
		);
	}

	/** Whether the panel takes some of a pool. */
	get active(): boolean {
		return this.#spec !== null;
	}
	/** The pool as the finder takes it (members not named on the panel), or null. */
	get spec(): PoolSpec | null {
		return this.#spec;
	}
	/** Whom the seats take at the chosen start, and why; null when not enough of the pool are free then. */
	get atStart(): PoolSlot | null {
		return this.#atStart;
	}
	/** Free times near the chosen start, each with its picks. */
	get suggestions(): PoolSlot[] {
		return this.#suggestions;
	}
	/** A problem while the seats cannot be filled at the chosen start. */
	get problem(): string | null {
		const spec = this.#spec;
		if (!spec || this.#atStart) return null;
		if (spec.members.length < spec.count)
			return m.cal_pool_too_small({ count: spec.members.length, asked: spec.count });
		return spec.count === 1 ? m.cal_pool_nobody() : m.cal_pool_fewer({ count: spec.count });
	}

	/** Why a slot's members were picked, in the reader's language. */
	static why(slot: PoolSlot): string {
		if (!slot.weeks) return m.cal_pool_why_soonest();
		const count = slot.weeks.length === 1 ? slot.weeks[0]! : 2;
		return m.cal_pool_why_least({ count, weeks: slot.weeks.join(', ') });
	}

	/** Puts an interviewer in the pool or takes them out. */
	toggle(id: string, on: boolean): void {
		this.members = on ? [...this.members.filter((m) => m !== id), id] : this.members.filter((m) => m !== id);
	}

	/** Why the suggestions are empty, day by day in `tz`, pool members included. */
	whyNone(tz: string): DayWithoutSlots[] {
		const spec = this.#spec;
		if (!spec || this.#suggestions.length > 0) return [];
		return whyNoPoolSuggestions(this.#source.ask(), spec, this.#source.facts(), this.#source.calendar(), tz);
	}

	/** No pool (tests). */
	reset(): void {
		this.members = [];
		this.count = 1;
	}
}
