/** Words and request bodies for a calendar entry that needs repair (pure, tested without a browser). */
import type { DamagedEntry } from '$lib/collab/calendar';
import type { Interview } from '$lib/domain';

/** What each field is, in the words of the calendar. */
const FIELD_WORDS: Record<keyof Interview, string> = {
	id: 'id',
	applicationId: 'application',
	candidateId: 'candidate',
	cycleId: 'cycle',
	start: 'start',
	durationMin: 'duration',
	timezone: 'time zone',
	type: 'type',
	mode: 'mode',
	location: 'place',
	round: 'round',
	panel: 'panel',
	status: 'status',
	rescheduledFrom: 'link to the interview it replaces',
	updatedBy: 'last editor',
	updatedAt: 'time of the last change'
};

/** "duration and panel": the broken fields of an entry as people say them (after "Its"). */
export function brokenWords(entry: DamagedEntry): string {
	const words = entry.broken.map((f) => FIELD_WORDS[f]);
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
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
