/**
 * The applications the calendar knows by id. The page brings those it can book or that have a live
 * interview (and those of its first view); an archived week read later brings the names of its own
 * interviews' applications (`ArchivedInterviews.applications`), which this adds.
 */
import type { CalendarApplication, CalendarPageData } from '$lib/contract/calendar-page';
import type { ArchivedApplication } from './archived.svelte';

/**
 * `data` with the applications of archived interviews it did not know added. Those are named only:
 * the calendar never books them (`pending`, interviews not enabled), and their candidate's hours read
 * in the organization's zone.
 */
export function withArchivedApplications(
	data: CalendarPageData,
	archived: ReadonlyMap<string, ArchivedApplication>
): CalendarPageData {
	if (archived.size === 0) return data;
	const known = new Set(data.applications.map((a) => a.id));
	const cycles = new Map((data.cycles ?? []).map((c) => [c.id, c.name]));
	const added: CalendarApplication[] = [];
	for (const [id, a] of archived) {
		if (known.has(id)) continue;
		added.push({
			id,
			candidateId: a.candidateId,
			candidateName: a.candidateName,
			candidateTimezone: data.orgTimezone,
			cycleId: a.cycleId,
			cycleName: cycles.get(a.cycleId) ?? '',
			status: 'pending',
			interviewEnabled: false,
			onlineInterviewEnabled: false
		});
	}
	return added.length === 0 ? data : { ...data, applications: [...data.applications, ...added] };
}
