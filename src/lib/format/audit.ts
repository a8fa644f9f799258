/** How the audit log's actions read in every history (calendar detail panel, interview and candidate pages). */
import { m } from '$lib/paraglide/messages';

const ACTION_LABELS: Record<string, () => string> = {
	scheduled: m.action_scheduled,
	rescheduled: m.action_rescheduled,
	updated: m.action_updated,
	cancelled: m.action_cancelled,
	started: m.action_started,
	completed: m.action_completed,
	no_show: m.action_no_show,
	scorecard: m.action_scorecard,
	removed: m.action_removed,
	change_requested: m.action_change_requested,
	change_declined: m.action_change_declined
};

/** The label of an audit action, in the page's language; an unknown one reads as itself. */
export function actionLabel(action: string): string {
	return ACTION_LABELS[action]?.() ?? action;
}
