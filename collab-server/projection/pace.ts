/**
 * Paces one calendar document's projection: a batch starts at most once per spacing, so an
 * organization whose admins change the calendar many times a second is projected a few times a
 * second, each batch taking the latest state of every interview changed since the previous one.
 * Its share of the database stays bounded whatever its rate; on the embedded database that share is
 * the app's own thread, which every other organization's edits also need. The first change after a
 * quiet spell is projected at once; `hurry` ends a wait for someone who needs the rows now (a flush,
 * an unload).
 */

/** The least time between the starts of two batches of one document (decision 83). */
export const PROJECTION_SPACING_MS = 250;

export class Pacer {
	private lastStartMs = -Infinity;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private release: (() => void) | null = null;
	/** Set by a hurry that came before the wait it is meant for. */
	private urgent = false;
	/** A batch is queued and has not taken the document's pending changes yet. */
	private queued = false;

	constructor(private readonly spacingMs: number = PROJECTION_SPACING_MS) {}

	/** Whether a batch must be queued for a new change (false: the one queued will take it too). */
	claim(): boolean {
		if (this.queued) return false;
		this.queued = true;
		return true;
	}

	/** The queued batch's turn: waits for the pace, then for `ready`; the next change queues a new batch. */
	async turn(ready: () => Promise<unknown>): Promise<void> {
		try {
			await this.wait();
			await ready();
		} finally {
			this.queued = false;
		}
	}

	/** Resolves when the next batch may start: at once, or one spacing after the previous one started. */
	private wait(): Promise<void> {
		const delayMs = this.lastStartMs + this.spacingMs - performance.now();
		if (delayMs <= 0 || this.urgent) {
			this.urgent = false;
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			this.release = resolve;
			this.timer = setTimeout(() => this.hurry(), delayMs);
			this.timer.unref?.();
		});
	}

	/** Records that a batch starts now. */
	started(): void {
		this.lastStartMs = performance.now();
	}

	/** Lets the waiting batch (or the next one to wait) start at once. */
	hurry(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		const release = this.release;
		this.release = null;
		if (release) release();
		else this.urgent = true;
	}
}

/** Ends every wait and resolves once each chain has finished (at shutdown: nothing paced is left behind). */
export async function finishAll(states: readonly { pace: Pacer; chain: Promise<void> }[]): Promise<void> {
	for (const state of states) state.pace.hurry();
	await Promise.all(states.map((state) => state.chain.catch(() => {})));
}
