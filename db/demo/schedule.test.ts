import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import { CANDIDATE_HOURS } from '../../src/lib/domain/working-hours';
import { businessDay, placeDemo, type Wish } from './schedule';

const NY = 'America/New_York';
const OFFICE = DEFAULT_POLICY.workingHours;
const people = new Map([
	['ines', { timezone: NY, workingHours: OFFICE }],
	['marco', { timezone: 'Europe/Rome', workingHours: OFFICE }],
	['rafael', { timezone: 'America/Los_Angeles', workingHours: OFFICE }],
	['sam', { timezone: NY, workingHours: CANDIDATE_HOURS }],
	['lena', { timezone: NY, workingHours: CANDIDATE_HOURS }]
]);
// Thursday 26 November 2026, 11:00 in New York.
const NOW = new Date('2026-11-26T16:00:00Z');
const wish = (over: Partial<Wish> & Pick<Wish, 'key'>): Wish => ({
	candidate: 'sam',
	panel: ['ines'],
	day: 1,
	at: '10:00',
	durationMin: 45,
	holdsTime: true,
	...over
});
const place = (wishes: Wish[]) => placeDemo({ now: NOW, orgZone: NY, people, minNoticeMin: 120, fixed: [], wishes });

describe('businessDay', () => {
	it('counts Monday to Friday only, forwards and back', () => {
		expect(businessDay(NOW, 1, NY)).toBe('2026-11-27');
		expect(businessDay(NOW, 2, NY)).toBe('2026-11-30');
		expect(businessDay(NOW, -4, NY)).toBe('2026-11-20');
		expect(businessDay(new Date('2026-11-28T12:00:00Z'), -1, NY)).toBe('2026-11-27');
	});
});

describe('placeDemo', () => {
	it('takes the preferred time when everyone works then, on the business day asked for', () => {
		expect(place([wish({ key: 'a' })]).get('a')).toBe('2026-11-27T15:00:00.000Z');
		expect(place([wish({ key: 'a', day: -2 })]).get('a')).toBe('2026-11-24T15:00:00.000Z');
	});

	it('moves a start later that day until the whole panel works (Rome ends at 11:00 in New York)', () => {
		// 07:00 in New York is before Ines's day; 09:00 is the first start both can make.
		expect(place([wish({ key: 'a', at: '07:00', panel: ['ines', 'marco'] })]).get('a')).toBe(
			'2026-11-27T14:00:00.000Z'
		);
	});

	it('keeps people from being in two interviews at once, unless a clash is planned', () => {
		const first = wish({ key: 'a' });
		const second = wish({ key: 'b', candidate: 'lena' });
		const placed = place([first, second]);
		expect(placed.get('b')).toBe('2026-11-27T15:45:00.000Z');
		const clash = place([first, { ...second, clashesWith: 'a' }]);
		const [a, b] = [Date.parse(clash.get('a')!), Date.parse(clash.get('b')!)];
		expect(b).toBeLessThan(a + 45 * 60_000);
		expect(a).toBeLessThan(b + 45 * 60_000);
	});

	it('lets a cancelled interview share its time with another', () => {
		const placed = place([wish({ key: 'a', holdsTime: false }), wish({ key: 'b', candidate: 'lena' })]);
		expect(placed.get('a')).toBe(placed.get('b'));
	});

	it('refuses a panel that never works at the same time, and a clash with nothing', () => {
		expect(() => place([wish({ key: 'a', panel: ['marco', 'rafael'] })])).toThrow(/no room on 2026-11-27/);
		expect(() => place([wish({ key: 'a', clashesWith: 'z' })])).toThrow(/clashes with nothing/);
		expect(() => place([wish({ key: 'a', day: 0 })])).toThrow(/bad or repeated/);
	});
});
