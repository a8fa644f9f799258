/**
 * Pools: a panel of "these people AND `count` of this pool". The finder fills the pool seats with
 * whoever is free at a start, as the organization prefers:
 *
 * - `least_loaded` (equal distribution): of those free, the ones with the fewest interviews that
 *   week (in their own zone), then the fewest that day, then the pool's order;
 * - `soonest` (maximum availability): of those free, the pool's order, so the earliest slots go to
 *   whoever is free first and no start is held back to spread the load.
 *
 * Both offer the same starts: every start at which the named people, the candidate and at least
 * `count` pool members can meet and the judge accepts the whole panel. They differ in whom they
 * pick, and each slot says who and why. Each member's own rules (hours, busy time, load) are the
 * finder's (`offerSlots` with the named panel plus that member), so a pick passes the judge.
 */
import { loadTally, weekOf } from './load';
import { offerSlots, type SlotFacts, type SlotSearch } from './offer';
import type { PoolPreference } from './policy';
import { zonedDate } from './time';

/** Each preference as an admin reads it: its usual name and the rule it picks by. */
export const POOL_PREFERENCE_TEXT: Readonly<Record<PoolPreference, { name: string; rule: string }>> = {
	least_loaded: {
		name: 'Equal distribution',
		rule: 'of those free, whoever has the fewest interviews that week'
	},
	soonest: {
		name: 'Maximum availability',
		rule: 'of those free, the first in the pool’s order, so the soonest times fill first'
	}
};

/** Some of a pool, as a panel takes them. */
export interface PoolSpec {
	members: readonly string[];
	count: number;
	prefer: PoolPreference;
}

/** A start with the pool members it picked, and why. */
export interface PoolSlot {
	start: string;
	picked: string[];
	why: string;
	/** With equal distribution, each pick's interviews that week (the numbers `why` names, for a translation). */
	weeks?: number[];
}

/**
 * Each pool member (who can take a seat) → every start at which the named panel, the candidate and
 * that member can meet: `offerSlots` for the panel plus the member, without a limit. The pool's
 * finder and its "why no slots" both read these; a caller asking both computes them once.
 */
export function poolMemberStarts(search: SlotSearch, pool: PoolSpec, facts: SlotFacts): Map<string, string[]> {
	return new Map(
		poolMembers(search.panel, pool.members).map((m) => [
			m,
			offerSlots({ ...search, panel: [...search.panel, m], limit: undefined }, facts)
		])
	);
}

/**
 * Starts at which the named panel, the candidate and `pool.count` pool members can all meet; earliest
 * first. `byMember`: `poolMemberStarts` of the same search, when the caller has it.
 */
export function offerPoolSlots(
	search: SlotSearch,
	pool: PoolSpec,
	facts: SlotFacts,
	byMember?: ReadonlyMap<string, readonly string[]>
): PoolSlot[] {
	const members = poolMembers(search.panel, pool.members);
	if (pool.count < 1 || members.length < pool.count) return [];
	const each = byMember ?? poolMemberStarts(search, pool, facts);
	const freeAt = new Map<string, string[]>();
	for (const m of members)
		for (const start of each.get(m) ?? []) {
			const free = freeAt.get(start);
			if (free) free.push(m);
			else freeAt.set(start, [m]);
		}
	const starts = [...freeAt.keys()].sort();
	// Each member's interviews per day and week, in their own zone, counted once.
	const tallies = new Map(
		members.map((id): [string, Tally] => {
			const zone = facts.load?.get(id)?.timezone ?? facts.hours.interviewers.get(id)?.timezone ?? 'UTC';
			return [id, { zone, ...loadTally(id, zone, facts.interviews ?? [], search.ignoreId) }];
		})
	);
	const out: PoolSlot[] = [];
	for (const start of starts) {
		const free = freeAt.get(start)!;
		if (free.length < pool.count) continue;
		const picked = pick(free, members, pool, start, tallies);
		out.push({ start, picked: picked.ids, why: picked.why, ...(picked.weeks ? { weeks: picked.weeks } : {}) });
		if (search.limit !== undefined && out.length >= search.limit) break;
	}
	return out;
}

/** The pool's members who can take a seat: each once, in the pool's order, none already named on the panel. */
export function poolMembers(panel: readonly string[], members: readonly string[]): string[] {
	const named = new Set(panel);
	return [...new Set(members)].filter((m) => !named.has(m));
}

type Tally = { zone: string; days: Map<string, number>; weeks: Map<string, number> };

function pick(
	free: readonly string[],
	order: readonly string[],
	pool: PoolSpec,
	start: string,
	tallies: ReadonlyMap<string, Tally>
): { ids: string[]; why: string; weeks?: number[] } {
	const rank = (id: string) => order.indexOf(id);
	if (pool.prefer === 'soonest') {
		const ids = [...free].sort((a, b) => rank(a) - rank(b)).slice(0, pool.count);
		return { ids, why: 'Free at this time (first in the pool’s order).' };
	}
	const load = new Map(
		free.map((id) => {
			const t = tallies.get(id)!;
			const day = zonedDate(start, t.zone);
			return [id, { week: t.weeks.get(weekOf(day)) ?? 0, day: t.days.get(day) ?? 0 }];
		})
	);
	const ids = [...free]
		.sort((a, b) => load.get(a)!.week - load.get(b)!.week || load.get(a)!.day - load.get(b)!.day || rank(a) - rank(b))
		.slice(0, pool.count);
	const weeks = ids.map((id) => load.get(id)!.week);
	return {
		ids,
		weeks,
		why: `Least loaded of those free: ${weeks.join(', ')} ${weeks.length === 1 && weeks[0] === 1 ? 'interview' : 'interviews'} that week.`
	};
}
