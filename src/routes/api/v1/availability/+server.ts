import type { RequestHandler } from './$types';
import { findSlots, type BusyLike, type SlotPerson } from '$lib/domain/slots';
import { effectiveWorkingHours } from '$lib/domain/working-hours';
import { endpoint } from '$lib/server/endpoint';
import { ApiError, fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { orgFacts } from '$lib/server/scheduling';
import { AvailabilityQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/** Candidates have no working hours of their own: any reasonable local daytime suits them. */
const CANDIDATE_HOURS = { startTime: '08:00', endTime: '20:00', weekdays: [1, 2, 3, 4, 5, 6, 7] };
const MAX_RANGE_DAYS = 62;
const MAX_SLOTS = 500;

/** GET /api/v1/availability — start times where the panel and the candidate are all free. */
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
	const sql = db();
	const { policy, interviewerIds } = await orgFacts(sql, actor.orgId);
	const unknown = q.interviewer_ids.filter((id) => !interviewerIds.has(id));
	if (unknown.length)
		throw fail.fields({ interviewer_ids: `not interviewers of this organization: ${unknown.join(', ')}` });
	const ids = [...q.interviewer_ids, ...(q.candidate_id ? [q.candidate_id] : [])];
	const people = await sql<
		{ id: string; timezone: string | null; working_hours: unknown; role: string; org_tz: string }[]
	>`
		select u.id, u.timezone, u.working_hours, m.role, o.timezone as org_tz
		from users u join memberships m on m.user_id = u.id and m.org_id = ${actor.orgId} join organizations o on o.id = m.org_id
		where u.id = any(${ids}::uuid[])`;
	if (q.candidate_id && !people.some((p) => p.id === q.candidate_id && p.role === 'candidate'))
		throw fail.notFound('The candidate');
	const slotPeople: SlotPerson[] = people.map((p) => ({
		id: p.id,
		timezone: p.timezone ?? p.org_tz,
		// Each interviewer's own hours (else the organization's), read in their own zone.
		workingHours: p.role === 'candidate' ? CANDIDATE_HOURS : effectiveWorkingHours(p.working_hours, policy.workingHours)
	}));
	const busyRows = await sql<{ person: string; start_at: Date; end_at: Date }[]>`
		select p.user_id as person, i.start_at, i.end_at from interviews i join interview_panel p on p.interview_id = i.id
		where i.org_id = ${actor.orgId} and i.status in ('scheduled', 'in_progress') and p.user_id = any(${ids}::uuid[])
			and i.end_at > ${from} and i.start_at < ${to}
		union all
		select i.candidate_id, i.start_at, i.end_at from interviews i
		where i.org_id = ${actor.orgId} and i.status in ('scheduled', 'in_progress') and i.candidate_id = any(${ids}::uuid[])
			and i.end_at > ${from} and i.start_at < ${to}`;
	const busy = new Map<string, BusyLike[]>();
	for (const r of busyRows) busy.set(r.person, [...(busy.get(r.person) ?? []), { start: r.start_at, end: r.end_at }]);
	const slots = findSlots({
		people: slotPeople,
		busy,
		durationMin: q.duration_min,
		from,
		to,
		stepMin: policy.slotStepMin,
		bufferMin: policy.bufferMin,
		notBefore: new Date(Date.now() + policy.minNoticeMin * 60_000),
		limit: MAX_SLOTS
	});
	return {
		data: slots.map((start) => ({
			start,
			end: new Date(new Date(start).getTime() + q.duration_min * 60_000).toISOString()
		})),
		duration_min: q.duration_min
	};
});
