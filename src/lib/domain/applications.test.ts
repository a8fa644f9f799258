import { describe, expect, it } from 'vitest';
import { canMoveApplication, nextRound } from './applications';

describe('nextRound', () => {
	it('starts at round 1', () => {
		expect(nextRound([])).toBe(1);
	});

	it('follows the highest round that is booked or took place', () => {
		expect(
			nextRound([
				{ round: 1, status: 'completed' },
				{ round: 2, status: 'scheduled' }
			])
		).toBe(3);
		expect(nextRound([{ round: 1, status: 'in_progress' }])).toBe(2);
	});

	it('offers a cancelled or missed round again', () => {
		expect(
			nextRound([
				{ round: 1, status: 'completed' },
				{ round: 2, status: 'cancelled' }
			])
		).toBe(2);
		expect(nextRound([{ round: 1, status: 'no_show' }])).toBe(1);
	});
});

describe('application moves', () => {
	it('lets an admin select a pending application but not approve it straight away', () => {
		expect(canMoveApplication('pending', 'selected')).toBe(true);
		expect(canMoveApplication('pending', 'approved')).toBe(false);
	});
});
