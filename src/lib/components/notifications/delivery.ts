/** How the outbox's messages read on the admin pages: kinds, states and "sent 14:02" lines. */
import type { NotificationKind, OutboxStatus } from '$lib/contract/notifications';
import { statusLabels } from '$lib/format/status';
import { viewerFormat } from '$lib/format/viewer';

export const KIND_NAMES: Record<NotificationKind, string> = {
	invitation: 'Invitation',
	personal_link: 'Personal link',
	scheduling_request: 'Scheduling request',
	change_request: 'Change request',
	interview_scheduled: 'Scheduled',
	interview_rescheduled: 'Rescheduled',
	interview_cancelled: 'Cancelled',
	panel_added: 'Added to panel',
	panel_removed: 'Removed from panel',
	reminder_24h: 'Reminder (1 day)',
	reminder_1h: 'Reminder (1 hour)',
	feedback_request: 'Scorecard request',
	delivery_failed: 'Delivery failed'
};

export const STATUS_TONE: Record<OutboxStatus, string> = {
	queued: 'info',
	sending: 'warn',
	sent: 'ok',
	failed: 'danger',
	cancelled: ''
};

/** The outbox states' words (src/lib/format/status.ts). */
export const STATUS_NAMES = statusLabels('outbox') as Record<OutboxStatus, string>;

/** "14:02" today, "3 Dec, 14:02" another day, in the viewer's zone and locale. */
export function shortTime(iso: string, zone: string, now = new Date()): string {
	return viewerFormat(zone).stamp(iso, now);
}

/** "Email to Sam Carter sent 14:02", "… failed: 550 No such mailbox", "… queued, next try 14:10". */
export function deliveryLine(
	d: {
		to: { name: string };
		status: OutboxStatus;
		sent_at: string | null;
		created_at: string;
		next_attempt_at: string | null;
		last_error: string | null;
		attempts: number;
	},
	zone: string,
	now = new Date()
): string {
	const to = `Email to ${d.to.name}`;
	switch (d.status) {
		case 'sent':
			return `${to} sent ${shortTime(d.sent_at ?? d.created_at, zone, now)}`;
		case 'failed':
			return `${to} failed${d.last_error ? `: ${d.last_error}` : ''}`;
		case 'cancelled':
			return `${to} not sent${d.last_error ? `: ${d.last_error}` : ''}`;
		case 'sending':
			return `${to} being sent`;
		default:
			return d.attempts > 0 && d.next_attempt_at
				? `${to} waiting to be retried at ${shortTime(d.next_attempt_at, zone, now)} (${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${d.last_error ? `: ${d.last_error}` : ''})`
				: `${to} queued ${shortTime(d.created_at, zone, now)}`;
	}
}
