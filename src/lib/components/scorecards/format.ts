/** Display helpers shared by the interview page and the admin's candidate page. */
import { isValidTimeZone } from '$lib/domain/time';
import { viewerFormat } from '$lib/format/viewer';
import { RECOMMENDATION_LABELS, isRecommendation } from '$lib/domain/scorecards';
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

/** A recommendation code as people read it. */
export function recommendationLabel(code: unknown): string {
	return isRecommendation(code) ? RECOMMENDATION_LABELS[code] : String(code);
}

const FIELD_LABELS: Record<string, string> = {
	start: 'start',
	duration_min: 'duration (min)',
	timezone: 'time zone',
	type: 'type',
	mode: 'mode',
	location: 'location',
	round: 'round',
	panel: 'panel',
	status: 'status'
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
			return { title: 'Scorecards finalized', detail: `${String(n.scorecards ?? 0)} scorecard(s) frozen` };
		// Withheld from this viewer until they submit their own: who and when, never what.
		if (n.hidden === true) return { title: entry.old_values ? 'Scorecard edited' : 'Scorecard submitted', detail: '' };
		const now = `rating ${String(n.rating)}, ${recommendationLabel(n.recommendation)}`;
		if (!entry.old_values) return { title: 'Scorecard submitted', detail: now };
		return {
			title: 'Scorecard edited',
			detail: `${now} (was rating ${String(o.rating)}, ${recommendationLabel(o.recommendation)})${n.feedback_changed ? '; feedback changed' : ''}`
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
			return v.map((id) => names[String(id)] ?? 'someone').join(', ') || 'nobody';
		return String(v);
	};
	const keys = Object.keys(n).filter((k) => k in FIELD_LABELS);
	if (!entry.old_values) {
		return { title, detail: keys.includes('start') ? show('start', n.start) : '' };
	}
	const detail = keys.map((k) => `${FIELD_LABELS[k]}: ${show(k, o[k])} → ${show(k, n[k])}`).join('; ');
	return { title, detail };
}
