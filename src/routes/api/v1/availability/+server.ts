import type { RequestHandler } from './$types';
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
	const found = await storedSearch(db(), actor.orgId, {
		panel: q.interviewer_ids,
		candidateId: q.candidate_id ?? null,
		durationMin: q.duration_min,
		from,
		to
	});
	const slots = slotsOf(found, MAX_SLOTS);
	// Why each day without a slot has none, in the asked zone (the organization's by default).
	const zone = q.timezone ?? found.orgZone;
	return {
		data: slots.map((start) => ({
			start,
			end: new Date(new Date(start).getTime() + q.duration_min * 60_000).toISOString()
		})),
		duration_min: q.duration_min,
		details: { timezone: zone, days: whyNot(found, zone).map((d) => dayJson(d, found.names)) }
	};
});
