import { describe, expect, it } from 'vitest';
import { documentReady, LOCAL_COPY_WAIT_MS } from './live-source.svelte';
import { interviewsIn } from './calendar-events';
import type { Interview } from '$lib/domain';

const base = { phase: 'connecting', localLoaded: true, pending: 0, localInterviews: 0, waitedMs: 0 };

describe('when the live document replaces the first view', () => {
	it('waits for the server while this device keeps no copy, however long it takes', () => {
		expect(documentReady({ ...base, waitedMs: 60_000 })).toBe(false);
		expect(documentReady({ ...base, phase: 'loading', localLoaded: false })).toBe(false);
	});
	it('takes over once the server has synced it', () => {
		expect(documentReady({ ...base, phase: 'saved' })).toBe(true);
		expect(documentReady({ ...base, phase: 'saving', localLoaded: false })).toBe(true);
	});
	it('shows this device’s copy offline, with edits not stored yet, or when the server stays silent', () => {
		expect(documentReady({ ...base, phase: 'offline' })).toBe(true);
		expect(documentReady({ ...base, pending: 2 })).toBe(true);
		expect(documentReady({ ...base, localInterviews: 3, waitedMs: LOCAL_COPY_WAIT_MS - 1 })).toBe(false);
		expect(documentReady({ ...base, localInterviews: 3, waitedMs: LOCAL_COPY_WAIT_MS })).toBe(true);
	});
});

describe('the events of the visible range only', () => {
	const iv = (id: string, start: string, durationMin = 60) => ({ id, start, durationMin }) as Interview;
	it('keeps the interviews that overlap the range and none other', () => {
		const all = [
			iv('before', '2026-11-22T22:00:00.000Z'),
			iv('overlapping-start', '2026-11-22T23:30:00.000Z'),
			iv('inside', '2026-11-24T10:00:00.000Z'),
			iv('at-end', '2026-11-30T00:00:00.000Z')
		];
		const ids = interviewsIn(all, Date.parse('2026-11-23T00:00:00.000Z'), Date.parse('2026-11-30T00:00:00.000Z')).map(
			(i) => i.id
		);
		expect(ids).toEqual(['overlapping-start', 'inside']);
	});
});
