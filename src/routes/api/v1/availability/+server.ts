import type { RequestHandler } from './$types';
import { offerPoolSlots } from '$lib/domain/pools';
import { slotsOf, storedSearch, whyNot } from '$lib/server/availability';
import { endpoint } from '$lib/server/endpoint';
import { ApiError } from '$lib/server/errors';
import { dayJson } from '$lib/server/explain-json';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { AvailabilityQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

const MAX_RANGE_DAYS = 62;
const MAX_SLOTS = 500;

/** GET /api/v1/availability — start times where the panel and the candidate are all free, and why other days have none. */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const q = readQuery(event.url, AvailabilityQuery);
	const from = new Date(q.from);
	const to = new Date(q.to);
	if (to <= from)
		throw new ApiError('validation_failed', 'to must be after from.', { fields: { to: 'must be after from' } });
	if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86400_000) {
		throw new ApiError('validation_failed', `The range may span at most ${MAX_RANGE_DAYS} days.`, {
			fields: { to: `at most ${MAX_RANGE_DAYS} days after from` }
		});
	}
	const pool = (q.pool_ids ?? []).filter((id) => !q.interviewer_ids.includes(id));
	// The facts cover the pool too; the search's panel is the named people.
	const found = await storedSearch(db(), actor.orgId, {
		panel: [...q.interviewer_ids, ...pool],
		candidateId: q.candidate_id ?? null,
		durationMin: q.duration_min,
		from,
		to
	});
	found.search = { ...found.search, panel: q.interviewer_ids };
	const durMs = q.duration_min * 60_000;
	const end = (start: string) => new Date(Date.parse(start) + durMs).toISOString();
	const data = pool.length
		? offerPoolSlots(
				{ ...found.search, limit: MAX_SLOTS },
				{ members: pool, count: q.pool_count, prefer: q.pool_prefer },
				found.facts
			).map((s) => ({
				start: s.start,
				end: end(s.start),
				picked: s.picked.map((id) => ({ id, name: found.names.get(id) ?? '' })),
				why: s.why
			}))
		: slotsOf(found, MAX_SLOTS).map((start) => ({ start, end: end(start) }));
	// Why each day without a slot has none, in the asked zone (the organization's by default).
	const zone = q.timezone ?? found.orgZone;
	return {
		data,
		duration_min: q.duration_min,
		details: {
			timezone: zone,
			// Without a pool and below the cap, the slots are all of them: days with one need no asking.
			days: whyNot(found, zone, !pool.length && data.length < MAX_SLOTS ? data.map((d) => d.start) : undefined).map(
				(d) => dayJson(d, found.names)
			)
		}
	};
});
