/**
 * "Why no slots?" for a panel with a pool: each day (in a zone) on which `offerPoolSlots` offers
 * nothing, and why, per person. The named panel and the candidate are explained as without a pool
 * (`explainDays`); each pool member by the same finder asked for the named panel plus that member,
 * so a member is named exactly when they cannot join the panel at any time of the day. When some
 * members could join, but never enough of them at once, the day says so. Like `explainDays`, a day
 * is explained exactly when it has no slot (a property test holds it to that).
 */
import { explainDays, searchDays, type Blocker, type DayWithoutSlots } from './explain';
import type { SlotFacts, SlotSearch } from './offer';
import { offerPoolSlots, poolMemberStarts, poolMembers, type PoolSpec } from './pools';
import { zonedDate } from './time';

/** Each day (in `zone`) of the search on which the pool's finder offers nothing, with its blockers. */
export function explainPoolDays(
	search: SlotSearch,
	pool: PoolSpec,
	facts: SlotFacts,
	zone: string,
	/** Every start `offerPoolSlots` offers for the same search, when the caller has them all. */
	offered?: readonly string[],
	/** `poolMemberStarts` of the same search, when the caller has it (the finder computed it). */
	byMember?: ReadonlyMap<string, readonly string[]>
): DayWithoutSlots[] {
	const members = poolMembers(search.panel, pool.members);
	const open = { ...search, limit: undefined };
	// Each member's starts, searched at most once, and only when needed.
	let each = byMember;
	const memberStarts = () => (each ??= poolMemberStarts(open, pool, facts));
	const starts = offered ?? offerPoolSlots(open, pool, facts, memberStarts()).map((s) => s.start);
	const withSlots = new Set(starts.map((s) => zonedDate(s, zone)));
	const empty = searchDays(search, zone).filter((date) => !withSlots.has(date));
	// A slot on every day: nothing to explain, and nobody's day to read.
	if (empty.length === 0) return [];
	const byDay = (days: DayWithoutSlots[]) => new Map(days.map((d) => [d.date, d.blockers]));
	const named = byDay(explainDays(open, facts, zone));
	// Each member with the named panel, but only the member's own blocks: the panel's are `named`'s,
	// and a person's blocks on a day do not depend on who else sits on the panel. The member's starts
	// are the finder's, so the explanation need not search again.
	const alone = new Map(
		members.map((m) => [
			m,
			byDay(explainDays({ ...open, panel: [...search.panel, m] }, facts, zone, memberStarts().get(m), new Set([m])))
		])
	);
	const out: DayWithoutSlots[] = [];
	for (const date of empty) {
		const panelBlocked = named.get(date);
		const blockers: Blocker[] = [...(panelBlocked ?? [])];
		let free = 0;
		for (const m of members) {
			const own = alone.get(m)!.get(date);
			if (!own) {
				free++;
				continue;
			}
			const about = own.filter((b) => b.personId === m);
			if (about.length) blockers.push(...about);
			else if (!panelBlocked)
				blockers.push({
					reason: 'no_common_time',
					personId: m,
					role: 'interviewer',
					say: 'pool_not_together',
					message: 'Free this day, but never at the same time as the rest of the panel.'
				});
		}
		if (!panelBlocked)
			blockers.push({
				reason: 'no_common_time',
				say: free < pool.count ? 'pool_too_few' : 'pool_never_together',
				params: { free, count: pool.count },
				message:
					free < pool.count
						? `Only ${free} of the pool can join the panel this day; ${pool.count} ${pool.count === 1 ? 'is' : 'are'} needed.`
						: `${free} of the pool can join the panel this day, but never ${pool.count} at the same time.`
			});
		out.push({ date, blockers });
	}
	return out;
}
