/** What an interviewer's team calendar page receives (src/lib/server/views/team-week.ts; decision 50). */
import type { InterviewMode, InterviewStatus, InterviewType } from '$lib/domain/types';

/** One of my own interviews. */
export interface TeamMine {
	kind: 'mine';
	id: string;
	start: string;
	end: string;
	candidateName: string;
	type: InterviewType;
	mode: InterviewMode;
	status: InterviewStatus;
	/** The others on the panel. */
	with: string[];
}

/** Someone else's interview: when, and which colleagues it keeps busy. */
export interface TeamBusy {
	kind: 'busy';
	start: string;
	end: string;
	/** The colleagues on its panel, by name. */
	busy: string[];
}

export interface TeamWeek {
	/** Monday of the week shown, `YYYY-MM-DD` in `zone`. */
	week: string;
	zone: string;
	/** The seven days, Monday first, each with its entries by start. */
	days: { date: string; entries: (TeamMine | TeamBusy)[] }[];
}
