/**
 * "Why no slots?" as the API answers it (`details.days` of `GET /api/v1/availability`): snake_case,
 * each person named. Busy time names its interviews only for a caller who may see them (admins);
 * anybody else reads "busy".
 */
import type { Blocker, DayWithoutSlots } from '$lib/domain/explain';
import { blockerText } from '$lib/i18n/blockers';

/** One blocker in the API's words. */
export function blockerJson(b: Blocker, names: ReadonlyMap<string, string>, seeInterviews = true) {
	return {
		reason: b.reason,
		person: b.personId ? { id: b.personId, name: names.get(b.personId) ?? null, role: b.role ?? null } : null,
		// In the request's language (its Accept-Language for the API).
		message: blockerText(b),
		...(b.busy
			? {
					busy: b.busy.map((x) => ({
						start: x.start,
						end: x.end,
						interview_id: seeInterviews ? (x.interviewId ?? null) : null
					}))
				}
			: {})
	};
}

/** One day without slots in the API's words. */
export function dayJson(d: DayWithoutSlots, names: ReadonlyMap<string, string>, seeInterviews = true) {
	return { date: d.date, blockers: d.blockers.map((b) => blockerJson(b, names, seeInterviews)) };
}
