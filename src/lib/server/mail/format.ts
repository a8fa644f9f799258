/**
 * Dates and times in messages: always in the recipient's zone and naming it (docs/architecture.md
 * invariant 5), through `Intl` only. The language picks the locale.
 */
import { isValidTimeZone } from '$lib/domain/time';

/** Languages a message can be written in. French comes with the translation issue. */
export const LANGS = ['en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

const LOCALE: Record<Lang, string> = { en: 'en-GB' };

/** A zone every formatter accepts: the one given, else the fallback, else UTC. */
export function usableZone(zone: string, fallback = 'UTC'): string {
	if (isValidTimeZone(zone)) return zone;
	return isValidTimeZone(fallback) ? fallback : 'UTC';
}

/** Building an Intl formatter costs far more than using one: they are kept, per language, zone and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(date: Date, zone: string, lang: Lang, opts: Intl.DateTimeFormatOptions) {
	const key = `${lang}|${zone}|${JSON.stringify(opts)}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: zone, ...opts });
		formatters.set(key, f);
	}
	const out: Record<string, string> = {};
	for (const p of f.formatToParts(date)) out[p.type] = p.value;
	return out;
}

/** "Tuesday 1 December 2026". */
export function longDate(iso: string, zone: string, lang: Lang): string {
	const p = parts(new Date(iso), zone, lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
	return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "Tue 1 Dec". */
export function shortDate(iso: string, zone: string, lang: Lang): string {
	const p = parts(new Date(iso), zone, lang, { weekday: 'short', day: 'numeric', month: 'short' });
	return `${p.weekday} ${p.day} ${p.month}`;
}

/** "14:00". */
export function clock(iso: string, zone: string, lang: Lang): string {
	const p = parts(new Date(iso), zone, lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	return `${p.hour}:${p.minute}`;
}

/** "GMT+1" at that instant. */
export function offset(iso: string, zone: string, lang: Lang): string {
	return parts(new Date(iso), zone, lang, { timeZoneName: 'shortOffset' }).timeZoneName ?? zone;
}

/** "Europe/Berlin (GMT+1)". */
export function zoneName(iso: string, zone: string, lang: Lang): string {
	return `${zone.replace(/_/g, ' ')} (${offset(iso, zone, lang)})`;
}

/** "Thursday 3 December 2026 at 05:00 (America/New York, GMT-5)": one instant, naming its zone. */
export function instant(iso: string, zone: string, lang: Lang): string {
	return `${longDate(iso, zone, lang)} at ${clock(iso, zone, lang)} (${zone.replace(/_/g, ' ')}, ${offset(iso, zone, lang)})`;
}

/** The day and time span of an interview, in one zone. */
export interface When {
	date: string;
	/** "14:00–14:45" (an end on another day names that day). */
	time: string;
	zone: string;
	/** "Tuesday 1 December 2026, 14:00–14:45" */
	text: string;
}

/** When an interview happens, as a recipient in `zone` reads it. */
export function when(startIso: string, endIso: string, zone: string, lang: Lang): When {
	const date = longDate(startIso, zone, lang);
	const endDay = longDate(endIso, zone, lang);
	const end =
		endDay === date ? clock(endIso, zone, lang) : `${shortDate(endIso, zone, lang)} ${clock(endIso, zone, lang)}`;
	const time = `${clock(startIso, zone, lang)}–${end}`;
	return { date, time, zone: zoneName(startIso, zone, lang), text: `${date}, ${time}` };
}
