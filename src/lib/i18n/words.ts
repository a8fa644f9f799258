/**
 * The words a translated rule sentence puts around its numbers: a notice period ("2 heures"), a
 * calendar day ("lun. 30 nov.") and a span of days ("24–26 déc. 2026"), from the one formatting
 * module in the sentence's date locale (fr → fr-FR, en → en-GB).
 */
import { formatFor } from '$lib/format/dates';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { formatLocaleOf } from './locale';

const f = (locale?: Locale) => formatFor(formatLocaleOf(locale ?? getLocale()), 'UTC');

/** "2 heures", "1 heure 30 minutes", "90 jours". */
export function durationWords(minutes: number, locale?: Locale): string {
	return f(locale).durationLong(minutes);
}

/** A calendar day `YYYY-MM-DD` as "lun. 30 nov." (read at noon UTC, so no zone moves it). */
export function calendarDay(ymd: string, locale?: Locale): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(ymd) ? f(locale).day(`${ymd}T12:00:00Z`) : ymd;
}

/** Calendar days `YYYY-MM-DD` from `from` to `to` as "25 déc. 2026" or "24–26 déc. 2026". */
export function calendarDays(from: string, to: string, locale?: Locale): string {
	return f(locale).dayRange(from, to || from);
}
