/**
 * Dates and times in messages: always in the recipient's zone and naming it (docs/architecture.md
 * invariant 5), through `Intl` only. The language picks the locale.
 */
import { isValidTimeZone } from '$lib/domain/time';
import { formatFor, zoneName as plainZone } from '$lib/format/dates';
import { BASE_LOCALE, formatLocaleOf, LOCALES, type Locale } from '$lib/i18n/locale';
import { m } from '$lib/paraglide/messages';

/** Languages a message can be written in: every language Parley speaks (src/lib/i18n/locale.ts). */
export const LANGS = LOCALES;
export type Lang = Locale;
export const DEFAULT_LANG: Lang = BASE_LOCALE;

/** A zone every formatter accepts: the one given, else the fallback, else UTC. */
export function usableZone(zone: string, fallback = 'UTC'): string {
	if (isValidTimeZone(zone)) return zone;
	return isValidTimeZone(fallback) ? fallback : 'UTC';
}

/** The recipient's formatter: the language's locale and their zone (src/lib/format, the one formatting module). */
function f(zone: string, lang: Lang) {
	return formatFor(formatLocaleOf(lang), zone);
}

/** "Tuesday, 1 December 2026". */
export function longDate(iso: string, zone: string, lang: Lang): string {
	return f(zone, lang).dateLong(iso);
}

/** "Tue, 1 Dec". */
export function shortDate(iso: string, zone: string, lang: Lang): string {
	return f(zone, lang).day(iso);
}

/** "14:00" (the locale's clock). */
export function clock(iso: string, zone: string, lang: Lang): string {
	return f(zone, lang).time(iso);
}

/** "GMT+1" at that instant. */
export function offset(iso: string, zone: string, lang: Lang): string {
	return f(zone, lang).offset(iso);
}

/** "Europe/Berlin (GMT+1)". */
export function zoneName(iso: string, zone: string, lang: Lang): string {
	return f(zone, lang).zoneLabel(iso);
}

/** "Thursday, 3 December 2026 at 05:00 (America/New York, GMT-5)": one instant, naming its zone. */
export function instant(iso: string, zone: string, lang: Lang): string {
	return m.mail_instant(
		{
			date: longDate(iso, zone, lang),
			time: clock(iso, zone, lang),
			zone: plainZone(zone),
			offset: offset(iso, zone, lang)
		},
		{ locale: lang }
	);
}

/** The day and time span of an interview, in one zone. */
export interface When {
	date: string;
	/** "14:00–14:45" (an end on another day names that day). */
	time: string;
	zone: string;
	/** "Tuesday, 1 December 2026, 14:00–14:45" */
	text: string;
}

/** When an interview happens, as a recipient in `zone` reads it. */
export function when(startIso: string, endIso: string, zone: string, lang: Lang): When {
	const date = longDate(startIso, zone, lang);
	const sameDay = date === longDate(endIso, zone, lang);
	const time = sameDay
		? f(zone, lang).timeRange(startIso, endIso)
		: `${clock(startIso, zone, lang)}–${shortDate(endIso, zone, lang)} ${clock(endIso, zone, lang)}`;
	return { date, time, zone: zoneName(startIso, zone, lang), text: `${date}, ${time}` };
}
