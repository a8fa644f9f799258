import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH } from '$lib/server/api-docs';
import { explainPoolDays } from '$lib/domain/pool-explain';
import { offerPoolSlots, poolMemberStarts } from '$lib/domain/pools';
import { slotsOf, storedSearch, whyNot } from '$lib/server/availability';
import { ApiError } from '$lib/server/errors';
import { dayJson } from '$lib/server/explain-json';
import { requireRole } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';

const MAX_RANGE_DAYS = 62;
const MAX_SLOTS = 500;

/** GET /api/v1/availability — start times where the panel and the candidate are all free, and why other days have none. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'availability',
		tag: 'Availability',
		summary: 'Free start times for a panel and a candidate',
		description:
			'Start times on the organization’s slot grid where every interviewer is free within their working hours (in their own zone), the candidate is free between 08:00 and 20:00 in theirs, and the minimum notice is met. No slot touches a holiday or blackout date, and none starts on a day or in a week in which an interviewer is at their load limit. The range spans at most 62 days. `details.days` explains every day of the range without a slot, per person and for the whole day: outside working hours, busy (with the interviews), over the load limit, holiday, minimum notice, the 90-day limit, or no common time. With `pool_ids`, each slot also needs `pool_count` of the pool free, and names whom it picked and why (`least_loaded`: the fewest interviews that week; `soonest`: the pool’s order; the organization’s preference unless `pool_prefer` says otherwise); `details.days` then also names, per day, the pool members who cannot join the panel and why, and says when too few of them are free at once.',
		access: ['admin'],
		who: 'Admins.',
		query: S.AvailabilityQuery,
		responses: { 200: { description: 'The free slots.', schema: S.SlotList } },
		errors: {
			...AUTH,
			404: '`candidate_id` is not a candidate of your organization.',
			422: 'A parameter is invalid, `to` is not after `from`, the range exceeds 62 days, or an id in `interviewer_ids` is not an interviewer of the organization.'
		}
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const q = input.query();
		const from = new Date(q.from);
		const to = new Date(q.to);
		if (to <= from)
			throw new ApiError('validation_failed', m.api_to_after_from(), { fields: { to: m.api_after_from() } });
		if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86400_000) {
			throw new ApiError('validation_failed', m.api_range_max({ days: MAX_RANGE_DAYS }), {
				fields: { to: m.api_range_days({ days: MAX_RANGE_DAYS }) }
			});
		}
		const pool = (q.pool_ids ?? []).filter((id) => !q.interviewer_ids.includes(id));
		const t0 = performance.now();
		// The facts cover the pool too; the search's panel is the named people.
		const found = await storedSearch(event.locals.ctx.sql, actor.orgId, {
			panel: q.interviewer_ids,
			pool,
			candidateId: q.candidate_id ?? null,
			durationMin: q.duration_min,
			from,
			to
		});
		const t1 = performance.now();
		const durMs = q.duration_min * 60_000;
		const end = (start: string) => new Date(Date.parse(start) + durMs).toISOString();
		const spec = { members: pool, count: q.pool_count, prefer: q.pool_prefer ?? found.facts.policy.poolPreference };
		// Each pool member's starts with the panel, searched once for the finder and the explanation.
		const byMember = pool.length ? poolMemberStarts(found.search, spec, found.facts) : undefined;
		const data = byMember
			? offerPoolSlots({ ...found.search, limit: MAX_SLOTS }, spec, found.facts, byMember).map((s) => ({
					start: s.start,
					end: end(s.start),
					picked: s.picked.map((id) => ({ id, name: found.names.get(id) ?? '' })),
					why: s.why
				}))
			: slotsOf(found, MAX_SLOTS).map((start) => ({ start, end: end(start) }));
		const t2 = performance.now();
		// Why each day without a slot has none, in the asked zone (the organization's by default).
		const zone = q.timezone ?? found.orgZone;
		// Below the cap, the slots are all of them: days with one need no asking.
		const all = data.length < MAX_SLOTS ? data.map((d) => d.start) : undefined;
		const days = byMember
			? explainPoolDays(found.search, spec, found.facts, zone, all, byMember)
			: whyNot(found, zone, all);
		// Where the time went (the database, and how many interview rows it sent; the finder; the explanation),
		// for a client's developer tools and the bench.
		const ms = (a: number, b: number) => (b - a).toFixed(1);
		event.setHeaders({
			'server-timing': `facts;dur=${ms(t0, t1)};desc="${found.rows} rows", find;dur=${ms(t1, t2)}, why;dur=${ms(t2, performance.now())}`
		});
		return {
			data,
			duration_min: q.duration_min,
			details: {
				timezone: zone,
				days: days.map((d) => dayJson(d, found.names))
			}
		};
	}
);
