/**
 * Wall-clock readings as machine strings: what `<input type="date|time">` and the calendar widget
 * exchange ("2026-11-26", "14:30", "2026-11-26T14:30:00"). Not for people: people read `dates.ts`.
 */
import { utcToZonedParts, zonedWallTimeToUtc } from '$lib/domain/time';

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

/** "07:30:00" for 450 minutes after midnight: a time of day as the calendar widget's options take it. */
export function clockValue(minutes: number): string {
	return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;
}

/** `YYYY-MM-DD` and `HH:MM` of an instant in `tz`, for date and time inputs (always 24-hour values). */
export function wallParts(iso: string, tz: string): { date: string; time: string } {
	const p = utcToZonedParts(iso, tz);
	return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}
