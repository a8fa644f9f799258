/** Filtering, sorting and counting of interviews for the list view and the summary cards (pure). */
import type { Interview, InterviewStatus } from '$lib/domain';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '$lib/domain/time';

export type RangeFilter = 'all' | 'today' | 'week' | 'upcoming' | 'past';
export type SortKey = 'start' | 'candidate' | 'status' | 'type';

export interface ListFilter {
	range: RangeFilter;
	status: InterviewStatus | 'any';
	interviewerId: string | 'any';
	query: string;
	sort: SortKey;
	descending: boolean;
}

/** Monday and Sunday (`YYYY-MM-DD`) of the week that holds `ymd`. */
export function weekOf(ymd: string): [string, string] {
	const monday = addDaysToYmd(ymd, 1 - isoWeekdayOfYmd(ymd));
	return [monday, addDaysToYmd(monday, 6)];
}

/** The interviews that pass the filter, sorted. `candidateName` resolves an application id. */
export function filterInterviews(
	interviews: readonly Interview[],
	f: ListFilter,
	ctx: { tz: string; now: Date; candidateName: (applicationId: string) => string }
): Interview[] {
	const today = zonedDate(ctx.now, ctx.tz);
	const [mon, sun] = weekOf(today);
	const q = f.query.trim().toLowerCase();
	const nowMs = ctx.now.getTime();
	const out = interviews.filter((iv) => {
		if (f.status !== 'any' && iv.status !== f.status) return false;
		if (f.interviewerId !== 'any' && !iv.panel.includes(f.interviewerId)) return false;
		if (q && !ctx.candidateName(iv.applicationId).toLowerCase().includes(q)) return false;
		if (f.range === 'all') return true;
		const day = zonedDate(iv.start, ctx.tz);
		if (f.range === 'today') return day === today;
		if (f.range === 'week') return day >= mon && day <= sun;
		if (f.range === 'upcoming') return Date.parse(iv.start) >= nowMs;
		return Date.parse(iv.start) < nowMs;
	});
	const dir = f.descending ? -1 : 1;
	const key = (iv: Interview): string | number =>
		f.sort === 'start'
			? Date.parse(iv.start)
			: f.sort === 'candidate'
				? ctx.candidateName(iv.applicationId).toLowerCase()
				: f.sort === 'status'
					? iv.status
					: iv.type;
	return out.sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		return (ka < kb ? -1 : ka > kb ? 1 : Date.parse(a.start) - Date.parse(b.start)) * dir;
	});
}

/** The numbers of the summary cards. */
export function summarize(interviews: readonly Interview[], tz: string, now: Date) {
	const today = zonedDate(now, tz);
	const [mon, sun] = weekOf(today);
	let todayN = 0;
	let weekN = 0;
	let completed = 0;
	let cancelled = 0;
	for (const iv of interviews) {
		if (iv.status === 'completed') completed++;
		if (iv.status === 'cancelled') cancelled++;
		if (iv.status === 'cancelled') continue;
		const day = zonedDate(iv.start, tz);
		if (day === today) todayN++;
		if (day >= mon && day <= sun) weekN++;
	}
	return { today: todayN, week: weekN, completed, cancelled };
}

/**
 * The summary cards once the document is live (decision 69): its own interviews counted here; of the
 * archived ones (which left it) completed and cancelled as the server counted them, and today's and
 * this week's from those known on the page. A window shorter than a week archives some of this week.
 */
export function liveSummary(
	doc: readonly Interview[],
	archivedKnown: readonly Interview[],
	archived: { completed: number; cancelled: number },
	tz: string,
	now: Date
) {
	const live = summarize(doc, tz, now);
	const inDoc = new Set(doc.map((iv) => iv.id));
	const gone = summarize(
		archivedKnown.filter((iv) => !inDoc.has(iv.id)),
		tz,
		now
	);
	return {
		today: live.today + gone.today,
		week: live.week + gone.week,
		completed: live.completed + archived.completed,
		cancelled: live.cancelled + archived.cancelled
	};
}

/** The instants `[from, to)` of the week that holds `now` in `tz`, Monday to Monday. */
export function thisWeek(tz: string, now: Date): [number, number] {
	const [mon, sun] = weekOf(zonedDate(now, tz));
	return [
		zonedWallTimeToUtc(mon, '00:00', tz).getTime(),
		zonedWallTimeToUtc(addDaysToYmd(sun, 1), '00:00', tz).getTime()
	];
}
