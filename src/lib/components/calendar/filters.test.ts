import { describe, expect, it } from 'vitest';
import type { Interview } from '$lib/domain';
import { liveSummary, summarize, thisWeek } from './filters';

const TZ = 'Europe/Paris';
/** Thursday 26 November 2026, 15:00 in Paris. */
const NOW = new Date('2026-11-26T14:00:00.000Z');
const iv = (id: string, start: string, status: Interview['status'] = 'scheduled') =>
	({ id, start, durationMin: 60, status }) as Interview;

describe('the summary cards once the calendar is live', () => {
	// An archive window of 2 days: Monday's and Tuesday's completed interviews left the document.
	const doc = [iv('thu', '2026-11-26T16:00:00.000Z'), iv('fri', '2026-11-27T09:00:00.000Z')];
	const archivedKnown = [
		iv('mon', '2026-11-23T09:00:00.000Z', 'completed'),
		iv('tue', '2026-11-24T09:00:00.000Z', 'completed'),
		iv('tue-cancelled', '2026-11-24T10:00:00.000Z', 'cancelled'),
		iv('last-week', '2026-11-18T09:00:00.000Z', 'completed')
	];
	const serverCounts = { completed: 3, cancelled: 1 };

	it('counts this week’s archived interviews in “This week”, as the first view did', () => {
		const s = liveSummary(doc, archivedKnown, serverCounts, TZ, NOW);
		expect(s.week).toBe(4);
		expect(s.today).toBe(1);
		// The document alone, as before: the card dropped from 4 to 2 when the page went live.
		expect(summarize(doc, TZ, NOW).week).toBe(2);
	});

	it('takes completed and cancelled of the archived ones from the server, not from those loaded', () => {
		const s = liveSummary(doc, archivedKnown, serverCounts, TZ, NOW);
		expect(s.completed).toBe(3);
		expect(s.cancelled).toBe(1);
	});

	it('never counts twice an interview that is both in the document and known as archived', () => {
		const s = liveSummary(doc, [...archivedKnown, doc[0]!], serverCounts, TZ, NOW);
		expect(s.week).toBe(4);
		expect(s.today).toBe(1);
	});
});

describe('this week’s instants', () => {
	it('runs from Monday midnight to the next Monday midnight in the viewer’s zone', () => {
		const [from, to] = thisWeek(TZ, NOW);
		expect(new Date(from).toISOString()).toBe('2026-11-22T23:00:00.000Z');
		expect(new Date(to).toISOString()).toBe('2026-11-29T23:00:00.000Z');
	});

	it('is 167 hours long across the spring change of clocks', () => {
		const [from, to] = thisWeek(TZ, new Date('2026-03-25T12:00:00.000Z'));
		expect((to - from) / 3_600_000).toBe(167);
	});
});
