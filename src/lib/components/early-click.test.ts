import { afterEach, describe, expect, it } from 'vitest';
import { earlyClickValue, takeEarlyClick } from './early-click';

const w = globalThis as unknown as { window?: unknown; __parleyEarlyClick?: string; __parleyStarted?: boolean };

describe('a click kept before the page’s code started', () => {
	afterEach(() => {
		delete w.__parleyEarlyClick;
		delete w.__parleyStarted;
		delete w.window;
	});

	it('is read back as the attribute wrote it, once, and marks the page started', () => {
		w.window = globalThis;
		for (const click of [{ kind: 'open', id: 'a1b2' } as const, { kind: 'schedule' } as const]) {
			w.__parleyEarlyClick = earlyClickValue(click);
			expect(takeEarlyClick()).toEqual(click);
			expect(takeEarlyClick()).toBeNull();
			expect(w.__parleyStarted).toBe(true);
		}
	});

	it('ignores what no element of ours writes', () => {
		w.window = globalThis;
		for (const value of ['open:', 'open', 'delete:x', '', 'Schedule']) {
			w.__parleyEarlyClick = value;
			expect({ value, click: takeEarlyClick() }).toEqual({ value, click: null });
		}
	});
});
