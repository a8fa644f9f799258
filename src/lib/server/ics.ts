/**
 * "Add to calendar": one interview as an iCalendar file (ical-generator). The UID is the interview
 * id, so a calendar updates its entry instead of adding another; SEQUENCE is `interviews.sequence`,
 * which the projection raises on every reschedule and cancel; a cancelled interview is sent with
 * METHOD:CANCEL and STATUS:CANCELLED. Times are written in the interview's own zone (TZID) with a
 * VTIMEZONE built from Intl, so no time-zone database package is needed.
 */
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalLuxonDateTimeStub } from 'ical-generator';
import { utcToZonedParts, zonedWallTimeToUtc, type ZonedParts } from '$lib/domain/time';
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

const TYPE_LABEL: Record<string, string> = {
	phone: 'Phone interview',
	video: 'Video interview',
	in_person: 'In-person interview',
	technical: 'Technical interview',
	hr: 'HR interview',
	final: 'Final interview'
};

/** The address part of a mail header value such as `Parley <no-reply@parley.local>`. */
export function mailAddress(from: string): string {
	return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/**
 * The .ics text of one interview, for the candidate or a panel member. The organization is the
 * ORGANIZER and the person downloading it the ATTENDEE, which a METHOD:CANCEL needs (RFC 5546).
 */
export function interviewIcs(
	row: InterviewRow,
	opts: {
		orgName: string;
		origin: string;
		organizerEmail?: string;
		attendee?: { name: string; email: string };
	}
): string {
	const cancelled = row.status === 'cancelled';
	const online = row.mode === 'online';
	const roomUrl = `${opts.origin}/interviews/${row.id}/room`;
	const calendar = ical({
		prodId: { company: 'Parley', product: 'Parley', language: 'EN' },
		name: `${opts.orgName} interview`,
		method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
		// No calendar-wide zone (DTSTAMP must stay in UTC); the generator still adds the event's VTIMEZONE.
		timezone: { name: null, generator: (tz) => vtimezone(tz, row.start_at) }
	});
	const type = TYPE_LABEL[row.type] ?? 'Interview';
	const description = [
		`${type} with ${opts.orgName}.`,
		row.panel.length ? `Interviewers: ${row.panel.map((p) => p.name).join(', ')}.` : '',
		online ? `Join the video room (it opens 15 minutes before the start): ${roomUrl}` : '',
		!online && row.location ? `Where: ${row.location}` : '',
		cancelled ? 'This interview was cancelled.' : ''
	]
		.filter(Boolean)
		.join('\n');
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
		summary: `${cancelled ? 'Cancelled: ' : ''}${type} · ${opts.orgName}`,
		description,
		location: online ? roomUrl : row.location || null,
		url: online ? roomUrl : null,
		status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		organizer: { name: opts.orgName, email: opts.organizerEmail ?? 'no-reply@parley.local' },
		attendees: opts.attendee ? [{ name: opts.attendee.name, email: opts.attendee.email }] : []
	});
	return calendar.toString();
}
