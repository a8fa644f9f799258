/** Words the candidate's pages use for the stored codes. */
export const TYPE_LABEL: Record<string, string> = {
	phone: 'Phone interview',
	video: 'Video interview',
	in_person: 'In-person interview',
	technical: 'Technical interview',
	hr: 'HR interview',
	final: 'Final interview'
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
