import { afterEach, describe, expect, it } from 'vitest';
import { SidePanel } from './side-panel.svelte';

describe('the calendar’s side panel', () => {
	const side = new SidePanel();
	afterEach(() => side.reset());

	it('tells the interview it is about from the one a form is changing', () => {
		expect(side.content).toBeNull();
		side.show('a');
		expect([side.openId, side.changingId]).toEqual(['a', null]);
		side.edit('a');
		expect([side.openId, side.changingId]).toEqual(['a', 'a']);
		side.again('b');
		expect([side.openId, side.changingId]).toEqual(['b', 'b']);
	});

	it('opens a new booking at a start and for an application, about no interview yet', () => {
		side.schedule('2026-11-24T10:00:00.000Z', 'app-1', 2);
		expect(side.content).toEqual({ kind: 'new', start: '2026-11-24T10:00:00.000Z', applicationId: 'app-1', round: 2 });
		expect(side.openId).toBeNull();
		side.close();
		expect(side.content).toBeNull();
	});
});
