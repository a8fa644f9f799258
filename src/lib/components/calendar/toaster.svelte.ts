/** The calendar's short messages at the foot of the page: one at a time, gone after a few seconds. */

export type ToastKind = 'ok' | 'error';

export interface ToastMessage {
	text: string;
	/** A second line (who is double-booked, and when). */
	detail?: string;
	kind: ToastKind;
}

export const TOAST_MS = 5_000;
/** A refusal stays longer: it explains why something did not happen. */
export const ERROR_TOAST_MS = 8_000;

export class Toaster {
	#current = $state<ToastMessage | null>(null);
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** The message shown now, if any. */
	get current(): ToastMessage | null {
		return this.#current;
	}

	/** Shows a message, replacing the one shown. */
	say(text: string, kind: ToastKind = 'ok', detail?: string): void {
		this.#current = { text, kind, detail };
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => (this.#current = null), kind === 'error' ? ERROR_TOAST_MS : TOAST_MS);
	}

	/** Nothing shown, no timer left (tests, and when the page goes). */
	reset(): void {
		clearTimeout(this.#timer);
		this.#current = null;
	}
}
