import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from './pace';

describe('the pace of a document’s projection', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	/** Runs a queued batch's turn and says when (in fake ms) it was let through. */
	async function turnAt(pace: Pacer): Promise<number> {
		let at = -1;
		const turn = pace.turn(async () => {
			at = performance.now();
		});
		await vi.advanceTimersByTimeAsync(0);
		for (let t = 0; at < 0 && t < 10_000; t += 10) await vi.advanceTimersByTimeAsync(10);
		await turn;
		return at;
	}

	it('lets the first batch after a quiet spell start at once, and the next one a spacing after it', async () => {
		const pace = new Pacer(250);
		const t0 = performance.now();
		expect(await turnAt(pace)).toBe(t0);
		pace.started();
		const second = await turnAt(pace);
		expect(second - t0).toBeGreaterThanOrEqual(250);
		expect(second - t0).toBeLessThan(270);
	});

	it('queues one batch for any number of changes until that batch takes them', async () => {
		const pace = new Pacer(250);
		expect(pace.claim()).toBe(true);
		expect(pace.claim()).toBe(false);
		expect(pace.claim()).toBe(false);
		await turnAt(pace);
		expect(pace.claim()).toBe(true);
	});

	it('ends the wait at once when someone needs the rows now, even if they ask before the wait began', async () => {
		const pace = new Pacer(10_000);
		pace.started();
		const t0 = performance.now();
		let done = false;
		const turn = pace.turn(async () => {}).then(() => (done = true));
		await vi.advanceTimersByTimeAsync(100);
		expect(done).toBe(false);
		pace.hurry();
		await turn;
		expect(performance.now() - t0).toBeLessThan(200);

		pace.started();
		pace.hurry();
		expect(await turnAt(pace)).toBe(performance.now());
	});

	it('lets the next change queue a batch even when waiting for the journal failed', async () => {
		const pace = new Pacer(0);
		expect(pace.claim()).toBe(true);
		await expect(pace.turn(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
		expect(pace.claim()).toBe(true);
	});
});
