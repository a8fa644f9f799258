/** Labels, colours and time-zone conversions of the calendar UI (pure, browser and server). */
import type { InterviewStatus, InterviewType } from '$lib/domain';
import { endOf } from '$lib/domain/time';
import { isValidTimeZone } from '$lib/domain/zone';
import { statusLabels, typeLabels } from '$lib/format/status';
import { viewerFormat } from '$lib/format/viewer';

/** The interview types' short words, in the reader's language (src/lib/format/status.ts). */
export const TYPE_LABELS = typeLabels() as Record<InterviewType, string>;

/** One colour per interview type (AA contrast with white text). */
export const TYPE_COLORS: Record<InterviewType, string> = {
	phone: '#0e7090',
	video: '#2e5d92',
	in_person: '#067647',
	technical: '#6941c6',
	hr: '#b54708',
	final: '#c11574'
};

/** The interview statuses' words (src/lib/format/status.ts). */
export const STATUS_LABELS = statusLabels('interview') as Record<InterviewStatus, string>;

export { toWall, wallParts, wallToUtc } from '$lib/format/wall';

/** "14:30" (or "2:30 PM") in `tz`, as the viewer's locale reads it. */
export function timeIn(iso: string | Date, tz: string): string {
	return viewerFormat(tz).time(iso);
}

/** "Tue, 24 Nov 2026, 14:30–15:15 GMT+1": a whole interview in one zone, zone named. */
export function rangeIn(start: string, durationMin: number, tz: string): string {
	const f = viewerFormat(tz);
	return `${f.range(start, endOf({ start, durationMin }))} ${f.offset(start)}`;
}

/** "Tue, 24 Nov, 14:30–15:15": a time offered this season (no year, no zone: the list names it). */
export function dayRangeIn(start: string, durationMin: number, tz: string): string {
	const f = viewerFormat(tz);
	return `${f.day(start)}, ${f.timeRange(start, endOf({ start, durationMin }))}`;
}

/** "GMT+1" style offset of a zone now. */
export function offsetName(tz: string, at: Date = new Date()): string {
	return viewerFormat(tz).offset(at);
}

/** "Europe/London (GMT+0)". */
export function zoneLabel(tz: string): string {
	return viewerFormat(tz).zoneLabel();
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
