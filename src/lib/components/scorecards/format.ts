/** Display helpers shared by the interview page and the admin's candidate page. */
import { isValidTimeZone } from '$lib/domain/zone';
import { viewerFormat } from '$lib/format/viewer';
import { isRecommendation, type Recommendation } from '$lib/domain/scorecards';
import { m } from '$lib/paraglide/messages';
import { actionLabel } from '../audit';

/** The zone to show times in: the person's own, else this browser's, else the organization's. */
export function viewerZone(userZone: string | null | undefined, orgZone: string | null | undefined): string {
	if (userZone && isValidTimeZone(userZone)) return userZone;
	if (typeof Intl !== 'undefined' && typeof window !== 'undefined') {
		const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
		if (isValidTimeZone(browser)) return browser;
	}
	return orgZone && isValidTimeZone(orgZone) ? orgZone : 'UTC';
}

/** "Tue 24 Nov 2026, 10:00 GMT-5" in the zone. */
export function when(iso: string, zone: string): string {
	return viewerFormat(zone).dateTimeZoned(iso);
}

const RECOMMENDATION: Record<Recommendation, () => string> = {
	hire: m.rec_hire,
	proceed: m.rec_proceed,
	maybe: m.rec_maybe,
	reject: m.rec_reject
};

/** A recommendation code as people read it, in the page's language. */
export function recommendationLabel(code: unknown): string {
	return isRecommendation(code) ? RECOMMENDATION[code]() : String(code);
}

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

/** One line describing an audit entry; names are resolved through `names` (user id → name). */
export function describeEntry(
	entry: { action: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null },
	zone: string,
	names: Record<string, string> = {}
): { title: string; detail: string } {
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
		if (key === 'start' && typeof v === 'string') {
			try {
				return when(v, zone);
			} catch {
				return v;
			}
		}
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
