/** An interview as the candidate's home shows it (its words come from src/lib/format/status.ts). */
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
