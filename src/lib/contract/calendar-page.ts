/** What the live calendar pages are given by their loader (src/lib/server/calendar-page.ts), besides the Yjs document. */
import type { ApplicationStatus, Interview, LoadLimit, OrgClosures, Policy, WorkingHours } from '$lib/domain';

export interface CalendarInterviewer {
	id: string;
	name: string;
	email: string;
	/** IANA zone (the person's own, else the organization's). */
	timezone: string;
	/** The hours they work, read in `timezone` (their own, else the organization's default). */
	workingHours: WorkingHours;
	/** Most interviews per day and per week (their own, else the organization's); null is none. */
	loadLimit: LoadLimit;
}

export interface CalendarApplication {
	id: string;
	candidateId: string;
	candidateName: string;
	/** The candidate's IANA zone (their own, else the organization's): candidate hours are read in it. */
	candidateTimezone: string;
	cycleId: string;
	cycleName: string;
	status: ApplicationStatus;
	interviewEnabled: boolean;
	onlineInterviewEnabled: boolean;
}

export interface CalendarPageData {
	orgId: string;
	/** The live generation of the organization's calendar document (decision 69). */
	generation: number;
	orgTimezone: string;
	collabUrl: string;
	me: { id: string; name: string; timezone: string | null };
	/** Admins write; interviewers only look. */
	canEdit: boolean;
	policy: Policy;
	/** Holidays and blackout dates, read in the organization's zone. */
	closures: OrgClosures;
	interviewers: CalendarInterviewer[];
	/** The organization's admins, to name who made a change. */
	admins: { id: string; name: string }[];
	/**
	 * The applications the calendar books and names: those it can book or that have an interview in
	 * the live document, and those of the first view; not every one the organization ever had.
	 */
	applications: CalendarApplication[];
	/** The organization's cycles, to name the cycle of an application read later (an archived week). */
	cycles?: { id: string; name: string }[];
	/** Loops whose sessions the calendar may show: each loop's interviews, in order. */
	loops?: { id: string; interviewIds: string[] }[];
	/** The first view from Postgres (the admin calendar page); absent where a page does not render one. */
	first?: CalendarFirstView;
}

/** The numbers of the summary cards. */
export interface CalendarSummaryCounts {
	today: number;
	week: number;
	completed: number;
	cancelled: number;
}

/**
 * The archived interviews the summary counts (decision 69): they left the document of `generation`
 * and those before it, so they are added to what that document holds, and to no other generation's.
 */
export interface ArchivedCounts {
	generation: number;
	completed: number;
	cancelled: number;
}

/**
 * The calendar's first view as Postgres knows it (the projection), so the page shows interviews
 * before the document has synced; the live document replaces it once it has.
 */
export interface CalendarFirstView {
	/** The instants (ISO-8601 UTC) the interviews cover: the opened range, a day wider on each side. */
	from: string;
	to: string;
	/** The zone the summary was counted in. */
	tz: string;
	/** The interviews overlapping the range, sorted by start. */
	interviews: Interview[];
	/** Ids of the interviews in `interviews` that are in conflict. */
	conflictIds: string[];
	summary: CalendarSummaryCounts;
	/** Interviews in conflict in the whole calendar. */
	conflicts: number;
	/** Archived interviews (decision 69): in the summary's counts, never in the live document. */
	archived: ArchivedCounts;
	/** Ids of the interviews in `interviews` that are archived: shown beside the live ones, read only. */
	archivedIds: string[];
	/** Interviews that ended before this instant may be archived; null before the first compaction. */
	archivedBefore: string | null;
}
