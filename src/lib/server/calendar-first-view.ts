/**
 * The admin calendar's first view from Postgres: the interviews of the range the page opens on,
 * read through the same projection reader as the API, and the summary cards counted in SQL. The
 * page shows them at once; the live document replaces them once it has synced (decision 71).
 */
import type { Sql } from '../../../db/client';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '$lib/domain';
import { interviewJson, queryInterviews } from '$lib/server/interviews';
import { interviewFromJson } from '$lib/contract/interview-json';
import type { CalendarFirstView } from '$lib/contract/calendar-page';

const YMD_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Most interviews a first view carries (a month of a very busy office); the live document brings the rest. */
export const FIRST_VIEW_LIMIT = 2_000;

/**
 * The days (`YYYY-MM-DD`, end exclusive) the widget shows for `view` at `anchor`, a day wider on
 * each side so that a viewer in another zone than the server counted in still finds them.
 */
export function firstViewDays(view: string | null, anchor: string): [string, string] {
	const monday = (ymd: string) => addDaysToYmd(ymd, 1 - isoWeekdayOfYmd(ymd));
	if (view === 'timeGridDay' || view === 'resourceTimeGridDay')
		return [addDaysToYmd(anchor, -1), addDaysToYmd(anchor, 2)];
	if (view === 'dayGridMonth') {
		// The month grid starts on the Monday on or before the 1st and shows six weeks.
		const first = monday(`${anchor.slice(0, 8)}01`);
		return [addDaysToYmd(first, -1), addDaysToYmd(first, 43)];
	}
	const mon = monday(anchor);
	return [addDaysToYmd(mon, -1), addDaysToYmd(mon, 8)];
}

/** The first view of the organization's calendar, in `tz`, for the page's `view` and `date` (today when absent). */
export async function loadFirstView(
	sql: Sql,
	orgId: string,
	tz: string,
	opts: { view: string | null; date: string | null; now?: Date }
): Promise<CalendarFirstView> {
	const today = zonedDate(opts.now ?? new Date(), tz);
	const anchor = opts.date && YMD_RE.test(opts.date) ? opts.date : today;
	const [fromDay, toDay] = firstViewDays(opts.view, anchor);
	const from = zonedWallTimeToUtc(fromDay, '00:00', tz);
	const to = zonedWallTimeToUtc(toDay, '00:00', tz);
	const monday = addDaysToYmd(today, 1 - isoWeekdayOfYmd(today));
	const [{ rows }, [counts]] = await Promise.all([
		queryInterviews(sql, { orgId, from, to, sort: 'start', limit: FIRST_VIEW_LIMIT }),
		// The summary's rules (filters.ts `summarize`): today and this week leave cancelled interviews out.
		// Nothing here reads the whole history (decision 81): today and this week from the week's rows
		// (start index, a day wider each side; the dates in `tz` decide), completed, cancelled and
		// conflicts from the live window (`interviews_live_end`), the archived ones as the archive pass
		// counted them (`calendar_generations`, migration 041).
		sql<
			{
				today: number;
				week: number;
				completed: number;
				cancelled: number;
				conflicts: number;
				archived_completed: number;
				archived_cancelled: number;
				archived_before: Date | null;
				generation: number | null;
			}[]
		>`
			with week as (
				select
					count(*) filter (where (start_at at time zone ${tz})::date = ${today}::date)::int as today,
					count(*) filter (where (start_at at time zone ${tz})::date
						between ${monday}::date and ${addDaysToYmd(monday, 6)}::date)::int as week
				from interviews where org_id = ${orgId} and removed_at is null and status <> 'cancelled'
					and start_at >= ${zonedWallTimeToUtc(addDaysToYmd(monday, -1), '00:00', tz)}
					and start_at < ${zonedWallTimeToUtc(addDaysToYmd(monday, 8), '00:00', tz)}
			), live as (
				select
					count(*) filter (where status = 'completed')::int as completed,
					count(*) filter (where status = 'cancelled')::int as cancelled,
					count(*) filter (where jsonb_array_length(conflicts) > 0)::int as conflicts
				from interviews where org_id = ${orgId} and removed_at is null and archived_at is null
			)
			select week.today, week.week,
				live.completed + coalesce(g.archived_completed, 0) as completed,
				live.cancelled + coalesce(g.archived_cancelled, 0) as cancelled,
				live.conflicts,
				coalesce(g.archived_completed, 0) as archived_completed,
				coalesce(g.archived_cancelled, 0) as archived_cancelled,
				-- Interviews that ended before it may be archived (none before the first compaction).
				g.archived_before,
				-- The generation the archived counts are for (the page reads them again after a move).
				g.generation
			from week cross join live left join calendar_generations g on g.org_id = ${orgId}`
	]);
	return {
		from: from.toISOString(),
		to: to.toISOString(),
		tz,
		interviews: rows.map((r) => interviewFromJson(interviewJson(r))),
		conflictIds: rows.filter((r) => r.conflicts.length > 0).map((r) => r.id),
		archivedIds: rows.filter((r) => r.archived_at !== null).map((r) => r.id),
		archivedBefore: counts?.archived_before?.toISOString() ?? null,
		summary: {
			today: counts?.today ?? 0,
			week: counts?.week ?? 0,
			completed: counts?.completed ?? 0,
			cancelled: counts?.cancelled ?? 0
		},
		conflicts: counts?.conflicts ?? 0,
		archived: {
			generation: counts?.generation ?? 0,
			completed: counts?.archived_completed ?? 0,
			cancelled: counts?.archived_cancelled ?? 0
		}
	};
}
