import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_TOAST_MS, TOAST_MS, Toaster } from './toaster.svelte';

describe('the calendar’s messages', () => {
	const toaster = new Toaster();
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		toaster.reset();
		vi.useRealTimers();
	});

	it('shows one message at a time and lets it go after a few seconds', () => {
		toaster.say('Interview scheduled.');
		toaster.say('Moved Sam Carter to 10:00.');
		expect(toaster.current).toEqual({ text: 'Moved Sam Carter to 10:00.', kind: 'ok', detail: undefined });
		vi.advanceTimersByTime(TOAST_MS - 1);
		expect(toaster.current).not.toBeNull();
		vi.advanceTimersByTime(1);
		expect(toaster.current).toBeNull();
	});

	it('keeps a refusal longer, with its second line', () => {
		toaster.say('This would double-book a person.', 'error', 'Ines is booked 10:00–10:45.');
		vi.advanceTimersByTime(TOAST_MS);
		expect(toaster.current).toMatchObject({ kind: 'error', detail: 'Ines is booked 10:00–10:45.' });
		vi.advanceTimersByTime(ERROR_TOAST_MS - TOAST_MS);
		expect(toaster.current).toBeNull();
	});
});
