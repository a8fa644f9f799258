import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Interview, InterviewStatus } from '../src/lib/domain/types';
import { isArchivable } from './archive';

const BEFORE = new Date('2026-10-27T00:00:00.000Z');

function interview(over: Partial<Interview>): Interview {
	return {
		id: 'a',
		applicationId: 'app',
		candidateId: 'c',
		cycleId: 'y',
		start: '2026-10-01T09:00:00.000Z',
		durationMin: 60,
		timezone: 'Europe/Paris',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel: ['p'],
		status: 'completed',
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: '2026-10-01T10:00:00.000Z',
		...over
	};
}

describe('what leaves the live calendar', () => {
	it('takes finished interviews that ended before the window, and nothing that can still change', () => {
		expect(isArchivable(interview({}), BEFORE, new Set())).toBe(true);
		expect(isArchivable(interview({ status: 'no_show' }), BEFORE, new Set())).toBe(true);
		expect(isArchivable(interview({ status: 'cancelled' }), BEFORE, new Set())).toBe(true);
		// Still open in the past: the status job or an admin will settle it.
		expect(isArchivable(interview({ status: 'scheduled' }), BEFORE, new Set())).toBe(false);
		expect(isArchivable(interview({ status: 'in_progress' }), BEFORE, new Set())).toBe(false);
		// Ends after the window's start (even by a minute): stays.
		expect(isArchivable(interview({ start: '2026-10-26T23:30:00.000Z' }), BEFORE, new Set())).toBe(false);
	});

	it('takes a rescheduled original at once, whenever it was', () => {
		const original = interview({ status: 'cancelled', start: '2026-12-01T09:00:00.000Z' });
		expect(isArchivable(original, BEFORE, new Set())).toBe(false);
		expect(isArchivable(original, BEFORE, new Set(['a']))).toBe(true);
		// A scheduled interview named as replaced (a modified client) still stays while it can change.
		expect(isArchivable({ ...original, status: 'scheduled' }, BEFORE, new Set(['a']))).toBe(false);
	});

	it('never archives a scheduled or in-progress interview, whatever its time', () => {
		const status = fc.constantFrom<InterviewStatus>('scheduled', 'in_progress', 'completed', 'cancelled', 'no_show');
		fc.assert(
			fc.property(status, fc.integer({ min: -400, max: 400 }), fc.boolean(), (s, days, replaced) => {
				const iv = interview({ status: s, start: new Date(BEFORE.getTime() + days * 86_400_000).toISOString() });
				const out = isArchivable(iv, BEFORE, new Set(replaced ? ['a'] : []));
				if (s === 'scheduled' || s === 'in_progress') expect(out).toBe(false);
				else if (!(s === 'cancelled' && replaced))
					expect(out).toBe(Date.parse(iv.start) + iv.durationMin * 60_000 < BEFORE.getTime());
			})
		);
	});
});
