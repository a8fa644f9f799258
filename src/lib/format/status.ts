/**
 * The words for stored status codes, in sentence case, in one place and in the viewer's language
 * (messages/<locale>.json). Staff read the pipeline's own words; a candidate reads gentler ones about
 * their own application ("Under review", "Missed"). Pages pass no locale (the request's or the page's
 * language applies); mail passes the recipient's.
 */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

export type StatusKind = 'application' | 'interview' | 'outbox';
export type Audience = 'staff' | 'candidate';

type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const STAFF: Record<StatusKind, Record<string, Label>> = {
	application: {
		pending: m.status_application_pending,
		selected: m.status_application_selected,
		interview_scheduled: m.status_application_interview_scheduled,
		approved: m.status_application_approved,
		rejected: m.status_application_rejected
	},
	interview: {
		scheduled: m.status_interview_scheduled,
		in_progress: m.status_interview_in_progress,
		completed: m.status_interview_completed,
		cancelled: m.status_interview_cancelled,
		no_show: m.status_interview_no_show
	},
	outbox: {
		queued: m.status_outbox_queued,
		sending: m.status_outbox_sending,
		sent: m.status_outbox_sent,
		failed: m.status_outbox_failed,
		cancelled: m.status_outbox_cancelled
	}
};

const CANDIDATE: Partial<Record<StatusKind, Record<string, Label>>> = {
	application: {
		pending: m.status_candidate_pending,
		selected: m.status_candidate_selected,
		interview_scheduled: m.status_candidate_interview_scheduled,
		approved: m.status_candidate_approved,
		rejected: m.status_candidate_rejected
	},
	interview: { no_show: m.status_candidate_no_show }
};

/** A code nobody named yet, in sentence case: "waiting_list" → "Waiting list". */
export function sentenceCase(code: string): string {
	const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a status code for this audience, in sentence case, in `locale` (else the current language). */
export function statusLabel(kind: StatusKind, status: string, audience: Audience = 'staff', locale?: Locale): string {
	const label = (audience === 'candidate' ? CANDIDATE[kind]?.[status] : undefined) ?? STAFF[kind][status];
	return label ? label({}, locale ? { locale } : {}) : sentenceCase(status);
}

/**
 * The codes of a kind with their staff labels, in pipeline order (for filters and counts). Each label
 * is a getter, so a table built once at import still reads in the language of whoever reads it.
 */
export function statusLabels(kind: StatusKind): Readonly<Record<string, string>> {
	return liveLabels(STAFF[kind]);
}

/** A record of labels whose values are read in the current language each time (see `statusLabels`). */
export function liveLabels(labels: Record<string, Label>): Readonly<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const [code, label] of Object.entries(labels))
		Object.defineProperty(out, code, { enumerable: true, get: () => label() });
	return out;
}

const TYPES: Record<string, { short: Label; long: Label; inline: Label }> = {
	phone: { short: m.type_phone, long: m.type_long_phone, inline: m.mail_type_phone },
	video: { short: m.type_video, long: m.type_long_video, inline: m.mail_type_video },
	in_person: { short: m.type_in_person, long: m.type_long_in_person, inline: m.mail_type_in_person },
	technical: { short: m.type_technical, long: m.type_long_technical, inline: m.mail_type_technical },
	hr: { short: m.type_hr, long: m.type_long_hr, inline: m.mail_type_hr },
	final: { short: m.type_final, long: m.type_long_final, inline: m.mail_type_final }
};

/**
 * An interview type's word: short ("Phone", for staff lists), long ("Phone interview", a title) or
 * inline ("phone interview", inside a sentence).
 */
export function typeLabel(type: string, style: 'short' | 'long' | 'inline' = 'short', locale?: Locale): string {
	const label = TYPES[type]?.[style] ?? (style === 'short' ? undefined : m.type_long_other);
	return label ? label({}, locale ? { locale } : {}) : sentenceCase(type);
}

/** The short words of every interview type, read in the current language (see `statusLabels`). */
export function typeLabels(): Readonly<Record<string, string>> {
	return liveLabels(Object.fromEntries(Object.entries(TYPES).map(([code, t]) => [code, t.short])));
}
