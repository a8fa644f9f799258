import { afterEach, describe, expect, it } from 'vitest';
import { CalendarSync } from '$lib/collab/sync.svelte';
import { resolvePolicy, utcToZonedParts, type Interview } from '$lib/domain';
import { ScheduleFormState } from './schedule-form.svelte';
import type { CalendarPageData } from '$lib/contract/calendar-page';

const ORG = '00000000-0000-4000-8000-000000000001';
const INES = '00000000-0000-4000-8000-00000000000a';
const anyDay = { startTime: '00:00', endTime: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] };
const data: CalendarPageData = {
	orgId: ORG,
	generation: 0,
	orgTimezone: 'UTC',
	collabUrl: 'ws://unused',
	me: { id: 'admin', name: 'Avery', timezone: 'UTC' },
	canEdit: true,
	policy: resolvePolicy(),
	interviewers: [
		{
			id: INES,
			name: 'Ines',
			email: 'ines@x.test',
			timezone: 'UTC',
			workingHours: anyDay,
			loadLimit: { perDay: null, perWeek: null }
		}
	],
	closures: { timezone: 'UTC', list: [] },
	admins: [],
	applications: [
		{
			id: 'app-1',
			candidateId: 'cand-1',
			candidateName: 'Aiko Tanaka',
			candidateTimezone: 'Asia/Tokyo',
			cycleId: 'cy',
			cycleName: 'Fall',
			status: 'selected',
			interviewEnabled: true,
			onlineInterviewEnabled: true
		},
		{
			id: 'app-2',
			candidateId: 'cand-2',
			candidateName: 'Noah Williams',
			candidateTimezone: 'UTC',
			cycleId: 'cy',
			cycleName: 'Fall',
			status: 'pending',
			interviewEnabled: true,
			onlineInterviewEnabled: true
		}
	]
};

describe('the scheduling form’s state', () => {
	const sync = new CalendarSync({ orgId: ORG, user: data.me });
	afterEach(() => sync.reset());

	it('lists only applications the judge would book, and asks for one first', () => {
		const form = new ScheduleFormState({ data, sync, tz: () => 'UTC' });
		expect(form.eligible.map((a) => a.candidateName)).toEqual(['Aiko Tanaka']);
		expect(form.problems[0]).toMatchObject({
			field: 'application_id',
			message: 'Choose the application to interview.'
		});
	});

	it('suggests only times inside the candidate’s hours in their own zone', () => {
		const form = new ScheduleFormState({ data, sync, tz: () => 'UTC', initialApplicationId: 'app-1' });
		form.togglePanel(INES, true);
		expect(form.suggestions.length).toBeGreaterThan(0);
		for (const s of form.suggestions) {
			const tokyo = utcToZonedParts(s, 'Asia/Tokyo');
			const end = utcToZonedParts(Date.parse(s) + 45 * 60_000, 'Asia/Tokyo');
			expect(tokyo.hour, s).toBeGreaterThanOrEqual(8);
			expect(end.hour * 60 + end.minute, s).toBeLessThanOrEqual(20 * 60);
		}
	});

	it('asks why an interview moves only when its start moves', () => {
		const start = new Date(Date.now() + 3 * 86400_000);
		start.setUTCHours(10, 0, 0, 0);
		const interview: Interview = {
			id: '00000000-0000-4000-8000-0000000000f1',
			applicationId: 'app-1',
			candidateId: 'cand-1',
			cycleId: 'cy',
			start: start.toISOString(),
			durationMin: 45,
			timezone: 'UTC',
			type: 'video',
			mode: 'online',
			location: '',
			round: 1,
			panel: [INES],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: null,
			updatedAt: new Date().toISOString()
		};
		const form = new ScheduleFormState({ data, sync, tz: () => 'UTC', interview });
		expect(form.reasonNeeded).toBe(false);
		form.durationMin = 60;
		expect(form.reasonNeeded).toBe(false);
		form.time = '11:00';
		expect(form.reasonNeeded).toBe(true);
		expect(form.problemOf('reason')).toBe('Give a reason for the new time.');
		form.reason = 'The candidate asked';
		expect(form.problemOf('reason')).toBeNull();
	});

	it('warns near an interviewer’s load limit and refuses past it; no slot is suggested on a holiday', () => {
		const limited: CalendarPageData = {
			...data,
			interviewers: data.interviewers.map((i) => ({ ...i, loadLimit: { perDay: 1, perWeek: null } }))
		};
		const form = new ScheduleFormState({ data: limited, sync, tz: () => 'UTC', initialApplicationId: 'app-1' });
		form.togglePanel(INES, true);
		const day = new Date(Date.now() + 4 * 86400_000).toISOString().slice(0, 10);
		form.date = day;
		form.time = '02:00';
		expect(form.loadWarnings).toEqual([{ personId: INES, message: `This is interview 1 of 1 allowed on ${day}.` }]);

		const closed = new ScheduleFormState({
			data: {
				...data,
				closures: { timezone: 'UTC', list: [{ kind: 'holiday', name: 'Founders’ Day', startDate: day, endDate: day }] }
			},
			sync,
			tz: () => 'UTC',
			initialApplicationId: 'app-1'
		});
		closed.togglePanel(INES, true);
		closed.date = day;
		closed.time = '02:00';
		expect(closed.problemOf('start')).toMatch(/^Founders’ Day \(.+\) is a holiday: no interviews are booked then\.$/);
		expect(closed.suggestions.length).toBeGreaterThan(0);
		expect(closed.suggestions.filter((s) => s.startsWith(day))).toEqual([]);
		expect(closed.whyNoSuggestions()).toEqual([]);

		// Closed for three weeks: nothing to suggest, and every day says why.
		const shut = new ScheduleFormState({
			data: {
				...data,
				closures: {
					timezone: 'UTC',
					list: [{ kind: 'blackout', name: 'Audit', startDate: '2026-01-01', endDate: '2030-12-31' }]
				}
			},
			sync,
			tz: () => 'UTC',
			initialApplicationId: 'app-1'
		});
		shut.togglePanel(INES, true);
		expect(shut.suggestions).toEqual([]);
		const why = shut.whyNoSuggestions();
		expect(why.length).toBeGreaterThanOrEqual(14);
		expect(
			new Set(why.flatMap((d) => d.blockers.filter((b) => b.reason !== 'min_notice').map((b) => b.message)))
		).toEqual(new Set(['Audit is a blackout date: no interviews are booked then.']));
	});

	it('fills "some of a pool" at each offered time, says whom and why, and books the picks with the panel', () => {
		const MARCO = '00000000-0000-4000-8000-00000000000b';
		const ZOE = '00000000-0000-4000-8000-00000000000c';
		const person = (id: string, name: string) => ({ ...data.interviewers[0]!, id, name, email: `${name}@x.test` });
		const withPool: CalendarPageData = {
			...data,
			policy: resolvePolicy({ poolPreference: 'soonest' }),
			interviewers: [...data.interviewers, person(MARCO, 'Marco'), person(ZOE, 'Zoe')]
		};
		const form = new ScheduleFormState({ data: withPool, sync, tz: () => 'UTC', initialApplicationId: 'app-1' });
		form.togglePanel(INES, true);
		form.pool.toggle(ZOE, true);
		form.pool.toggle(MARCO, true);
		expect(form.pool.suggestions.length).toBeGreaterThan(0);
		for (const s of form.pool.suggestions)
			expect(s).toMatchObject({ picked: [ZOE], why: 'Free at this time (first in the pool’s order).' });
		expect(form.suggestions).toEqual(form.pool.suggestions.map((s) => s.start));
		form.pick(form.pool.suggestions[1]!.start);
		expect(form.pool.atStart?.picked).toEqual([ZOE]);
		expect(form.chosen.panel).toEqual([INES, ZOE]);
		expect(form.problemOf('panel')).toBeNull();

		// Named on the panel, Zoe leaves the pool; Marco takes the seat.
		form.togglePanel(ZOE, true);
		expect(form.pool.members).toEqual([MARCO]);
		expect(form.chosen.panel).toEqual([INES, ZOE, MARCO]);

		// More seats than the pool has: nothing offered, a problem on the panel, and every day says why.
		form.pool.count = 2;
		expect(form.pool.suggestions).toEqual([]);
		expect(form.problemOf('panel')).toBe('The pool has 1 person besides the panel; 2 are asked for.');
		const why = form.whyNoSuggestions();
		expect(why.length).toBeGreaterThanOrEqual(14);
		expect(why[1]!.blockers.at(-1)!.message).toBe('Only 1 of the pool can join the panel this day; 2 are needed.');

		// Off the slot grid, nobody is picked and the form says to take an offered time.
		form.pool.count = 1;
		form.time = '10:07';
		expect(form.pool.atStart).toBeNull();
		expect(form.problemOf('panel')).toBe(
			'Nobody in the pool can join the panel at this time: pick one of the free times offered.'
		);
	});
});
