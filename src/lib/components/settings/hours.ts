/** Pure helpers of the settings page: weekday names, a zone's label and working hours in words. */
import { m } from '$lib/paraglide/messages';
import type { WorkingHours } from '$lib/domain';
import { offsetName } from '$lib/components/calendar/format';

/** ISO weekdays with their names, read in the page's language when shown. */
export const DAYS = [
	{ n: 1, short: m.day_short_1, long: m.day_long_1 },
	{ n: 2, short: m.day_short_2, long: m.day_long_2 },
	{ n: 3, short: m.day_short_3, long: m.day_long_3 },
	{ n: 4, short: m.day_short_4, long: m.day_long_4 },
	{ n: 5, short: m.day_short_5, long: m.day_long_5 },
	{ n: 6, short: m.day_short_6, long: m.day_long_6 },
	{ n: 7, short: m.day_short_7, long: m.day_long_7 }
] as const;

/** "Europe/Paris (GMT+1)"; the bare name when the zone is unknown here. */
export function zoneLabel(tz: string): string {
	try {
		return `${tz.replace(/_/g, ' ')} (${offsetName(tz)})`;
	} catch {
		return tz;
	}
}

/** "Mon–Fri, 09:00–17:00" (a range of consecutive days is shortened). */
export function describeHours(h: WorkingHours): string {
	const days = [...h.weekdays].sort((a, b) => a - b);
	const runs: number[][] = [];
	for (const d of days) {
		const last = runs[runs.length - 1];
		if (last && d === last[last.length - 1]! + 1) last.push(d);
		else runs.push([d]);
	}
	const name = (d: number) => DAYS[d - 1]!.short();
	const dayText =
		days.length === 7
			? m.hours_every_day()
			: runs
					.map((r) => (r.length >= 3 ? `${name(r[0]!)}–${name(r[r.length - 1]!)}` : r.map(name).join(', ')))
					.join(', ');
	const overnight = h.endTime <= h.startTime && h.endTime !== '24:00';
	return `${dayText}, ${h.startTime}–${h.endTime}${overnight ? ` ${m.hours_next_day()}` : ''}`;
}
