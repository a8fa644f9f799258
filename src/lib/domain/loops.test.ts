import { describe, expect, it } from 'vitest';
import { loopRounds, loopStarts } from './loops';

describe('loops', () => {
	it('lays sessions out back to back with the break between them', () => {
		const sessions = [
			{ panel: ['a'], durationMin: 45 },
			{ panel: ['b'], durationMin: 45 },
			{ panel: ['c'], durationMin: 30 }
		];
		expect(loopStarts('2026-12-01T14:00:00.000Z', sessions, 15)).toEqual([
			'2026-12-01T14:00:00.000Z',
			'2026-12-01T15:00:00.000Z',
			'2026-12-01T16:00:00.000Z'
		]);
		expect(loopRounds(2, 3)).toEqual([2, 3, 4]);
	});
});
