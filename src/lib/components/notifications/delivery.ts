/** How the outbox's messages read on the admin pages: kinds, states and "sent 14:02" lines. */
import type { NotificationKind, OutboxStatus } from '$lib/contract/notifications';
import { liveLabels, statusLabels } from '$lib/format/status';
import { m } from '$lib/paraglide/messages';
import { viewerFormat } from '$lib/format/viewer';

/** The kinds' names, read in the page's language (getters, like `STATUS_NAMES`). */
export const KIND_NAMES = liveLabels({
	invitation: m.kind_name_invitation,
	personal_link: m.kind_name_personal_link,
	scheduling_request: m.kind_name_scheduling_request,
	change_request: m.kind_name_change_request,
	interview_scheduled: m.kind_name_interview_scheduled,
	interview_rescheduled: m.kind_name_interview_rescheduled,
	interview_cancelled: m.kind_name_interview_cancelled,
	panel_added: m.kind_name_panel_added,
	panel_removed: m.kind_name_panel_removed,
	reminder_24h: m.kind_name_reminder_24h,
	reminder_1h: m.kind_name_reminder_1h,
	feedback_request: m.kind_name_feedback_request,
	delivery_failed: m.kind_name_delivery_failed
}) as Record<NotificationKind, string>;

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
	const to = m.delivery_to({ name: d.to.name });
	const error = d.last_error ? `: ${d.last_error}` : '';
	switch (d.status) {
		case 'sent':
			return m.delivery_sent({ to, time: shortTime(d.sent_at ?? d.created_at, zone, now) });
		case 'failed':
			return `${m.delivery_failed({ to })}${error}`;
		case 'cancelled':
			return `${m.delivery_not_sent({ to })}${error}`;
		case 'sending':
			return m.delivery_sending({ to });
		default:
			return d.attempts > 0 && d.next_attempt_at
				? m.delivery_retry({ to, time: shortTime(d.next_attempt_at, zone, now), attempts: d.attempts, error })
				: m.delivery_queued({ to, time: shortTime(d.created_at, zone, now) });
	}
}
