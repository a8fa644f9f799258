/**
 * When to ask for the next peer id. Ids are short-lived: the next one is asked for a little before
 * ours expires, and at once (then after a pause that doubles) when the signaling socket drops or
 * the browser comes back online.
 */
import type { JoinAnswer } from './types';

/** First delay before asking for a new peer id after the signaling socket dropped; it doubles up to the max. */
export const RENEW_DELAY_MS = 1_000;
export const RENEW_MAX_DELAY_MS = 15_000;
/** Ask for the next peer id this long before ours expires (at the latest at half its lifetime). */
export const RENEW_BEFORE_EXPIRY_MS = 2 * 60_000;

/** How long after it was issued to ask for the id after this one; null when it lasts until the room closes. */
export function refreshAfterMs(answer: Pick<JoinAnswer, 'issued_at' | 'expires_at' | 'closes_at'>): number | null {
	const lifetime = Date.parse(answer.expires_at) - Date.parse(answer.issued_at);
	if (!(lifetime > 0) || Date.parse(answer.expires_at) >= Date.parse(answer.closes_at)) return null;
	return lifetime - Math.min(RENEW_BEFORE_EXPIRY_MS, lifetime / 2);
}

/** The one timer that asks for the next id, with the growing pause between failed attempts. */
export class Renewal {
	#timer: ReturnType<typeof setTimeout> | null = null;
	#delayMs = RENEW_DELAY_MS;

	constructor(private readonly renew: () => void) {}

	/** Asks for the next id a little before this one expires (none when it lasts until the room closes). */
	beforeExpiry(answer: JoinAnswer): void {
		this.cancel();
		const after = refreshAfterMs(answer);
		if (after !== null) this.#set(after);
	}

	/** Asks again after the current pause (at once when `now`), and doubles the pause for the next time. */
	soon(now = false): void {
		this.cancel();
		const delay = now ? 0 : this.#delayMs;
		this.#delayMs = Math.min(this.#delayMs * 2, RENEW_MAX_DELAY_MS);
		this.#set(delay);
	}

	/** An id was had: the next failure starts from the shortest pause again. */
	succeeded(): void {
		this.#delayMs = RENEW_DELAY_MS;
	}

	cancel(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#set(ms: number): void {
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.renew();
		}, ms);
	}
}
