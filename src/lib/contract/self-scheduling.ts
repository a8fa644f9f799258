/** A scheduling request as the candidate's page and the API show it (built by src/lib/server/self-scheduling-view.ts). */

/** What a request is now. */
export type RequestState = 'open' | 'booked' | 'expired' | 'cancelled';

export interface RequestView {
	id: string;
	state: RequestState;
	org_name: string;
	round: number;
	type: string;
	mode: string;
	location: string;
	duration_min: number;
	window_start: string;
	window_end: string;
	deadline: string | null;
	/** The zone times are offered in: the candidate's own, else the organization's. */
	timezone: string;
	panel: { id: string; name: string }[];
	/** Some of a pool join the panel: `count` of `members`, whoever is free at the time picked. */
	pool: { count: number; members: { id: string; name: string }[] } | null;
	/** When an open request has no free time left: why, day by day (names, never other people's interviews). */
	why: { date: string; reasons: string[] }[];
	/** Free start times (open requests only), earliest first. */
	slots: { start: string; end: string }[];
	/** The interview booked through the request. */
	interview: { id: string; start: string; end: string; status: string } | null;
}
