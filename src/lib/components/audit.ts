/** How the audit log's actions read in every history (calendar detail panel, interview and candidate pages). */
const ACTION_LABELS: Record<string, string> = {
	scheduled: 'Scheduled',
	rescheduled: 'Rescheduled',
	updated: 'Updated',
	cancelled: 'Cancelled',
	started: 'Started',
	completed: 'Completed',
	no_show: 'Marked no-show',
	scorecard: 'Scorecard',
	removed: 'Removed from the calendar',
	change_requested: 'Change asked for by the candidate',
	change_declined: 'Candidate’s request declined'
};

/** The label of an audit action; an unknown one reads as itself. */
export function actionLabel(action: string): string {
	return ACTION_LABELS[action] ?? action;
}
