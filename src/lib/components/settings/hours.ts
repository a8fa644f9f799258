/** Pure helpers of the settings page: weekday names, a zone's label and working hours in words. */
import type { WorkingHours } from '$lib/domain';
import { offsetName } from '$lib/components/calendar/format';

export const DAYS = [
	{ n: 1, short: 'Mon', long: 'Monday' },
	{ n: 2, short: 'Tue', long: 'Tuesday' },
	{ n: 3, short: 'Wed', long: 'Wednesday' },
	{ n: 4, short: 'Thu', long: 'Thursday' },
	{ n: 5, short: 'Fri', long: 'Friday' },
	{ n: 6, short: 'Sat', long: 'Saturday' },
	{ n: 7, short: 'Sun', long: 'Sunday' }
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
	const name = (d: number) => DAYS[d - 1]!.short;
	const dayText =
		days.length === 7
			? 'Every day'
			: runs
					.map((r) => (r.length >= 3 ? `${name(r[0]!)}–${name(r[r.length - 1]!)}` : r.map(name).join(', ')))
					.join(', ');
	const overnight = h.endTime <= h.startTime && h.endTime !== '24:00';
	return `${dayText}, ${h.startTime}–${h.endTime}${overnight ? ' (next day)' : ''}`;
}
