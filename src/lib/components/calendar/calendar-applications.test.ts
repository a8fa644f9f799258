import { describe, expect, it } from 'vitest';
import type { CalendarApplication, CalendarPageData } from '$lib/contract/calendar-page';
import { withArchivedApplications } from './calendar-applications';

const known: CalendarApplication = {
	id: 'app-1',
	candidateId: 'cand-1',
	candidateName: 'Ada',
	candidateTimezone: 'Europe/Paris',
	cycleId: 'cycle-1',
	cycleName: 'Fall',
	status: 'selected',
	interviewEnabled: true,
	onlineInterviewEnabled: true
};
const data = {
	orgTimezone: 'Europe/Paris',
	applications: [known],
	cycles: [
		{ id: 'cycle-1', name: 'Fall' },
		{ id: 'cycle-0', name: 'Spring 2021' }
	]
} as unknown as CalendarPageData;

describe('the applications the calendar knows', () => {
	it('is the page’s data itself while no archived week brought others', () => {
		expect(withArchivedApplications(data, new Map())).toBe(data);
		const same = new Map([['app-1', { candidateId: 'cand-1', candidateName: 'Ada', cycleId: 'cycle-1' }]]);
		expect(withArchivedApplications(data, same)).toBe(data);
	});

	it('adds an archived interview’s application, named, with its cycle, never bookable', () => {
		const archived = new Map([['app-0', { candidateId: 'cand-0', candidateName: 'Bo', cycleId: 'cycle-0' }]]);
		const out = withArchivedApplications(data, archived);
		expect(out.applications).toEqual([
			known,
			{
				id: 'app-0',
				candidateId: 'cand-0',
				candidateName: 'Bo',
				candidateTimezone: 'Europe/Paris',
				cycleId: 'cycle-0',
				cycleName: 'Spring 2021',
				status: 'pending',
				interviewEnabled: false,
				onlineInterviewEnabled: false
			}
		]);
		// The page's own data is left as it was.
		expect(data.applications).toEqual([known]);
	});
});
