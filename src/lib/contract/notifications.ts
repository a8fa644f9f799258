/**
 * The kinds of notification, shared by the server (outbox, inbox, templates) and the browser (the
 * inbox, the preferences form). Every kind reaches the inbox of a person with an account; email
 * follows the person's preferences for the kinds listed in `EMAIL_OPTIONAL`. Invitations and
 * personal links are email only: their recipient cannot sign in without them. `delivery_failed`
 * is inbox only: it tells the organization's admins that an email could not be delivered.
 */
import { STREAM_EVENTS } from './events';

export const NOTIFICATION_KINDS = [
	'invitation',
	'personal_link',
	'scheduling_request',
	'interview_scheduled',
	'interview_rescheduled',
	'interview_cancelled',
	'panel_added',
	'panel_removed',
	'reminder_24h',
	'reminder_1h',
	'feedback_request',
	'delivery_failed',
	'change_request'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds a person may turn off by email, in the order the settings page lists them. */
export const EMAIL_OPTIONAL = [
	'interview_scheduled',
	'interview_rescheduled',
	'interview_cancelled',
	'panel_added',
	'panel_removed',
	'reminder_24h',
	'reminder_1h',
	'feedback_request'
] as const satisfies readonly NotificationKind[];
export type OptionalKind = (typeof EMAIL_OPTIONAL)[number];

/** Kinds that concern one interview (they carry its snapshot). */
export const INTERVIEW_KINDS: ReadonlySet<NotificationKind> = new Set(EMAIL_OPTIONAL);

/** Kinds that are timed from the schedule: they stop being due when the interview moves or ends. */
export const TIMED_KINDS: ReadonlySet<NotificationKind> = new Set(['reminder_24h', 'reminder_1h', 'feedback_request']);

/** Who receives each optional kind: the settings page offers a person only their own. */
export const KIND_AUDIENCE: Record<OptionalKind, readonly ('candidate' | 'interviewer')[]> = {
	interview_scheduled: ['candidate', 'interviewer'],
	interview_rescheduled: ['candidate', 'interviewer'],
	interview_cancelled: ['candidate', 'interviewer'],
	panel_added: ['interviewer'],
	panel_removed: ['interviewer'],
	reminder_24h: ['candidate', 'interviewer'],
	reminder_1h: ['candidate', 'interviewer'],
	feedback_request: ['interviewer']
};

export const isOptionalKind = (k: string): k is OptionalKind => (EMAIL_OPTIONAL as readonly string[]).includes(k);

/** Delivery states of an outbox message. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The bus event (and server-sent event) that tells a person a notification arrived. */
export const NOTIFICATION_EVENT = STREAM_EVENTS.notificationCreated;
