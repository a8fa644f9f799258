/** Words and request bodies for a calendar entry that needs repair (pure, tested without a browser). */
import type { DamagedEntry } from '$lib/collab/calendar';
import type { Interview } from '$lib/domain';
import { m } from '$lib/paraglide/messages';

/** What each field is, in the words of the calendar (read when said: the language is the reader's). */
const FIELD_WORDS: Record<keyof Interview, () => string> = {
	id: () => m.cal_field_id(),
	applicationId: () => m.cal_field_application_id(),
	candidateId: () => m.cal_field_candidate_id(),
	cycleId: () => m.cal_field_cycle_id(),
	start: () => m.cal_field_start(),
	durationMin: () => m.cal_field_duration_min(),
	timezone: () => m.cal_field_timezone(),
	type: () => m.cal_field_type(),
	mode: () => m.cal_field_mode(),
	location: () => m.cal_field_location(),
	round: () => m.cal_field_round(),
	panel: () => m.cal_field_panel(),
	status: () => m.cal_field_status(),
	rescheduledFrom: () => m.cal_field_rescheduled_from(),
	updatedBy: () => m.cal_field_updated_by(),
	updatedAt: () => m.cal_field_updated_at()
};

/** "duration and panel": the broken fields of an entry as people say them (after "Its"). */
export function brokenWords(entry: DamagedEntry): string {
	const words = entry.broken.map((f) => FIELD_WORDS[f]());
	if (words.length <= 1) return words.join('');
	return m.cal_fields_and({ some: words.slice(0, -1).join(', '), last: words.at(-1) ?? '' });
}

/** What the repair form holds; empty values mean "keep what still reads, or the last saved value". */
export interface RepairValues {
	/** ISO UTC, or '' when no date and time are given. */
	start: string;
	durationMin: number | null;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	panel: string[];
	reason: string;
}

/**
 * The PATCH body of a repair: every value the form holds, the readable ones included, so the server
 * writes the entry back whole; an empty value is left out, and the server takes the last saved one.
 */
export function repairBody(entry: DamagedEntry, v: RepairValues): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	if (v.start) body.start = v.start;
	if (v.durationMin !== null && Number.isFinite(v.durationMin)) body.duration_min = v.durationMin;
	if (v.timezone) body.timezone = v.timezone;
	if (v.type) body.type = v.type;
	if (v.mode) body.mode = v.mode;
	if (v.location || entry.readable.location !== undefined) body.location = v.location;
	if (v.panel.length > 0 || entry.readable.panel !== undefined) body.panel = v.panel;
	if (v.reason.trim()) body.reason = v.reason.trim();
	return body;
}
