/**
 * What the calendar's side panel shows: the scheduling form (a new booking, an edit, booking a
 * cancelled or no-show interview again), or an interview's details. Called the side panel to tell
 * it from an interview's panel of interviewers.
 */

import { takeEarlyClick } from '../early-click';

export type SideContent =
	| { kind: 'new'; start: string | null; applicationId: string | null; round?: number | null }
	| { kind: 'edit'; id: string }
	| { kind: 'again'; id: string }
	| { kind: 'detail'; id: string };

export class SidePanel {
	#content = $state<SideContent | null>(null);

	/** What is open; null when the side panel is closed. */
	get content(): SideContent | null {
		return this.#content;
	}
	/** The interview the side panel is about (its details or a form for it); null for a new booking. */
	get openId(): string | null {
		return this.#content && this.#content.kind !== 'new' ? this.#content.id : null;
	}
	/** The interview a form is changing right now (an edit, or booking it again). */
	get changingId(): string | null {
		const c = this.#content;
		return c && (c.kind === 'edit' || c.kind === 'again') ? c.id : null;
	}

	/** Opens the form for a new booking, at a start and for an application when known. */
	schedule(start: string | null = null, applicationId: string | null = null, round: number | null = null): void {
		this.#content = { kind: 'new', start, applicationId, round };
	}
	/** Shows an interview's details. */
	show(id: string): void {
		this.#content = { kind: 'detail', id };
	}
	/** Opens the form that edits or reschedules an interview. */
	edit(id: string): void {
		this.#content = { kind: 'edit', id };
	}
	/** Opens the form that books a cancelled or no-show interview again. */
	again(id: string): void {
		this.#content = { kind: 'again', id };
	}
	/**
	 * What the page opens with: a deep link's booking (for an admin) or interview, else what a click on
	 * the server's drawing asked for before the page's code started (see `early-click`).
	 */
	start(applicationId: string | null, round: number | null, interviewId: string | null, canEdit: boolean): void {
		const click = takeEarlyClick();
		if (applicationId && canEdit) this.schedule(null, applicationId, round);
		else if (interviewId) this.show(interviewId);
		else if (click?.kind === 'open') this.show(click.id);
		else if (click?.kind === 'schedule' && canEdit) this.schedule();
	}
	close(): void {
		this.#content = null;
	}
	reset(): void {
		this.close();
	}
}
