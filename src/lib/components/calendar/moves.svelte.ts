/**
 * Moving interviews on the calendar: a drag or resize is judged at once (refused with the server's
 * words, or kept on screen while the prompt asks why it moves), judged again with the reason, and
 * written; a move that lost a merge made apart can be put back. The judge decides every time.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the Dates here are instants handed to the judge and the
   calendar helpers, never kept as state. */
import { updateInterview } from '$lib/collab/calendar';
import { m } from '$lib/paraglide/messages';
import { problemText } from '$lib/i18n/problems';
import type { LostMove } from '$lib/collab/move-ledger';
import type { CalendarSync } from '$lib/collab/sync.svelte';
import { MINUTE_MS, movesStart, type Interview, type Verdict } from '$lib/domain';
import { rangeIn, timeIn, wallToUtc } from './format';
import { browserFacts, judgeDrag } from './judging';
import type { ToastKind } from './toaster.svelte';
import type { CalendarPageData } from '$lib/contract/calendar-page';

/** A drag or resize waiting for its reason: shown at its new place, written on Save. */
export interface PendingMove {
	id: string;
	start: string;
	durationMin: number;
	panel: string[];
	/** Puts the event back where the widget had it. */
	revert: () => void;
}

/** A new time, length and panel for an interview. */
export type Change = Pick<PendingMove, 'start' | 'durationMin' | 'panel'>;

/** What moving needs from the calendar page. */
export interface MoveContext {
	data: CalendarPageData;
	sync: CalendarSync;
	tz(): string;
	canEdit(): boolean;
	say(text: string, kind?: ToastKind, detail?: string): void;
	/** The candidate's name of an interview, for messages. */
	candidateOf(interviewId: string): string;
	/** The name of an admin, for "replaced by …". */
	personName(userId: string | null): string;
}

export class MoveFlow {
	#pending = $state<PendingMove | null>(null);

	constructor(private readonly ctx: MoveContext) {}

	/** The move waiting for its reason. */
	get pending(): PendingMove | null {
		return this.#pending;
	}

	/** Whether the waiting move gives a new start (its reason is then required). */
	get startMoves(): boolean {
		const move = this.#pending;
		const iv = move ? this.#interview(move.id) : undefined;
		return !!move && !!iv && movesStart({ before: iv, after: { ...iv, start: move.start } });
	}

	/** The waiting move in words: "Sam Carter: Sat 28 Nov 2026, 10:00 → 11:00 GMT+0 · with Ines". */
	get what(): string {
		const move = this.#pending;
		const iv = move ? this.#interview(move.id) : undefined;
		if (!move || !iv) return '';
		const tz = this.ctx.tz();
		const from = rangeIn(iv.start, iv.durationMin, tz);
		const to = rangeIn(move.start, move.durationMin, tz);
		// "Sat 28 Nov 2026, 10:00–10:45 GMT+0": on the same day, say the day once.
		const RANGE = /^(.*), (\S+) (\S+)$/;
		const [, fromDay, fromTime, zone] = RANGE.exec(from) ?? [];
		const [, toDay, toTime] = RANGE.exec(to) ?? [];
		const when = fromDay && fromDay === toDay ? `${fromDay}, ${fromTime} → ${toTime} ${zone}` : `${from} → ${to}`;
		const staff =
			move.panel.join() !== iv.panel.join()
				? ` · with ${move.panel.map((p) => this.#interviewerName(p) ?? '?').join(', ')}`
				: '';
		return `${this.ctx.candidateOf(iv.id)}: ${when}${staff}`;
	}

	/** A drag or resize ended: refuse it at once, or keep it on screen and ask why it moves. */
	propose(id: string, startDate: Date, endDate: Date, revert: () => void, panelChange?: { from: string; to: string }) {
		const iv = this.#interview(id);
		if (!iv || !this.ctx.sync.doc || !this.ctx.canEdit() || this.#pending) return revert();
		const start = wallToUtc(startDate, this.ctx.tz());
		const durationMin = Math.round((endDate.getTime() - startDate.getTime()) / MINUTE_MS);
		let panel = iv.panel;
		if (panelChange && panelChange.from !== panelChange.to) {
			panel = iv.panel.includes(panelChange.to)
				? iv.panel.filter((p) => p !== panelChange.from)
				: iv.panel.map((p) => (p === panelChange.from ? panelChange.to : p));
		}
		const change = { start, durationMin, panel };
		// The reason is asked next, by the prompt.
		const refusal = this.#refusalOf(this.#judge(iv, change));
		if (refusal) {
			revert();
			this.ctx.say(refusal.text, 'error', refusal.detail);
			return;
		}
		this.#pending = { id, ...change, revert };
	}

	/** Writes the waiting move with its reason; returns a problem for the prompt, or null when done. */
	save(reason: string): string | null {
		const move = this.#pending;
		const doc = this.ctx.sync.doc;
		if (!move || !doc) return null;
		const iv = this.#interview(move.id);
		const change = { start: move.start, durationMin: move.durationMin, panel: move.panel };
		// The calendar may have changed while the question was open: judge again, with the reason.
		if (!iv) {
			this.undo();
			this.ctx.say(m.cal_move_gone(), 'error');
			return null;
		}
		const verdict = this.#judge(iv, change, reason);
		const [first, ...rest] = verdict.problems;
		// Only the reason is missing: the prompt says so and stays open.
		if (first?.code === 'reason_required' && rest.length === 0 && verdict.conflicts.length === 0)
			return problemText(first);
		const refusal = this.#refusalOf(verdict);
		if (refusal) {
			this.undo();
			this.ctx.say(refusal.text, 'error', refusal.detail);
			return null;
		}
		const result = updateInterview(doc, move.id, change, { actor: this.ctx.data.me.id, now: new Date(), reason });
		if (!result.ok) return problemText(result.problem);
		this.#pending = null;
		this.ctx.say(m.cal_moved_to({ name: this.ctx.candidateOf(move.id), time: timeIn(move.start, this.ctx.tz()) }));
		return null;
	}

	/** Puts the waiting move back where it was; nothing was written. */
	undo(): void {
		const move = this.#pending;
		if (!move) return;
		move.revert();
		this.#pending = null;
	}

	/** Puts back my move that a move made apart replaced (judged like any move). */
	reapply(lost: LostMove): void {
		const { sync, say } = this.ctx;
		const iv = this.#interview(lost.interviewId);
		const doc = sync.doc;
		if (!iv || !doc || iv.status !== 'scheduled') {
			sync.dismissLost(lost.interviewId);
			say(m.cal_move_cannot(), 'error');
			return;
		}
		const change = { start: lost.mine.start, durationMin: lost.mine.durationMin, panel: iv.panel };
		const reason = m.cal_move_reapplied_reason({ who: this.ctx.personName(lost.theirs.by) });
		const refusal = this.#refusalOf(this.#judge(iv, change, reason));
		if (refusal) {
			say(refusal.text, 'error', refusal.detail);
			return;
		}
		const result = updateInterview(doc, iv.id, change, { actor: this.ctx.data.me.id, now: new Date(), reason });
		if (!result.ok) {
			say(problemText(result.problem), 'error');
			return;
		}
		sync.dismissLost(lost.interviewId);
		say(m.cal_move_back({ name: this.ctx.candidateOf(iv.id), time: timeIn(lost.mine.start, this.ctx.tz()) }));
	}

	/** Forgets a waiting move without touching the widget (tests). */
	reset(): void {
		this.#pending = null;
	}

	#interview(id: string): Interview | undefined {
		return this.ctx.sync.interviews.find((iv) => iv.id === id);
	}

	#interviewerName(id: string): string | null {
		return this.ctx.data.interviewers.find((i) => i.id === id)?.name ?? null;
	}

	/** The judge's verdict on a new time or panel; `reason` once the prompt asked for it. */
	#judge(iv: Interview, change: Change, reason?: string): Verdict {
		const { data, sync } = this.ctx;
		const app = data.applications.find((a) => a.id === iv.applicationId) ?? null;
		const facts = browserFacts(data, { interviews: sync.interviews, index: sync.index }, app, new Date());
		return judgeDrag(iv, change, facts, reason);
	}

	/** Why a change cannot be made, in the server's words (with who is double-booked); null when it can. */
	#refusalOf(verdict: Verdict): { text: string; detail?: string } | null {
		// The judge's refusal in the reader's language (its first problem, else the double booking).
		const first = verdict.problems[0];
		const text = first
			? problemText(first)
			: verdict.conflicts.length > 0
				? m.cal_double_book({ count: new Set(verdict.conflicts.map((c) => c.personId)).size })
				: null;
		if (text === null) return null;
		const c = verdict.problems.length === 0 ? verdict.conflicts[0] : undefined;
		if (!c) return { text };
		const who =
			c.role === 'candidate'
				? m.cal_the_candidate_cap()
				: (this.#interviewerName(c.personId) ?? m.cal_a_panel_member());
		const tz = this.ctx.tz();
		return {
			text,
			detail: m.cal_is_booked({
				who,
				start: timeIn(c.start, tz),
				end: timeIn(c.end, tz),
				with: this.ctx.candidateOf(c.interviewId)
			})
		};
	}
}
