/**
 * How an entry of an interview's audit log reads (a title and a detail line), in the page's
 * language. The interview and candidate pages describe their history where they load it, on the
 * server, so that the browser does not load these words and rules; the one part that depends on the
 * viewer's zone, a time, travels as a marked instant that the page writes in its zone
 * (`showInstants` in ./instants), because the browser may know a better zone than the server did.
 */
import { m } from '$lib/paraglide/messages';
import { actionLabel } from './audit';
import { markInstant } from './instants';
import { recommendationLabel } from './recommendation';

const FIELD_LABELS: Record<string, () => string> = {
	start: m.field_start,
	duration_min: m.field_duration_min,
	timezone: m.field_timezone,
	type: m.field_type,
	mode: m.field_mode,
	location: m.field_location,
	round: m.field_round,
	panel: m.field_panel,
	status: m.field_status
};

interface Entry {
	action: string;
	old_values: Record<string, unknown> | null;
	new_values: Record<string, unknown> | null;
}

/**
 * One line describing an audit entry; names are resolved through `names` (user id → name), times
 * are marked instants for `showInstants`.
 */
export function describeEntry(entry: Entry, names: Record<string, string> = {}): { title: string; detail: string } {
	const title = actionLabel(entry.action);
	const n = entry.new_values ?? {};
	const o = entry.old_values ?? {};
	if (entry.action === 'scorecard') {
		if (n.finalized === true)
			return { title: m.history_finalized(), detail: m.history_frozen({ count: Number(n.scorecards ?? 0) }) };
		// Withheld from this viewer until they submit their own: who and when, never what.
		if (n.hidden === true)
			return {
				title: entry.old_values ? m.history_scorecard_edited() : m.history_scorecard_submitted(),
				detail: ''
			};
		const rated = (v: Record<string, unknown>) =>
			m.history_rating({ rating: String(v.rating), recommendation: recommendationLabel(v.recommendation) });
		if (!entry.old_values) return { title: m.history_scorecard_submitted(), detail: rated(n) };
		return {
			title: m.history_scorecard_edited(),
			detail: `${m.history_was({ now: rated(n), before: rated(o) })}${n.feedback_changed ? m.history_feedback_changed() : ''}`
		};
	}
	const show = (key: string, v: unknown): string => {
		if (v === null || v === undefined || v === '') return '—';
		if (key === 'start' && typeof v === 'string') return markInstant(v);
		if (key === 'panel' && Array.isArray(v))
			return v.map((id) => names[String(id)] ?? m.history_someone()).join(', ') || m.history_nobody();
		return String(v);
	};
	const keys = Object.keys(n).filter((k) => k in FIELD_LABELS);
	if (!entry.old_values) {
		return { title, detail: keys.includes('start') ? show('start', n.start) : '' };
	}
	const detail = keys
		.map((k) => m.history_change({ field: FIELD_LABELS[k]!(), from: show(k, o[k]), to: show(k, n[k]) }))
		.join('; ');
	return { title, detail };
}

/** Each entry with its `title` and `detail` (see `describeEntry`). */
export function describeEntries<E extends Entry>(
	entries: E[],
	names: Record<string, string>
): (E & { title: string; detail: string })[] {
	return entries.map((e) => ({ ...e, ...describeEntry(e, names) }));
}
