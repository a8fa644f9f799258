/**
 * The words for stored status codes, in sentence case, in one place. Staff read the pipeline's own
 * words; a candidate reads gentler ones about their own application ("Under review", "Missed").
 */

export type StatusKind = 'application' | 'interview' | 'outbox';
export type Audience = 'staff' | 'candidate';

const STAFF: Record<StatusKind, Record<string, string>> = {
	application: {
		pending: 'Pending',
		selected: 'Selected',
		interview_scheduled: 'Interview scheduled',
		approved: 'Approved',
		rejected: 'Rejected'
	},
	interview: {
		scheduled: 'Scheduled',
		in_progress: 'In progress',
		completed: 'Completed',
		cancelled: 'Cancelled',
		no_show: 'No-show'
	},
	outbox: {
		queued: 'Queued',
		sending: 'Sending',
		sent: 'Sent',
		failed: 'Failed',
		cancelled: 'Not sent'
	}
};

const CANDIDATE: Partial<Record<StatusKind, Record<string, string>>> = {
	application: {
		pending: 'Under review',
		selected: 'Selected for an interview',
		interview_scheduled: 'Interview scheduled',
		approved: 'Accepted',
		rejected: 'Not accepted'
	},
	interview: { no_show: 'Missed' }
};

/** A code nobody named yet, in sentence case: "waiting_list" → "Waiting list". */
export function sentenceCase(code: string): string {
	const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a status code for this audience, in sentence case. */
export function statusLabel(kind: StatusKind, status: string, audience: Audience = 'staff'): string {
	return (
		(audience === 'candidate' ? CANDIDATE[kind]?.[status] : undefined) ?? STAFF[kind][status] ?? sentenceCase(status)
	);
}

/** The codes of a kind with their staff labels, in pipeline order (for filters and counts). */
export function statusLabels(kind: StatusKind): Readonly<Record<string, string>> {
	return STAFF[kind];
}
