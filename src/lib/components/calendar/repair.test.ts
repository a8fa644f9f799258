import { describe, expect, it } from 'vitest';
import type { DamagedEntry } from '$lib/collab/calendar';
import { brokenWords, repairBody, type RepairValues } from './repair';

const ID = '11111111-1111-4111-8111-111111111111';
const empty: RepairValues = {
	start: '',
	durationMin: null,
	timezone: '',
	type: '',
	mode: '',
	location: '',
	panel: [],
	reason: ''
};

describe('a calendar entry that needs repair', () => {
	it('names the broken fields as people say them', () => {
		expect(brokenWords({ id: ID, readable: {}, broken: ['durationMin'] })).toBe('duration');
		expect(brokenWords({ id: ID, readable: {}, broken: ['start', 'durationMin', 'panel'] })).toBe(
			'start, duration and panel'
		);
	});

	it('sends every value the form holds, and leaves out the empty ones the server fills from the last save', () => {
		const entry: DamagedEntry = { id: ID, readable: { location: '', panel: ['a'] }, broken: ['durationMin', 'start'] };
		expect(repairBody(entry, { ...empty, location: '', panel: ['a'], durationMin: 45, reason: ' ' })).toEqual({
			duration_min: 45,
			location: '',
			panel: ['a']
		});
		// An unreadable panel left unticked keeps the last saved one: it is not sent as empty.
		const noPanel: DamagedEntry = { id: ID, readable: {}, broken: ['panel', 'location'] };
		expect(repairBody(noPanel, { ...empty, type: 'video', reason: 'typo' })).toEqual({ type: 'video', reason: 'typo' });
	});
});
