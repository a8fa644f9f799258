/**
 * Marking an interview in the detail panel: which moves to offer (the judge's answer now), the
 * question that confirms one (with a reason for a cancel), and the write to the calendar document.
 */
import type * as Y from 'yjs';
import { setStatus } from '$lib/collab/calendar';
import { judgeStatus, type Interview, type InterviewStatus } from '$lib/domain';
import { problemText } from '$lib/i18n/problems';
import { m } from '$lib/paraglide/messages';

/** The moves a person makes from the panel (starting an interview happens in the room). */
export type Mark = 'cancelled' | 'completed' | 'no_show';

export class StatusChange {
	#asking = $state<Mark | null>(null);
	#reason = $state('');
	#error = $state<string | null>(null);

	/** The move waiting for confirmation, if any. */
	get asking(): Mark | null {
		return this.#asking;
	}
	get reason(): string {
		return this.#reason;
	}
	set reason(value: string) {
		this.#reason = value;
	}
	/** Why the move was refused. */
	get error(): string | null {
		return this.#error;
	}

	/** Whether the judge allows the move now (a cancel's reason is asked afterwards). */
	offers(interview: Pick<Interview, 'status' | 'start'>, to: InterviewStatus, now: Date): boolean {
		return judgeStatus({ interview, to }, { now }).length === 0;
	}

	/** Opens the question for a move, or closes it when asked again. */
	ask(to: Mark): void {
		this.#error = null;
		this.#asking = this.#asking === to ? null : to;
	}

	/** Leaves the question without changing anything. */
	keep(): void {
		this.#asking = null;
		this.#reason = '';
		this.#error = null;
	}

	/** Writes the move after the judge agrees; returns whether it was made. */
	run(doc: Y.Doc, interview: Interview, to: Mark, actor: string, now: Date): boolean {
		this.#error = null;
		const [problem] = judgeStatus({ interview, to, reason: this.#reason }, { now });
		if (problem) {
			// The only reason asked for here is the cancellation's.
			this.#error = problem.code === 'reason_required' ? m.cal_cancel_reason_missing() : problemText(problem);
			return false;
		}
		const result = setStatus(doc, interview.id, to, {
			actor,
			now,
			reason: this.#reason.trim() || null
		});
		if (!result.ok) {
			this.#error = problemText(result.problem);
			return false;
		}
		this.#asking = null;
		this.#reason = '';
		return true;
	}

	/** Nothing asked (tests). */
	reset(): void {
		this.keep();
	}
}
