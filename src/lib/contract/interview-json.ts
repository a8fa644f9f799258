/**
 * The interview as the API writes it (`interviewJson` on the server), read back into the domain's
 * `Interview`: one conversion for every client that draws interviews from the server instead of
 * the calendar document (the calendar's first view and its archived weeks).
 */
import type { Interview, InterviewMode, InterviewStatus, InterviewType } from '$lib/domain';

/** The fields of `GET /api/v1/interviews` an `Interview` is made of. */
export interface InterviewJsonFields {
	id: string;
	application_id: string;
	cycle_id: string;
	candidate: { id: string };
	start: string;
	duration_min: number;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	round: number;
	panel: { id: string }[];
	status: string;
	rescheduled_from: string | null;
	updated_at: string;
	archived_at: string | null;
}

/** The server's interview as the document's (who last changed it is not said: `updatedBy` is null). */
export function interviewFromJson(j: InterviewJsonFields): Interview {
	return {
		id: j.id,
		applicationId: j.application_id,
		candidateId: j.candidate.id,
		cycleId: j.cycle_id,
		start: j.start,
		durationMin: j.duration_min,
		timezone: j.timezone,
		type: j.type as InterviewType,
		mode: j.mode as InterviewMode,
		location: j.location,
		round: j.round,
		panel: j.panel.map((p) => p.id),
		status: j.status as InterviewStatus,
		rescheduledFrom: j.rescheduled_from,
		updatedBy: null,
		updatedAt: j.updated_at
	};
}
