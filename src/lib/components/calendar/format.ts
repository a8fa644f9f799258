/** Labels, colours and time-zone conversions of the calendar UI (pure, browser and server). */
import {
	endOf,
	formatInZone,
	isValidTimeZone,
	utcToZonedParts,
	zonedWallTimeToUtc,
	type InterviewStatus,
	type InterviewType
} from '$lib/domain';

export const TYPE_LABELS: Record<InterviewType, string> = {
	phone: 'Phone',
	video: 'Video',
	in_person: 'In person',
	technical: 'Technical',
	hr: 'HR',
	final: 'Final'
};

/** One colour per interview type (AA contrast with white text). */
export const TYPE_COLORS: Record<InterviewType, string> = {
	phone: '#0e7090',
	video: '#2e5d92',
	in_person: '#067647',
	technical: '#6941c6',
	hr: '#b54708',
	final: '#c11574'
};

export const STATUS_LABELS: Record<InterviewStatus, string> = {
	scheduled: 'Scheduled',
	in_progress: 'In progress',
	completed: 'Completed',
	cancelled: 'Cancelled',
	no_show: 'No-show'
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock reading of an instant in `tz` as a floating ISO string (no zone): what the calendar widget shows. */
export function toWall(iso: string | Date, tz: string): string {
	const p = utcToZonedParts(iso, tz);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** The instant at which the wall clock in `tz` shows the local fields of `d` (a date the widget handed back). */
export function wallToUtc(d: Date, tz: string): string {
	const ymd = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
	const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
	return zonedWallTimeToUtc(ymd, hm, tz).toISOString();
}

/** `YYYY-MM-DD` and `HH:MM` of an instant in `tz`, for date and time inputs. */
export function wallParts(iso: string, tz: string): { date: string; time: string } {
	const p = utcToZonedParts(iso, tz);
	return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** "14:30" in `tz`. */
export function timeIn(iso: string | Date, tz: string): string {
	const p = utcToZonedParts(iso, tz);
	return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "Tue 24 Nov 2026, 14:30–15:15 GMT+1": a whole interview in one zone, zone named. */
export function rangeIn(start: string, durationMin: number, tz: string): string {
	const full = formatInZone(start, tz);
	const end = timeIn(endOf({ start, durationMin }), tz);
	return full.replace(/(\d{2}:\d{2})( .*)$/, `$1–${end}$2`);
}

/** "GMT+1" style offset of a zone now. */
export function offsetName(tz: string, at: Date = new Date()): string {
	const part = new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeZoneName: 'shortOffset' })
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName');
	return part?.value ?? tz;
}

/** "Europe/London (GMT+0)". */
export function zoneLabel(tz: string): string {
	return `${tz.replace(/_/g, ' ')} (${offsetName(tz)})`;
}

/** Up to two initials of a name. */
export function initials(name: string): string {
	return name
		.split(/\s+/)
		.map((p) => p[0] ?? '')
		.join('')
		.slice(0, 2)
		.toUpperCase();
}

/** Where the calendar keeps the viewer's chosen zone. */
export const ZONE_CHOICE_KEY = 'parley:calendar-tz';

/** The zone a viewer sees times in: their last choice, else their profile's zone, else the browser's. */
export function preferredZone(profileZone: string | null, fallback: string): string {
	const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(ZONE_CHOICE_KEY);
	if (saved && isValidTimeZone(saved)) return saved;
	if (profileZone && isValidTimeZone(profileZone)) return profileZone;
	return Intl.DateTimeFormat().resolvedOptions().timeZone || fallback;
}
