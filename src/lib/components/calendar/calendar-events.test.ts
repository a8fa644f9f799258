import { describe, expect, it } from 'vitest';
import type { Interview } from '$lib/domain';
import { interviewEvents, loopPlaces } from './calendar-events';

const interview = (id: string, start: string): Interview => ({
	id,
	applicationId: 'app',
	candidateId: 'cand',
	cycleId: 'cy',
	start,
	durationMin: 45,
	timezone: 'UTC',
	type: 'video',
	mode: 'online',
	location: '',
	round: 1,
	panel: ['u1'],
	status: 'scheduled',
	rescheduledFrom: null,
	updatedBy: null,
	updatedAt: start
});

describe('loop sessions on the calendar', () => {
	it('labels each session of a loop with its place and gives the loop one outline colour; others get none', () => {
		const loops = [
			{ id: 'L1', interviewIds: ['a', 'b', 'c'] },
			{ id: 'L2', interviewIds: ['d', 'e'] }
		];
		expect(loopPlaces(loops).get('e')).toMatchObject({ loopId: 'L2', position: 2, count: 2 });
		const events = interviewEvents(
			['a', 'b', 'c', 'd', 'x'].map((id, i) => interview(id, `2026-12-0${i + 1}T10:00:00.000Z`)),
			{
				tz: 'UTC',
				names: new Map([['app', 'Tomás']]),
				conflicts: new Map(),
				editors: new Map(),
				pending: null,
				canEdit: true,
				openId: null,
				loops
			}
		);
		expect(events.map((e) => e.extendedProps.loop)).toEqual([
			'Loop 1/3',
			'Loop 2/3',
			'Loop 3/3',
			'Loop 1/2',
			undefined
		]);
		const outline = (i: number) => events[i]!.styles.find((s) => s.startsWith('outline:'));
		expect(outline(0)).toBeDefined();
		expect(new Set([outline(0), outline(1), outline(2)]).size).toBe(1);
		expect(outline(3)).not.toBe(outline(0));
		expect(events[4]!.styles).toEqual([]);
		expect(events[4]!.classNames).not.toContain('iv-loop');
	});
});
