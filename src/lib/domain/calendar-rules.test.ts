import { describe, expect, it } from 'vitest';
import { closureAt, closureDays, validateClosure, type OrgClosures } from './closures';
import { judgeBooking, judgeMove, type JudgeFacts } from './judge';
import { effectiveLoadLimit, fullPeriods, loadTally, parseLimit, type LoadLimits } from './load';
import { offerSlots } from './offer';
import { resolvePolicy } from './policy';
import type { ApplicationFacts, Interview } from './types';

const NOW = new Date('2026-12-01T08:00:00.000Z'); // a Tuesday
const APP = 'a0000000-0000-4000-8000-000000000001';
const CANDIDATE = 'c0000000-0000-4000-8000-000000000001';
const ALICE = 'u0000000-0000-4000-8000-00000000000a';
const BOB = 'u0000000-0000-4000-8000-00000000000b';
const application: ApplicationFacts = {
	id: APP,
	candidateId: CANDIDATE,
	cycleId: 'cy1',
	status: 'selected',
	interviewEnabled: true,
	onlineInterviewEnabled: true
};
const ANY_TIME = { startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] };

let n = 0;
function interview(start: string, over: Partial<Interview> = {}): Interview {
	n++;
	return {
		id: `i0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		applicationId: `other-${n}`,
		candidateId: `cand-${n}`,
		cycleId: 'cy1',
		start,
		durationMin: 60,
		timezone: 'UTC',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel: [ALICE],
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: NOW.toISOString(),
		...over
	};
}

function facts(over: Partial<JudgeFacts> = {}, interviews: Interview[] = []): JudgeFacts {
	return {
		now: NOW,
		policy: resolvePolicy(),
		application,
		interviewerIds: new Set([ALICE, BOB]),
		calendar: { interviews },
		...over
	};
}

const booking = (start: string, panel = [ALICE]) => ({
	proposal: {
		applicationId: APP,
		start,
		durationMin: 60,
		timezone: 'UTC',
		type: 'video' as const,
		mode: 'online' as const,
		location: '',
		round: 1,
		panel
	}
});
const codes = (v: { problems: { code: string }[] }) => v.problems.map((p) => p.code);

const XMAS: OrgClosures = {
	timezone: 'Europe/Berlin',
	list: [{ kind: 'holiday', name: 'Christmas', startDate: '2026-12-24', endDate: '2026-12-26' }]
};

describe('holidays and blackout dates', () => {
	it('refuses an interview on a holiday, read in the organization’s zone, and names it', () => {
		// 23:30 UTC on 23 Dec is 00:30 on 24 Dec in Berlin.
		const verdict = judgeBooking(booking('2026-12-23T23:30:00Z'), facts({ closures: XMAS }));
		expect(codes(verdict)).toEqual(['holiday']);
		expect(verdict.problems[0]!.message).toBe(
			'Christmas (24–26 Dec 2026) are holidays: no interviews are booked then.'
		);
		expect(codes(judgeBooking(booking('2026-12-23T21:00:00Z'), facts({ closures: XMAS })))).toEqual([]);
		// An interview that runs into the first day touches it.
		expect(closureAt(XMAS, '2026-12-23T22:30:00Z', 60)?.name).toBe('Christmas');
		expect(closureAt(XMAS, '2026-12-26T23:00:00Z', 60)).toBeNull();
	});

	it('judges a move onto a holiday, and leaves an interview that does not move alone', () => {
		const iv = interview('2026-12-22T10:00:00Z', { applicationId: APP });
		const onto = { ...iv, start: '2026-12-24T10:00:00Z' };
		expect(codes(judgeMove({ before: iv, after: onto }, facts({ closures: XMAS }, [iv])))).toEqual(['holiday']);
		const stays = interview('2026-12-24T10:00:00Z', { applicationId: APP });
		const renamed = { ...stays, location: 'Room 2' };
		expect(codes(judgeMove({ before: stays, after: renamed }, facts({ closures: XMAS }, [stays])))).toEqual([]);
	});

	it('offers no slot that touches a closure', () => {
		const slots = offerSlots(
			{ panel: [ALICE], candidateId: null, durationMin: 60, from: '2026-12-23T20:00:00Z', to: '2026-12-27T02:00:00Z' },
			{
				now: NOW,
				policy: resolvePolicy({ slotStepMin: 60 }),
				closures: XMAS,
				hours: { interviewers: new Map([[ALICE, { timezone: 'UTC', workingHours: ANY_TIME }]]), candidateZone: null },
				busy: new Map()
			}
		);
		// Berlin is UTC+1: the holiday runs from 23:00 UTC on the 23rd to 23:00 UTC on the 26th.
		expect(slots).toEqual([
			'2026-12-23T20:00:00.000Z',
			'2026-12-23T21:00:00.000Z',
			// Ends as the holiday begins.
			'2026-12-23T22:00:00.000Z',
			'2026-12-26T23:00:00.000Z',
			'2026-12-27T00:00:00.000Z',
			'2026-12-27T01:00:00.000Z'
		]);
	});

	it('checks what an admin enters', () => {
		expect(validateClosure({ kind: 'holiday', name: ' New Year ', startDate: '2027-01-01' })).toEqual({
			ok: true,
			value: { kind: 'holiday', name: 'New Year', startDate: '2027-01-01', endDate: '2027-01-01' }
		});
		const bad = validateClosure({ kind: 'party', name: '', startDate: '2027-02-30', endDate: '2026-13-01' });
		expect(bad.ok ? null : Object.keys(bad.errors).sort()).toEqual(['end_date', 'kind', 'name', 'start_date']);
		const backwards = validateClosure({
			kind: 'blackout',
			name: 'Audit',
			startDate: '2027-03-02',
			endDate: '2027-03-01'
		});
		expect(backwards.ok ? null : backwards.errors.end_date).toBe('must be on or after the first day');
		expect(closureDays({ startDate: '2026-12-31', endDate: '2027-01-02' })).toBe('31 Dec 2026 – 2 Jan 2027');
	});
});

describe('interviewer load limits', () => {
	const limits = (perDay: number | null, perWeek: number | null, timezone = 'UTC'): LoadLimits =>
		new Map([[ALICE, { timezone, limit: { perDay, perWeek } }]]);

	it('refuses one interview past the daily limit and warns from 80 %', () => {
		const day = [
			interview('2026-12-02T09:00:00Z'),
			interview('2026-12-02T11:00:00Z'),
			interview('2026-12-02T13:00:00Z')
		];
		const f = facts({ load: limits(4, null) }, day);
		const fourth = judgeBooking(booking('2026-12-02T15:00:00Z'), f);
		expect(codes(fourth)).toEqual([]);
		expect(fourth.warnings.map((w) => [w.code, w.message])).toEqual([
			['near_load_limit', 'This is interview 4 of 4 allowed on 2026-12-02.']
		]);
		const fifth = judgeBooking(
			booking('2026-12-02T15:00:00Z'),
			facts({ load: limits(4, null) }, [...day, interview('2026-12-02T07:00:00Z')])
		);
		expect(codes(fifth)).toEqual(['over_load_limit']);
		expect(fifth.problems[0]).toMatchObject({
			field: 'panel',
			ids: [ALICE],
			message: 'An interviewer on the panel already has 4 interviews on 2026-12-02, their daily limit.'
		});
		// Another day is free; a cancelled interview does not count.
		expect(codes(judgeBooking(booking('2026-12-03T15:00:00Z'), facts({ load: limits(3, null) }, day)))).toEqual([]);
		const cancelled = day.map((iv, i) => (i === 0 ? { ...iv, status: 'cancelled' as const } : iv));
		expect(codes(judgeBooking(booking('2026-12-02T15:00:00Z'), facts({ load: limits(3, null) }, cancelled)))).toEqual(
			[]
		);
	});

	it('counts the week Monday to Sunday in the interviewer’s zone', () => {
		// Sunday 6 Dec 23:30 in Los Angeles is Monday 07:30 UTC: it belongs to the week of 30 Nov there.
		const week = [interview('2026-11-30T17:00:00Z'), interview('2026-12-07T07:30:00Z')];
		const la = limits(null, 2, 'America/Los_Angeles');
		expect(loadTally(ALICE, 'America/Los_Angeles', week).weeks).toEqual(new Map([['2026-11-30', 2]]));
		expect(codes(judgeBooking(booking('2026-12-04T18:00:00Z'), facts({ load: la }, week)))).toEqual([
			'over_load_limit'
		]);
		expect(codes(judgeBooking(booking('2026-12-08T18:00:00Z'), facts({ load: la }, week)))).toEqual([]);
	});

	it('does not count the interview being moved, and judges only the people a panel change adds', () => {
		const a = interview('2026-12-02T09:00:00Z', { applicationId: APP });
		const b = interview('2026-12-02T11:00:00Z', { applicationId: APP, round: 2, panel: [ALICE, BOB] });
		const f = facts(
			{
				load: new Map([
					[ALICE, { timezone: 'UTC', limit: { perDay: 2, perWeek: null } }],
					[BOB, { timezone: 'UTC', limit: { perDay: 1, perWeek: null } }]
				])
			},
			[a, b]
		);
		// Moving b within the same day keeps Alice at 2.
		expect(codes(judgeMove({ before: b, after: { ...b, start: '2026-12-02T15:00:00Z' } }, f))).toEqual([]);
		// Adding Bob to a when he has b that day breaks his limit; Alice, already on a, is not judged again.
		expect(codes(judgeMove({ before: a, after: { ...a, panel: [ALICE, BOB] } }, f))).toEqual(['over_load_limit']);
	});

	it('closes the full days and weeks to the finder', () => {
		const day = [interview('2026-12-02T09:00:00Z'), interview('2026-12-02T11:00:00Z')];
		const periods = fullPeriods(ALICE, { timezone: 'Asia/Tokyo', limit: { perDay: 2, perWeek: null } }, day);
		expect(periods).toEqual([
			{
				startMs: Date.parse('2026-12-01T15:00:00Z'),
				endMs: Date.parse('2026-12-02T15:00:00Z'),
				reason: 'day',
				key: '2026-12-02'
			}
		]);
		const slots = offerSlots(
			{ panel: [ALICE], candidateId: null, durationMin: 60, from: '2026-12-02T12:00:00Z', to: '2026-12-02T17:00:00Z' },
			{
				now: NOW,
				policy: resolvePolicy({ slotStepMin: 60 }),
				load: new Map([[ALICE, { timezone: 'Asia/Tokyo', limit: { perDay: 2, perWeek: null } }]]),
				interviews: day,
				hours: { interviewers: new Map([[ALICE, { timezone: 'UTC', workingHours: ANY_TIME }]]), candidateZone: null },
				busy: new Map()
			}
		);
		expect(slots).toEqual(['2026-12-02T15:00:00.000Z', '2026-12-02T16:00:00.000Z']);
	});

	it('takes the interviewer’s own limits over the organization’s, field by field', () => {
		const policy = resolvePolicy({ maxInterviewsPerDay: 4, maxInterviewsPerWeek: 12 });
		expect(effectiveLoadLimit(null, policy)).toEqual({ perDay: 4, perWeek: 12 });
		expect(effectiveLoadLimit({ perDay: 2 }, policy)).toEqual({ perDay: 2, perWeek: 12 });
		expect(effectiveLoadLimit({ perWeek: null }, policy)).toEqual({ perDay: 4, perWeek: null });
		expect(effectiveLoadLimit({ perDay: 0 }, policy)).toEqual({ perDay: 4, perWeek: 12 });
		expect(parseLimit('')).toEqual({ ok: true, value: null });
		expect(parseLimit(' 5 ')).toEqual({ ok: true, value: 5 });
		expect(parseLimit('2.5').ok).toBe(false);
		expect(resolvePolicy({ maxInterviewsPerDay: 0 }).maxInterviewsPerDay).toBeNull();
	});
});
