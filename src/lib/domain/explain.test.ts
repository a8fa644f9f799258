import { describe, expect, it } from 'vitest';
import { explainDays } from './explain';
import type { SlotFacts, SlotSearch } from './offer';
import { resolvePolicy } from './policy';
import type { Interview } from './types';

const INES = 'ines';
const MARCO = 'marco';
const CAND = 'cand';
const NOW = new Date('2026-11-30T07:00:00Z'); // a Monday
const OFFICE = { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] };

function facts(over: Partial<SlotFacts> = {}): SlotFacts {
	return {
		now: NOW,
		policy: resolvePolicy({ slotStepMin: 15 }),
		hours: {
			interviewers: new Map([
				[INES, { timezone: 'America/New_York', workingHours: OFFICE }],
				[MARCO, { timezone: 'Asia/Tokyo', workingHours: OFFICE }]
			]),
			candidateZone: 'America/New_York'
		},
		busy: new Map(),
		...over
	};
}
const search = (from: string, to: string, panel = [INES]): SlotSearch => ({
	panel,
	candidateId: CAND,
	durationMin: 60,
	from,
	to
});
const reasons = (days: { date: string; blockers: { reason: string; personId?: string }[] }[]) =>
	Object.fromEntries(
		days.map((d) => [d.date, d.blockers.map((b) => (b.personId ? `${b.reason}:${b.personId}` : b.reason))])
	);

describe('why a day has no slots', () => {
	it('names the weekend, the minimum notice and the horizon', () => {
		const days = explainDays(
			search('2026-11-28T05:00:00Z', '2026-12-01T05:00:00Z'),
			facts({ policy: resolvePolicy({ minNoticeMin: 60 * 24 * 2 }) }),
			'America/New_York'
		);
		expect(reasons(days)).toEqual({
			'2026-11-28': ['min_notice'],
			'2026-11-29': ['min_notice'],
			'2026-11-30': ['min_notice']
		});
		const weekend = explainDays(search('2026-12-05T05:00:00Z', '2026-12-07T05:00:00Z'), facts(), 'America/New_York');
		expect(reasons(weekend)).toEqual({
			'2026-12-05': ['outside_working_hours:ines'],
			'2026-12-06': ['outside_working_hours:ines']
		});
		expect(weekend[0]!.blockers[0]!.message).toBe('Does not work on this day.');
		const far = explainDays(
			search('2026-12-03T05:00:00Z', '2026-12-05T05:00:00Z'),
			facts({ policy: resolvePolicy({ maxAheadDays: 3 }) }),
			'America/New_York'
		);
		expect(reasons(far)['2026-12-04']).toEqual(['too_far_ahead']);
	});

	it('names a holiday, a full day and the interviews that fill a day', () => {
		const interviews: Interview[] = [9, 11, 13, 15].map((h, i) => ({
			id: `iv${i}`,
			applicationId: 'a',
			candidateId: 'other',
			cycleId: 'c',
			start: `2026-12-02T${String(h + 5).padStart(2, '0')}:00:00.000Z`,
			durationMin: 120,
			timezone: 'UTC',
			type: 'video',
			mode: 'online',
			location: '',
			round: 1,
			panel: [INES],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: null,
			updatedAt: NOW.toISOString()
		}));
		const busy = new Map([
			[
				INES,
				interviews.map((iv) => ({
					start: iv.start,
					end: new Date(Date.parse(iv.start) + 7_200_000),
					interviewId: iv.id
				}))
			]
		]);
		const days = explainDays(
			search('2026-12-01T05:00:00Z', '2026-12-04T05:00:00Z'),
			facts({
				busy,
				closures: {
					timezone: 'America/New_York',
					list: [{ kind: 'holiday', name: 'Founders’ Day', startDate: '2026-12-03', endDate: '2026-12-03' }]
				}
			}),
			'America/New_York'
		);
		expect(reasons(days)).toEqual({ '2026-12-02': ['busy:ines'], '2026-12-03': ['holiday'] });
		expect(days[0]!.blockers[0]!.busy!.map((b) => b.interviewId)).toEqual(['iv0', 'iv1', 'iv2', 'iv3']);
		expect(days[1]!.blockers[0]!.message).toBe('Founders’ Day is a holiday: no interviews are booked then.');

		const full = explainDays(
			search('2026-12-02T05:00:00Z', '2026-12-03T05:00:00Z'),
			facts({
				load: new Map([[INES, { timezone: 'America/New_York', limit: { perDay: 1, perWeek: null } }]]),
				interviews: [interviews[0]!]
			}),
			'America/New_York'
		);
		expect(reasons(full)).toEqual({ '2026-12-02': ['over_load_limit:ines'] });
	});

	it('quotes the limit that fills the day it is shown on, not the first full one of the search', () => {
		// Ines: one a day, three a week. The 2nd's day is full; the week of the 7th is full by the 10th.
		const booked = ['2026-12-02', '2026-12-07', '2026-12-08', '2026-12-10'].map((day, i): Interview => ({
			id: `full${i}`,
			applicationId: 'a',
			candidateId: 'other',
			cycleId: 'c',
			start: `${day}T15:00:00.000Z`,
			durationMin: 60,
			timezone: 'UTC',
			type: 'video',
			mode: 'online',
			location: '',
			round: 1,
			panel: [INES],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: null,
			updatedAt: NOW.toISOString()
		}));
		const days = explainDays(
			search('2026-12-02T05:00:00Z', '2026-12-10T05:00:00Z'),
			facts({
				load: new Map([[INES, { timezone: 'America/New_York', limit: { perDay: 1, perWeek: 3 } }]]),
				interviews: booked
			}),
			'America/New_York'
		);
		const said = Object.fromEntries(days.map((d) => [d.date, d.blockers.map((b) => [b.say, b.params])]));
		expect(said['2026-12-02']).toEqual([['daily_limit', { week: '2026-12-02' }]]);
		expect(said['2026-12-09']).toEqual([['weekly_limit', { week: '2026-12-07' }]]);
		expect(days.find((d) => d.date === '2026-12-09')!.blockers[0]!.message).toBe(
			'At their weekly limit of interviews (the week of 2026-12-07).'
		);
	});

	it('says when everyone is free but never together', () => {
		// 09:00–17:00 in New York and in Tokyo never meet.
		const days = explainDays(
			search('2026-12-01T05:00:00Z', '2026-12-02T05:00:00Z', [INES, MARCO]),
			facts(),
			'America/New_York'
		);
		expect(reasons(days)).toEqual({ '2026-12-01': ['no_common_time'] });
	});
});
