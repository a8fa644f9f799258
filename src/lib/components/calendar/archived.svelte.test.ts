import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArchivedInterviews } from './archived.svelte';
import type { CalendarFirstView } from '$lib/contract/calendar-page';

const first = {
	interviews: [],
	archivedIds: [],
	archivedBefore: null,
	archived: { generation: 0, completed: 4, cancelled: 1 }
} as unknown as CalendarFirstView;

/** A server whose archive endpoint answers `answers` in turn (null: the network fails). */
function server(...answers: ({ generation: number; archived_completed: number; archived_cancelled: number } | null)[]) {
	const calls: string[] = [];
	vi.stubGlobal('fetch', async (url: string) => {
		calls.push(url);
		const answer = answers.shift();
		if (!answer) throw new TypeError('Failed to fetch');
		return new Response(JSON.stringify(answer), { status: 200 });
	});
	return calls;
}

describe('the archived counts the summary adds to the document shown', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('keeps the first view’s counts for its generation, and reads those of a later one once', async () => {
		const calls = server({ generation: 1, archived_completed: 9, archived_cancelled: 3 });
		const archived = new ArchivedInterviews(first);
		await archived.countsFor(0);
		expect(calls).toEqual([]);
		expect(archived.counts).toEqual({ generation: 0, completed: 4, cancelled: 1 });
		await Promise.all([archived.countsFor(1), archived.countsFor(1)]);
		expect(calls).toEqual(['/api/v1/calendar/archive']);
		expect(archived.counts).toEqual({ generation: 1, completed: 9, cancelled: 3 });
	});

	it('drops the counts of another generation than the one shown, and asks again after a failure', async () => {
		const calls = server(null, { generation: 2, archived_completed: 12, archived_cancelled: 5 });
		const archived = new ArchivedInterviews(first);
		await archived.countsFor(1);
		expect(archived.counts.generation).toBe(0);
		// Already moved on again: those counts would count twice what generation 1 still holds.
		await archived.countsFor(1);
		expect(archived.counts.generation).toBe(0);
		await archived.countsFor(1);
		expect(calls).toHaveLength(2);
	});
});
