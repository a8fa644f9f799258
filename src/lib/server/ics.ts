/**
 * "Add to calendar": one interview as an iCalendar file (ical-generator). The UID is the interview
 * id, so a calendar updates its entry instead of adding another; SEQUENCE is `interviews.sequence`,
 * which the projection raises on every reschedule and cancel; a cancelled interview is sent with
 * METHOD:CANCEL and STATUS:CANCELLED. Times are written in the interview's own zone (TZID) with a
 * VTIMEZONE built from Intl, so no time-zone database package is needed.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatLocaleOf, type Locale } from '$lib/i18n/locale';
import { typeLabel } from '$lib/format/status';
import ical, {
	ICalAttendeeRole,
	ICalAttendeeStatus,
	ICalCalendarMethod,
	ICalEventStatus,
	type ICalCalendar,
	type ICalLuxonDateTimeStub
} from 'ical-generator';
import { isValidTimeZone, utcToZonedParts, zonedWallTimeToUtc, type ZonedParts } from '$lib/domain/time';
import { formatFor } from '$lib/format/dates';
import type { InterviewRow } from './interviews';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
const ymd = (p: ZonedParts) => `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}`;
const hms = (p: ZonedParts) => `${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;

/**
 * An instant that ical-generator can print in any zone. It speaks the small part of Luxon's DateTime
 * that ical-generator uses (`setZone`, `toFormat` with two patterns), backed by `Intl`.
 */
export function zonedInstant(date: Date, zone = 'UTC'): ICalLuxonDateTimeStub {
	const parts = utcToZonedParts(date, zone === 'utc' ? 'UTC' : zone);
	return {
		get isValid() {
			return !Number.isNaN(date.getTime());
		},
		setZone: (next?: string) => zonedInstant(date, next ?? 'UTC'),
		toFormat: (fmt: string) => {
			if (fmt === 'yyyyLLdd') return ymd(parts);
			if (fmt === 'HHmmss') return hms(parts);
			throw new RangeError(`Unsupported format ${fmt}`);
		},
		toJSDate: () => date,
		toJSON: () => date.toISOString(),
		zone: { type: 'iana' }
	};
}

const offsetText = (min: number) =>
	`${min < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(min) / 60))}${pad(Math.abs(min) % 60)}`;

/**
 * A VTIMEZONE for `tz` covering the year around `around`: every UTC-offset change from six months
 * before to eighteen months after, each with the wall time at which it happens (RFC 5545 3.6.5).
 */
export function vtimezone(tz: string, around: Date): string {
	const DAY = 86_400_000;
	const from = Date.UTC(around.getUTCFullYear() - 1, 6, 1);
	const to = Date.UTC(around.getUTCFullYear() + 1, 6, 1);
	const offset = (ms: number) => utcToZonedParts(ms, tz).offsetMin;
	const transitions: { at: number; before: number; after: number }[] = [];
	let prev = offset(from);
	for (let t = from + DAY; t <= to; t += DAY) {
		const cur = offset(t);
		if (cur === prev) continue;
		// Narrow the change down to the minute.
		let lo = t - DAY;
		let hi = t;
		while (hi - lo > 60_000) {
			const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
			if (offset(mid) === prev) lo = mid;
			else hi = mid;
		}
		transitions.push({ at: hi, before: prev, after: cur });
		prev = cur;
	}
	const lines = ['BEGIN:VTIMEZONE', `TZID:${tz}`];
	if (!transitions.length) {
		const o = offset(around.getTime());
		lines.push(
			'BEGIN:STANDARD',
			'DTSTART:19700101T000000',
			`TZOFFSETFROM:${offsetText(o)}`,
			`TZOFFSETTO:${offsetText(o)}`,
			'END:STANDARD'
		);
	}
	for (const t of transitions) {
		// DTSTART is the local time in force before the change.
		const local = utcToZonedParts(t.at - 60_000, tz);
		const wall = new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute + 1));
		const kind = t.after > t.before ? 'DAYLIGHT' : 'STANDARD';
		lines.push(
			`BEGIN:${kind}`,
			`DTSTART:${wall.toISOString().replace(/[-:]/g, '').slice(0, 15)}`,
			`TZOFFSETFROM:${offsetText(t.before)}`,
			`TZOFFSETTO:${offsetText(t.after)}`,
			`END:${kind}`
		);
	}
	lines.push('END:VTIMEZONE');
	return lines.join('\r\n');
}

/**
 * Whether `date` reads back as itself from its wall time in `tz`. Not so for the second pass through
 * a repeated hour (the night clocks go back): iCalendar reads such a local time as the first pass.
 */
function wallTimeIsUnambiguous(date: Date, tz: string): boolean {
	const p = utcToZonedParts(date, tz);
	const wall = zonedWallTimeToUtc(
		`${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
		`${pad(p.hour)}:${pad(p.minute)}`,
		tz
	);
	return wall.getTime() === date.getTime() - p.second * 1000 - date.getUTCMilliseconds();
}

/** "Thursday, 26 November 2026, 14:30–15:15 (Europe/Berlin, GMT+1)" in the interview's zone, for people. */
function whenText(row: Pick<IcsInterview, 'start_at' | 'end_at' | 'timezone'>, lang: Locale): string {
	const f = formatFor(formatLocaleOf(lang), isValidTimeZone(row.timezone) ? row.timezone : 'UTC');
	return `${f.range(row.start_at, row.end_at)} (${f.zoneLabel(row.start_at)})`;
}

/** The address part of a mail header value such as `Parley <no-reply@parley.local>`. */
export function mailAddress(from: string): string {
	return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** What an iCalendar event of an interview needs (an `InterviewRow` has it all). */
export type IcsInterview = Pick<
	InterviewRow,
	'id' | 'start_at' | 'end_at' | 'timezone' | 'type' | 'mode' | 'location' | 'status' | 'sequence' | 'updated_at'
> & { panel: readonly { name: string }[]; candidate_name?: string };

/**
 * How an .ics is meant, one METHOD per purpose (RFC 5546): a file to add or a feed is PUBLISH, with an
 * ORGANIZER and no ATTENDEE; an invitation is REQUEST, and its withdrawal CANCEL, each naming the
 * ORGANIZER and the attendees (the candidate and the whole panel; a CANCEL that takes one person off
 * the panel names that person).
 */
export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

/** A person an invitation is addressed to. */
export interface IcsAttendee {
	name: string;
	email: string;
}

interface IcsCommon {
	orgName: string;
	origin: string;
	organizerEmail?: string;
	/** A panel member's view names the candidate in the title. */
	showCandidate?: boolean;
	/** The language of the title and description (the recipient's); else the request's. */
	lang?: Locale;
}

/** PUBLISH (the default): no attendees. REQUEST and CANCEL: at least one. */
export type IcsOptions = IcsCommon &
	({ method?: 'PUBLISH'; attendees?: never } | { method: 'REQUEST' | 'CANCEL'; attendees: readonly IcsAttendee[] });

const METHODS: Record<IcsMethod, ICalCalendarMethod> = {
	PUBLISH: ICalCalendarMethod.PUBLISH,
	REQUEST: ICalCalendarMethod.REQUEST,
	CANCEL: ICalCalendarMethod.CANCEL
};

/** The attendees, each address once (case-insensitively), in the order given. */
function distinctAttendees(list: readonly IcsAttendee[]): IcsAttendee[] {
	const seen = new Set<string>();
	return list.filter((a) => {
		const key = a.email.trim().toLowerCase();
		if (!key || seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Adds one interview as an event of `calendar` (the UID is the interview id). */
function addInterviewEvent(calendar: ICalCalendar, row: IcsInterview, opts: IcsOptions): void {
	const method: IcsMethod = opts.method ?? 'PUBLISH';
	const cancelled = row.status === 'cancelled' || method === 'CANCEL';
	const online = row.mode === 'online';
	const roomUrl = `${opts.origin}/interviews/${row.id}/room`;
	const lang = opts.lang ?? getLocale();
	const o = { locale: lang };
	const type = typeLabel(row.type, 'long', lang);
	const description = [
		m.ics_with_org({ type, org: opts.orgName }, o),
		m.ics_when({ when: whenText(row, lang) }, o),
		opts.showCandidate && row.candidate_name ? m.ics_candidate({ name: row.candidate_name }, o) : '',
		row.panel.length ? m.ics_interviewers({ names: row.panel.map((p) => p.name).join(', ') }, o) : '',
		online ? m.ics_join({ url: roomUrl }, o) : '',
		!online && row.location ? m.ics_where({ location: row.location }, o) : '',
		cancelled ? m.ics_cancelled_note({}, o) : ''
	]
		.filter(Boolean)
		.join('\n');
	const title =
		opts.showCandidate && row.candidate_name
			? m.ics_title_candidate({ type, name: row.candidate_name }, o)
			: m.ics_title_org({ type, org: opts.orgName }, o);
	calendar.createEvent({
		id: row.id,
		sequence: row.sequence,
		stamp: zonedInstant(row.updated_at),
		start: zonedInstant(row.start_at),
		end: zonedInstant(row.end_at),
		// The interview's zone, unless a time falls in the repeated hour: then UTC, which is exact.
		timezone:
			wallTimeIsUnambiguous(row.start_at, row.timezone) && wallTimeIsUnambiguous(row.end_at, row.timezone)
				? row.timezone
				: null,
		summary: cancelled ? m.ics_cancelled_title({ title }, o) : title,
		description,
		location: online ? roomUrl : row.location || null,
		url: online ? roomUrl : null,
		status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		organizer: { name: opts.orgName, email: opts.organizerEmail ?? 'no-reply@parley.local' },
		attendees:
			method === 'PUBLISH'
				? []
				: distinctAttendees(opts.attendees ?? []).map((a) => ({
						name: a.name,
						email: a.email,
						role: ICalAttendeeRole.REQ,
						// An invitation asks for an answer: mail clients then show Accept and Decline.
						...(method === 'REQUEST' ? { rsvp: true, status: ICalAttendeeStatus.NEEDSACTION } : {})
					}))
	});
}

/** RFC 5545 ends every content line with CRLF, the last one too. */
function withFinalCrlf(text: string): string {
	return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/**
 * The .ics text of one interview. PUBLISH ("Add to calendar") by default, whatever the status: a
 * cancelled interview is then a PUBLISH with STATUS:CANCELLED, which a calendar that imported it
 * before applies (same UID, higher SEQUENCE). The same builder writes the invitations attached to
 * email (REQUEST, CANCEL) and the feed.
 */
export function interviewIcs(row: IcsInterview, opts: IcsOptions): string {
	const method: IcsMethod = opts.method ?? 'PUBLISH';
	if (method !== 'PUBLISH' && !distinctAttendees(opts.attendees ?? []).length)
		throw new RangeError(`An iCalendar ${method} needs at least one attendee`);
	const calendar = ical({
		prodId: { company: 'Parley', product: 'Parley', language: (opts.lang ?? getLocale()).toUpperCase() },
		name: m.ics_calendar_name({ org: opts.orgName }, { locale: opts.lang ?? getLocale() }),
		method: METHODS[method],
		// No calendar-wide zone (DTSTAMP must stay in UTC); the generator still adds the event's VTIMEZONE.
		timezone: { name: null, generator: (tz) => vtimezone(tz, row.start_at) }
	});
	addInterviewEvent(calendar, row, opts);
	return withFinalCrlf(calendar.toString());
}

/**
 * A calendar subscription: a person's own interviews as one PUBLISH calendar, each event as in
 * `interviewIcs` (same UID and SEQUENCE, so a client that imported an invitation keeps one entry).
 */
export function feedIcs(rows: readonly IcsInterview[], opts: IcsCommon & { name: string }): string {
	const calendar = ical({
		prodId: { company: 'Parley', product: 'Parley', language: (opts.lang ?? getLocale()).toUpperCase() },
		name: opts.name,
		method: ICalCalendarMethod.PUBLISH,
		// Calendar apps poll a subscription; ask for hourly.
		ttl: 3600,
		timezone: { name: null, generator: (tz) => vtimezone(tz, rows[0]?.start_at ?? new Date()) }
	});
	for (const row of rows) addInterviewEvent(calendar, row, { ...opts, method: 'PUBLISH' });
	return withFinalCrlf(calendar.toString());
}
