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
import type { Warning } from '$lib/domain/judge';
import { calendarDay, calendarDays, durationWords } from './words';

type Say = (p: Pick<Problem, 'params'>, o: { locale?: Locale }) => string | null;

const n = (p: Pick<Problem, 'params'>, key: string) => Number(p.params?.[key] ?? 0);
const str = (p: Pick<Problem, 'params'>, key: string) => String(p.params?.[key] ?? '');
/** A status code as a staff label, lower case, in the sentence's language. */
const status = (p: Pick<Problem, 'params'>, key: string, o: { locale?: Locale }) =>
	statusLabel('interview', str(p, key), 'staff', o.locale).toLowerCase();
const isNew = (p: Pick<Problem, 'params'>) => n(p, 'reschedule') === 1;

const SAY: Partial<Record<Problem['code'], Say>> = {
	not_editable: (_, o) => m.problem_not_editable({}, o),
	application_not_eligible: (p, o) =>
		typeof p.params?.status === 'string'
			? m.problem_application_not_eligible(
					{ status: statusLabel('application', p.params.status, 'staff', o.locale).toLowerCase() },
					o
				)
			: p.params?.found === 0
				? m.problem_application_not_found({}, o)
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
	start_in_past: (p, o) => (isNew(p) ? m.problem_start_in_past_new({}, o) : m.problem_start_in_past({}, o)),
	invalid_timezone: (_, o) => m.problem_invalid_timezone({}, o),
	invalid_round: (_, o) => m.problem_invalid_round({}, o),
	reason_required: (p, o) => {
		if (p.params?.candidate) return m.problem_reason_candidate({}, o);
		const why = p.params?.for;
		if (why === 'cancel') return m.problem_reason_cancel({}, o);
		if (why === 'move') return m.problem_reason_move({}, o);
		if (why === 'again') return m.problem_reason_again({}, o);
		return null;
	},
	// The judge's rules with their numbers, names and dates.
	min_notice: (p, o) => {
		const notice = durationWords(n(p, 'minutes'), o.locale);
		return isNew(p) ? m.problem_min_notice_new({ notice }, o) : m.problem_min_notice({ notice }, o);
	},
	too_far_ahead: (p, o) => {
		const days = durationWords(n(p, 'days') * 1440, o.locale);
		return isNew(p) ? m.problem_too_far_ahead_new({ days }, o) : m.problem_too_far_ahead({ days }, o);
	},
	invalid_start: (_, o) => m.problem_invalid_start({}, o),
	duration_range: (p, o) => m.problem_duration_range({ min: n(p, 'min'), max: n(p, 'max') }, o),
	invalid_type: (_, o) => m.problem_invalid_type({}, o),
	invalid_mode: (_, o) => m.problem_invalid_mode({}, o),
	panel_not_interviewer: (p, o) => m.problem_panel_not_interviewer({ count: n(p, 'count') }, o),
	round_taken: (p, o) => m.problem_round_taken({ round: n(p, 'round') }, o),
	round_out_of_order: (p, o) => {
		const v = { round: n(p, 'round'), other: n(p, 'other'), fits: n(p, 'fits') };
		const before = str(p, 'order') === 'before';
		if (p.params?.fits === undefined) return before ? m.problem_round_before(v, o) : m.problem_round_after(v, o);
		return before ? m.problem_round_before_fits(v, o) : m.problem_round_after_fits(v, o);
	},
	holiday: (p, o) => {
		if (!p.params?.from) return null;
		const v = { name: str(p, 'name'), days: calendarDays(str(p, 'from'), str(p, 'to'), o.locale) };
		const many = str(p, 'from') !== str(p, 'to');
		if (str(p, 'kind') === 'holiday') return many ? m.problem_holiday_many(v, o) : m.problem_holiday_one(v, o);
		return many ? m.problem_blackout_many(v, o) : m.problem_blackout_one(v, o);
	},
	over_load_limit: (p, o) => {
		if (!p.params?.period) return null;
		const v = { limit: n(p, 'limit'), date: calendarDay(str(p, 'date'), o.locale) };
		return str(p, 'period') === 'day' ? m.problem_over_day(v, o) : m.problem_over_week(v, o);
	},
	invalid_transition: (p, o) =>
		!p.params?.to
			? null
			: p.params.from === p.params.to
				? m.problem_already_status({ status: status(p, 'to', o) }, o)
				: m.problem_transition({ from: status(p, 'from', o), to: status(p, 'to', o) }, o),
	not_started: (p, o) => (p.params?.to ? m.problem_not_started({ to: status(p, 'to', o) }, o) : null),
	not_found: (_, o) => m.problem_not_found({}, o),
	already_exists: (_, o) => m.problem_already_exists({}, o),
	not_damaged: (_, o) => m.problem_not_damaged({}, o)
};

/** The problem's sentence in `locale` (else the current language); in English, the domain's own. */
export function problemText(problem: Pick<Problem, 'code' | 'message' | 'params'>, locale?: Locale): string {
	const lang = locale ?? getLocale();
	if (lang === baseLocale) return problem.message;
	return endOnce(SAY[problem.code]?.(problem, { locale: lang }) ?? problem.message);
}

/** A warning of the judge (outside working hours, near a load limit) in `locale` (else the current language). */
export function warningText(warning: Pick<Warning, 'code' | 'message' | 'role' | 'params'>, locale?: Locale): string {
	const lang = locale ?? getLocale();
	if (lang === baseLocale) return warning.message;
	const p = { params: warning.params };
	const o = { locale: lang };
	if (warning.code === 'outside_working_hours')
		return warning.role === 'candidate' && p.params?.from
			? m.warn_outside_candidate({ from: str(p, 'from'), to: str(p, 'to') }, o)
			: m.warn_outside_hours({}, o);
	if (!p.params?.period) return warning.message;
	const v = { count: n(p, 'count'), limit: n(p, 'limit'), date: calendarDay(str(p, 'date'), lang) };
	return endOnce(str(p, 'period') === 'day' ? m.warn_near_day(v, o) : m.warn_near_week(v, o));
}

/** One full stop where a date's abbreviation ("30 nov.") ends the sentence. */
function endOnce(text: string): string {
	return text.replace(/\.\.$/, '.');
}
