/**
 * A rule problem from the domain (`Problem`: a stable code, its numbers, an English sentence) said in
 * the reader's language. The domain stays free of messages; the edge that shows a problem (a page, a
 * form action, the API's error body) calls this. A code with no translation yet keeps its English
 * sentence, so nothing is ever blank.
 */
import { m } from '$lib/paraglide/messages';
import { baseLocale, getLocale, type Locale } from '$lib/paraglide/runtime';
import type { Problem } from '$lib/domain/types';
import { statusLabel } from '$lib/format/status';

type Say = (p: Pick<Problem, 'params'>, o: { locale?: Locale }) => string | null;

const n = (p: Pick<Problem, 'params'>, key: string) => Number(p.params?.[key] ?? 0);

const SAY: Partial<Record<Problem['code'], Say>> = {
	not_editable: (_, o) => m.problem_not_editable({}, o),
	application_not_eligible: (p, o) =>
		typeof p.params?.status === 'string'
			? m.problem_application_not_eligible(
					{ status: statusLabel('application', p.params.status, 'staff', o.locale).toLowerCase() },
					o
				)
			: null,
	interview_disabled: (_, o) => m.problem_interview_disabled({}, o),
	online_disabled: (_, o) => m.problem_online_disabled({}, o),
	change_cutoff: (p, o) => m.problem_change_cutoff({ hours: n(p, 'hours') }, o),
	already_requested: (_, o) => m.problem_already_requested({}, o),
	reschedule_limit: (p, o) =>
		n(p, 'max') === 0 ? m.problem_reschedule_none({}, o) : m.problem_reschedule_limit({ max: n(p, 'max') }, o),
	// The scheduling form's fixed sentences (the calendar's form shows them as they are judged).
	panel_empty: (_, o) => m.problem_panel_empty({}, o),
	panel_duplicate: (_, o) => m.problem_panel_duplicate({}, o),
	location_required: (_, o) => m.problem_location_required({}, o),
	start_in_past: (_, o) => m.problem_start_in_past({}, o),
	invalid_timezone: (_, o) => m.problem_invalid_timezone({}, o),
	invalid_round: (_, o) => m.problem_invalid_round({}, o),
	// Only the candidate's variant is translated here; the others keep their sentence.
	reason_required: (p, o) => (p.params?.candidate ? m.problem_reason_candidate({}, o) : null)
};

/** The problem's sentence in `locale` (else the current language); in English, the domain's own. */
export function problemText(problem: Pick<Problem, 'code' | 'message' | 'params'>, locale?: Locale): string {
	const lang = locale ?? getLocale();
	if (lang === baseLocale) return problem.message;
	return SAY[problem.code]?.(problem, { locale: lang }) ?? problem.message;
}
