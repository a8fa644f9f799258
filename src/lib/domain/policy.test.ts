import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, resolvePolicy } from './policy';

describe('resolvePolicy', () => {
	it('returns the defaults when an organization overrides nothing', () => {
		expect(resolvePolicy()).toEqual(DEFAULT_POLICY);
		expect(resolvePolicy(null)).toEqual(DEFAULT_POLICY);
	});

	it('lays an organization override over the defaults, working hours field by field', () => {
		const p = resolvePolicy({ minNoticeMin: 60, bufferMin: 10, workingHours: { startTime: '08:30' } });
		expect(p.minNoticeMin).toBe(60);
		expect(p.bufferMin).toBe(10);
		expect(p.maxAheadDays).toBe(90);
		expect(p.workingHours).toEqual({ startTime: '08:30', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] });
	});

	it('ignores stored values that make no sense instead of failing', () => {
		const p = resolvePolicy({
			minNoticeMin: -5,
			slotStepMin: Number.NaN,
			workingHours: { startTime: '9am', weekdays: [7, 6, 6, 0, 9] }
		});
		expect(p.minNoticeMin).toBe(120);
		expect(p.slotStepMin).toBe(15);
		expect(p.workingHours.startTime).toBe('09:00');
		expect(p.workingHours.weekdays).toEqual([6, 7]);
	});

	it('keeps the default duration range when an override turns it inside out', () => {
		const p = resolvePolicy({ minDurationMin: 600 });
		expect([p.minDurationMin, p.maxDurationMin]).toEqual([15, 480]);
	});

	it('never lets a caller mutate the defaults', () => {
		const p = resolvePolicy();
		p.workingHours.weekdays = [1];
		expect(DEFAULT_POLICY.workingHours.weekdays).toEqual([1, 2, 3, 4, 5]);
		expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
	});

	it('picks from pools by equal distribution unless the organization chose maximum availability', () => {
		expect(resolvePolicy().poolPreference).toBe('least_loaded');
		expect(resolvePolicy({ poolPreference: 'soonest' }).poolPreference).toBe('soonest');
		expect(resolvePolicy({ poolPreference: 'round_robin' } as never).poolPreference).toBe('least_loaded');
	});
});
