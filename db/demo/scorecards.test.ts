import { describe, expect, it } from 'vitest';
import { validateScorecard } from '../../src/lib/domain/scorecards';
import { bookedAt, demoScorecards, stableHash, type HeldInterview } from './scorecards';

const ZONE = 'America/New_York';
const NOW = new Date('2026-11-26T16:00:00Z'); // a Thursday; the last business day is Wednesday 25 Nov
const HOUR = 3_600_000;

function held(over: Partial<HeldInterview> & Pick<HeldInterview, 'id' | 'start'>): HeldInterview {
	return {
		end: new Date(over.start.getTime() + 45 * 60_000),
		candidateName: 'Nora Lindqvist',
		applicationStatus: 'interview_scheduled',
		rounds: 2,
		round: 1,
		panel: [
			{ id: 'a', name: 'Ines Okafor' },
			{ id: 'b', name: 'Kwame Mensah' }
		],
		...over
	};
}

describe('demoScorecards', () => {
	const lastWeek = held({ id: 'i1', start: new Date('2026-11-20T15:00:00Z') });
	const yesterday = held({ id: 'i2', start: new Date('2026-11-25T15:00:00Z'), candidateName: 'Hannah Schmidt' });

	it('gives one valid scorecard per panel member, written hours after the end and before now', () => {
		const cards = demoScorecards([lastWeek], NOW, ZONE);
		expect(cards.map((c) => c.authorId)).toEqual(['a', 'b']);
		for (const c of cards) {
			expect(validateScorecard(c).ok).toBe(true);
			expect(c.submittedAt.getTime()).toBeGreaterThanOrEqual(lastWeek.end.getTime() + 2 * HOUR);
			expect(c.submittedAt.getTime()).toBeLessThan(NOW.getTime());
		}
	});

	it('leaves the last panel member of the newest undecided interview still to submit', () => {
		const cards = demoScorecards([lastWeek, yesterday], NOW, ZONE);
		expect(cards.filter((c) => c.interviewId === 'i2').map((c) => c.authorId)).toEqual(['a']);
		// Decided, or judged by one person alone: nobody owes one.
		const decided = demoScorecards([{ ...yesterday, applicationStatus: 'approved' }], NOW, ZONE);
		expect(decided).toHaveLength(2);
		const alone = demoScorecards([{ ...yesterday, panel: [{ id: 'a', name: 'Ines Okafor' }] }], NOW, ZONE);
		expect(alone).toHaveLength(1);
	});

	it('judges in keeping with the outcome: approved well (hire on the last round), rejected poorly', () => {
		const approved = demoScorecards([{ ...lastWeek, applicationStatus: 'approved', round: 2 }], NOW, ZONE);
		expect(approved.every((c) => c.rating >= 4 && c.recommendation === 'hire')).toBe(true);
		const rejected = demoScorecards([{ ...lastWeek, applicationStatus: 'rejected' }], NOW, ZONE);
		expect(rejected.every((c) => c.rating <= 2 && ['reject', 'maybe'].includes(c.recommendation))).toBe(true);
		const open = demoScorecards([lastWeek], NOW, ZONE);
		expect(open.every((c) => c.rating >= 3 && ['proceed', 'maybe'].includes(c.recommendation))).toBe(true);
	});

	it('gives the panel members of one interview different words', () => {
		const three = { ...lastWeek, applicationStatus: 'approved' as const, round: 2 };
		three.panel = [...three.panel, { id: 'c', name: 'Priya Raman' }];
		const words = demoScorecards([three], NOW, ZONE).map((c) => c.feedback);
		expect(new Set(words).size).toBe(3);
	});

	it('is the same every time for the same interviews', () => {
		expect(demoScorecards([lastWeek, yesterday], NOW, ZONE)).toEqual(demoScorecards([lastWeek, yesterday], NOW, ZONE));
		expect(stableHash('Nora Lindqvist')).toBe(stableHash('Nora Lindqvist'));
		expect(stableHash('Nora Lindqvist')).not.toBe(stableHash('Nora Lindqvisu'));
	});
});

describe('bookedAt', () => {
	it('dates a booking a week before the interview, and at least a day before now', () => {
		const soon = new Date(NOW.getTime() + 2 * 24 * HOUR);
		const later = new Date(NOW.getTime() + 20 * 24 * HOUR);
		const past = new Date(NOW.getTime() - 3 * 24 * HOUR);
		for (const [start, n] of [
			[soon, 0],
			[later, 5],
			[past, 7]
		] as const) {
			const at = bookedAt(start, NOW, n).getTime();
			expect(at).toBeLessThanOrEqual(start.getTime() - 7 * 24 * HOUR);
			expect(at).toBeLessThanOrEqual(NOW.getTime() - 24 * HOUR);
		}
		expect(bookedAt(later, NOW, 0).getTime()).toBe(NOW.getTime() - 24 * HOUR);
	});
});
