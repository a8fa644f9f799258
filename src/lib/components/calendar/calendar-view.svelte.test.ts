import { describe, expect, it } from 'vitest';
import { CalendarView } from './calendar-view.svelte';

describe('the calendar’s zone choices', () => {
	it('offers the viewer’s zone, the zones in use and every zone the runtime knows, each once and sorted', () => {
		const zones = new CalendarView('America/New_York').zones(['Europe/Paris', 'Asia/Tokyo', 'Europe/Paris']);
		expect(zones).toEqual([...zones].sort());
		expect(new Set(zones).size).toBe(zones.length);
		for (const z of ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'UTC', 'Africa/Nairobi'])
			expect(zones).toContain(z);
	});

	it('leaves out a zone in use that the runtime cannot show', () => {
		const zones = new CalendarView('Mars/Olympus_Mons').zones(['Not/A_Zone', 'Europe/Paris']);
		expect(zones).not.toContain('Not/A_Zone');
		expect(zones).not.toContain('Mars/Olympus_Mons');
		expect(zones).toContain('Europe/Paris');
	});
});
