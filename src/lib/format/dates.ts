/**
 * Dates, times, ranges, durations and numbers as a viewer reads them: the viewer's locale (the hour
 * cycle and the order of day and month come from it) and the zone they look at. Every page, email and
 * calendar file formats through here (a test refuses hand-built date strings elsewhere). Pure: `Intl`
 * only; formatters are cached because building one costs far more than using one.
 */
import { DEFAULT_LOCALE } from './locale';

const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` for this locale, zone and style. */
export function dateTimeFormat(locale: string, timeZone: string, opts: Intl.DateTimeFormatOptions) {
	const key = `${locale}|${timeZone}|${JSON.stringify(opts)}`;
	let f = cache.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { timeZone, ...opts });
		cache.set(key, f);
	}
	return f;
}

const numberCache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, opts: Intl.NumberFormatOptions = {}) {
	const key = `${locale}|${JSON.stringify(opts)}`;
	let f = numberCache.get(key);
	if (!f) {
		f = new Intl.NumberFormat(locale, opts);
		numberCache.set(key, f);
	}
	return f;
}

const relativeCache = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string) {
	let f = relativeCache.get(locale);
	if (!f) {
		f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
		relativeCache.set(locale, f);
	}
	return f;
}

/** The styles, by name: one place decides what "a date" or "a time" looks like everywhere. */
export const STYLES = {
	/** "Thu, 26 Nov 2026" */
	date: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
	/** "Thursday 26 November 2026" */
	dateLong: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
	/** "Thu, 26 Nov" */
	day: { weekday: 'short', day: 'numeric', month: 'short' },
	/** "26 Nov" */
	dayMonth: { day: 'numeric', month: 'short' },
	/** "Thursday 26 November" */
	dayFull: { weekday: 'long', day: 'numeric', month: 'long' },
	/** "Thu, 26 Nov, 14:30" */
	dayTime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
	/** "14:30" or "02:30 PM", as the locale's clock reads (two-digit hours, like the browsers' time inputs) */
	time: { hour: '2-digit', minute: '2-digit' },
	/** "Thu, 26 Nov 2026, 14:30" */
	dateTime: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
	/** "GMT+1" */
	offset: { timeZoneName: 'shortOffset' }
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type Instant = string | number | Date;

function toDate(at: Instant): Date {
	const d = at instanceof Date ? at : new Date(at);
	if (Number.isNaN(d.getTime())) throw new RangeError(`Not a date: ${String(at)}`);
	return d;
}

/** How one viewer reads dates: build it with `formatFor(locale, zone)`. */
export interface DateFormat {
	readonly locale: string;
	readonly timeZone: string;
	/** True when the locale's clock is 12-hour (en-US), false for 24-hour (en-GB, fr-FR). */
	readonly hour12: boolean;
	/** "Thu, 26 Nov 2026" */
	date(at: Instant): string;
	/** "Thursday 26 November 2026" */
	dateLong(at: Instant): string;
	/** "Thu, 26 Nov" */
	day(at: Instant): string;
	/** "26 Nov" */
	dayMonth(at: Instant): string;
	/** "Thursday 26 November" */
	dayFull(at: Instant): string;
	/** "Thu, 26 Nov, 14:30": a time this season, in a list that names the zone. */
	dayTime(at: Instant): string;
	/** "14:02" on the day of `now`, "3 Dec, 14:02" on another: a time stamp in a list. */
	stamp(at: Instant, now?: Instant): string;
	/** "14:30" (en-GB) or "2:30 PM" (en-US) */
	time(at: Instant): string;
	/** "Thu, 26 Nov 2026, 14:30" */
	dateTime(at: Instant): string;
	/** "Thu, 26 Nov 2026, 14:30 GMT+1": an instant, naming the zone's offset (invariant 5). */
	dateTimeZoned(at: Instant): string;
	/** "Thu, 26 Nov 2026, 14:30–15:15": an interview; an end on another day names that day. */
	range(start: Instant, end: Instant): string;
	/** "14:30–15:15" */
	timeRange(start: Instant, end: Instant): string;
	/** "1–3 Jan 2027" for calendar days `YYYY-MM-DD` (read at noon UTC, so no zone moves them). */
	dayRange(startYmd: string, endYmd: string): string;
	/** "GMT+1" at that instant. */
	offset(at?: Instant): string;
	/** "Europe/London (GMT+0)" */
	zoneLabel(at?: Instant): string;
	/** "in 3 days", "yesterday", "in 2 hours". */
	relative(at: Instant, now?: Instant): string;
	/** "45 min", "1 hr 30 min" (the locale's unit words). */
	duration(minutes: number): string;
	/** "2 hours", "1 hour 30 minutes", "3 days" in words (a notice period in a sentence), number and unit joined by a no-break space. */
	durationLong(minutes: number): string;
	/** "20,000" */
	number(n: number): string;
}

/**
 * The calendar widget's label formats, from the same styles as every other date on the page, so the
 * grid's hours read like the times beside it and like the browser's own time inputs (two-digit hours,
 * the locale's 12- or 24-hour clock). The widget formats them with its `locale` option.
 */
export const WIDGET_FORMATS = {
	slotLabelFormat: STYLES.time,
	eventTimeFormat: STYLES.time,
	dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short' },
	listDayFormat: STYLES.dayFull
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** The zone's name for people: "America/New York". */
export function zoneName(timeZone: string): string {
	return timeZone.replace(/_/g, ' ');
}

const formats = new Map<string, DateFormat>();

/** The formatter of one viewer: their locale (see `resolveLocale`) and the zone they look at. */
export function formatFor(locale: string = DEFAULT_LOCALE, timeZone = 'UTC'): DateFormat {
	const key = `${locale}|${timeZone}`;
	const known = formats.get(key);
	if (known) return known;
	const f = (style: keyof typeof STYLES) => dateTimeFormat(locale, timeZone, STYLES[style]);
	const hour12 = f('time').resolvedOptions().hour12 === true;
	const sameDay = (a: Date, b: Date) => f('date').format(a) === f('date').format(b);
	const made: DateFormat = {
		locale,
		timeZone,
		hour12,
		date: (at) => f('date').format(toDate(at)),
		dateLong: (at) => f('dateLong').format(toDate(at)),
		day: (at) => f('day').format(toDate(at)),
		dayMonth: (at) => f('dayMonth').format(toDate(at)),
		dayFull: (at) => f('dayFull').format(toDate(at)),
		dayTime: (at) => f('dayTime').format(toDate(at)),
		stamp(at, now = new Date()) {
			const d = toDate(at);
			return sameDay(d, toDate(now)) ? f('time').format(d) : `${f('dayMonth').format(d)}, ${f('time').format(d)}`;
		},
		time: (at) => f('time').format(toDate(at)),
		dateTime: (at) => f('dateTime').format(toDate(at)),
		dateTimeZoned: (at) => `${f('dateTime').format(toDate(at))} ${made.offset(at)}`,
		range(start, end) {
			const [s, e] = [toDate(start), toDate(end)];
			if (sameDay(s, e)) return `${f('date').format(s)}, ${made.timeRange(s, e)}`;
			return f('dateTime').formatRange(s, e);
		},
		timeRange: (start, end) => f('time').formatRange(toDate(start), toDate(end)),
		dayRange(startYmd, endYmd) {
			const days = dateTimeFormat(locale, 'UTC', { day: 'numeric', month: 'short', year: 'numeric' });
			const [a, b] = [toDate(`${startYmd}T12:00:00Z`), toDate(`${endYmd}T12:00:00Z`)];
			return startYmd === endYmd ? days.format(a) : days.formatRange(a, b);
		},
		offset(at = new Date()) {
			const part = f('offset')
				.formatToParts(toDate(at))
				.find((p) => p.type === 'timeZoneName');
			return part?.value ?? timeZone;
		},
		zoneLabel: (at = new Date()) => `${zoneName(timeZone)} (${made.offset(at)})`,
		relative(at, now = new Date()) {
			const diffMin = (toDate(at).getTime() - toDate(now).getTime()) / 60_000;
			const abs = Math.abs(diffMin);
			const rtf = relativeFormat(locale);
			if (abs < 60) return rtf.format(Math.round(diffMin), 'minute');
			if (abs < 48 * 60) return rtf.format(Math.round(diffMin / 60), 'hour');
			return rtf.format(Math.round(diffMin / 1440), 'day');
		},
		duration(minutes) {
			const h = Math.floor(minutes / 60);
			const m = Math.round(minutes % 60);
			const unit = (n: number, u: 'hour' | 'minute') =>
				numberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
			if (h === 0) return unit(m, 'minute');
			return m === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(m, 'minute')}`;
		},
		durationLong(minutes) {
			const unit = (n: number, u: 'day' | 'hour' | 'minute') =>
				numberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n).replace(/(\d) /u, '$1\u00a0');
			if (minutes > 0 && minutes % 1440 === 0) return unit(minutes / 1440, 'day');
			const h = Math.floor(minutes / 60);
			const m = Math.round(minutes % 60);
			if (h === 0) return unit(m, 'minute');
			return m === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(m, 'minute')}`;
		},
		number: (n) => numberFormat(locale).format(n)
	};
	formats.set(key, made);
	return made;
}
