/**
 * "Why no free times?": a blocker of the domain's explanation (`Blocker`: its reason, which sentence
 * it says, the numbers and names in it, an English `message`) said in the reader's language. The
 * admin's form, the loop pages and the API's `details` call this, as `problemText` does for a rule.
 */
import { m } from '$lib/paraglide/messages';
import { baseLocale, getLocale, type Locale } from '$lib/paraglide/runtime';
import type { Blocker } from '$lib/domain/explain';
import { problemText } from './problems';
import { calendarDay, durationWords } from './words';

type Said = Pick<Blocker, 'say' | 'params' | 'problem' | 'message'>;

/** The blocker's sentence in `locale` (else the current language); in English, the domain's own. */
export function blockerText(b: Said, locale?: Locale): string {
	const lang = locale ?? getLocale();
	if (lang === baseLocale) return b.message;
	return said(b, lang) ?? b.message;
}

function said(b: Said, locale: Locale): string | null {
	const o = { locale };
	const num = (key: string) => Number(b.params?.[key] ?? 0);
	const str = (key: string) => String(b.params?.[key] ?? '');
	const notice = () => durationWords(num('minutes'), locale);
	const days = () => durationWords(num('days') * 1440, locale);
	switch (b.say) {
		case 'too_soon':
			return m.why_b_too_soon({ notice: notice() }, o);
		case 'too_far':
			return m.why_b_too_far({ days: days() }, o);
		case 'earlier_too_soon':
			return m.why_b_earlier_too_soon({ notice: notice() }, o);
		case 'later_too_far':
			return m.why_b_later_too_far({ days: days() }, o);
		case 'closure':
			return str('kind') === 'holiday'
				? m.why_b_holiday({ name: str('name') }, o)
				: m.why_b_blackout({ name: str('name') }, o);
		case 'candidate_hours':
			return m.why_b_candidate_hours({}, o);
		case 'no_work_day':
			return m.why_no_work_day({}, o);
		case 'hours_too_short':
			return m.why_b_hours_short({ duration: notice() }, o);
		case 'daily_limit':
			return m.why_b_daily_limit({}, o);
		case 'weekly_limit':
			return m.why_b_weekly_limit({ date: calendarDay(str('week'), locale) }, o);
		case 'busy':
			return m.why_b_busy({ count: num('count'), duration: notice() }, o);
		case 'no_common_time':
			return m.why_no_common({}, o);
		case 'loop_past_range':
			return m.why_b_loop_past_range({}, o);
		case 'loop_busy':
			return m.why_b_loop_busy({}, o);
		case 'loop_outside_hours':
			return m.why_b_loop_outside_hours({}, o);
		case 'pool_not_together':
			return m.why_b_pool_not_together({}, o);
		case 'pool_too_few':
			return m.why_b_pool_too_few({ free: num('free'), count: num('count') }, o);
		case 'pool_never_together':
			return m.why_b_pool_never({ free: num('free'), count: num('count') }, o);
		case 'problem':
			return b.problem ? problemText(b.problem, locale) : null;
		default:
			return null;
	}
}
