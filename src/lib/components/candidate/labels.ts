/** Words the candidate's pages use for the stored codes. */
export const TYPE_LABEL: Record<string, string> = {
	phone: 'Phone interview',
	video: 'Video interview',
	in_person: 'In-person interview',
	technical: 'Technical interview',
	hr: 'HR interview',
	final: 'Final interview'
};

export const STATUS_LABEL: Record<string, string> = {
	scheduled: 'Scheduled',
	in_progress: 'In progress',
	completed: 'Completed',
	cancelled: 'Cancelled',
	no_show: 'Missed'
};

export const APPLICATION_LABEL: Record<string, string> = {
	pending: 'Under review',
	selected: 'Selected for an interview',
	interview_scheduled: 'Interview scheduled',
	approved: 'Accepted',
	rejected: 'Not accepted'
};

/** An interview as the candidate's home shows it. */
export interface CandidateInterview {
	id: string;
	start: string;
	end: string;
	duration_min: number;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	round: number;
	status: string;
	panel: string[];
	has_room: boolean;
	opens_at: string;
	closes_at: string;
}
