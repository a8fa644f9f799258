import type { RequestHandler } from './$types';
import type { WorkingPerson } from '$lib/domain/availability';
import { explainDays, type ExplainedBusy } from '$lib/domain/explain';
import { offerSlots, type SlotFacts } from '$lib/domain/offer';
import { dayJson } from '$lib/server/explain-json';
import type { Interview } from '$lib/domain/types';
import { effectiveWorkingHours } from '$lib/domain/working-hours';
import { endpoint } from '$lib/server/endpoint';
import { ApiError, fail } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { orgFacts } from '$lib/server/scheduling';
import { AvailabilityQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

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
	const { policy, interviewerIds, rules } = await orgFacts(sql, actor.orgId);
	const unknown = q.interviewer_ids.filter((id) => !interviewerIds.has(id));
	if (unknown.length)
		throw fail.fields({ interviewer_ids: `not interviewers of this organization: ${unknown.join(', ')}` });
	const ids = [...q.interviewer_ids, ...(q.candidate_id ? [q.candidate_id] : [])];
	const people = await sql<
		{ id: string; name: string; timezone: string | null; working_hours: unknown; role: string; org_tz: string }[]
	>`
		select u.id, u.name, u.timezone, u.working_hours, m.role, o.timezone as org_tz
		from users u join memberships m on m.user_id = u.id and m.org_id = ${actor.orgId} join organizations o on o.id = m.org_id
		where u.id = any(${ids}::uuid[])`;
	if (q.candidate_id && !people.some((p) => p.id === q.candidate_id && p.role === 'candidate'))
		throw fail.notFound('The candidate');
	// Each interviewer's own hours (else the organization's), read in their own zone; the candidate's
	// hours are the judge's, read in the candidate's zone.
	const interviewers = new Map<string, WorkingPerson>(
		people
			.filter((p) => p.role !== 'candidate')
			.map((p) => [
				p.id,
				{ timezone: p.timezone ?? p.org_tz, workingHours: effectiveWorkingHours(p.working_hours, policy.workingHours) }
			])
	);
	const candidate = q.candidate_id ? people.find((p) => p.id === q.candidate_id) : undefined;
	// Interviews just outside the range still block it by their buffer.
	const busyFrom = new Date(from.getTime() - policy.bufferMin * 60_000);
	const busyTo = new Date(to.getTime() + policy.bufferMin * 60_000);
	const busyRows = await sql<{ person: string; id: string; start_at: Date; end_at: Date }[]>`
		select p.user_id as person, i.id, i.start_at, i.end_at from interviews i join interview_panel p on p.interview_id = i.id
		where i.org_id = ${actor.orgId} and i.status in ('scheduled', 'in_progress') and p.user_id = any(${ids}::uuid[])
			and i.end_at > ${busyFrom} and i.start_at < ${busyTo}
		union all
		select i.candidate_id, i.id, i.start_at, i.end_at from interviews i
		where i.org_id = ${actor.orgId} and i.status in ('scheduled', 'in_progress') and i.candidate_id = any(${ids}::uuid[])
			and i.end_at > ${busyFrom} and i.start_at < ${busyTo}`;
	const busy = new Map<string, ExplainedBusy[]>();
	for (const r of busyRows)
		busy.set(r.person, [...(busy.get(r.person) ?? []), { start: r.start_at, end: r.end_at, interviewId: r.id }]);
	// The panel's load is counted over the weeks the range touches (a week and a day of margin each side).
	const loadFrom = new Date(from.getTime() - 8 * 86400_000);
	const loadTo = new Date(to.getTime() + 8 * 86400_000);
	const loadRows = await sql<{ id: string; start_at: Date; status: Interview['status']; panel: string[] }[]>`
		select i.id, i.start_at, i.status, array_agg(p.user_id::text) as panel
		from interviews i join interview_panel p on p.interview_id = i.id
		where i.org_id = ${actor.orgId} and p.user_id = any(${q.interviewer_ids}::uuid[])
			and i.start_at >= ${loadFrom} and i.start_at < ${loadTo}
		group by i.id`;
	const interviews = loadRows.map((r) => ({
		id: r.id,
		start: r.start_at.toISOString(),
		status: r.status,
		panel: r.panel
	}));
	const search = {
		panel: q.interviewer_ids,
		candidateId: candidate?.id ?? null,
		durationMin: q.duration_min,
		from,
		to
	};
	const facts: SlotFacts = {
		now: new Date(),
		policy,
		hours: { interviewers, candidateZone: candidate ? (candidate.timezone ?? candidate.org_tz) : null },
		busy,
		closures: rules.closures,
		load: rules.load,
		interviews
	};
	const slots = offerSlots({ ...search, limit: MAX_SLOTS }, facts);
	// Why each day without a slot has none, in the asked zone (the organization's by default).
	const zone = q.timezone ?? people[0]?.org_tz ?? rules.closures.timezone;
	const names = new Map(people.map((p) => [p.id, p.name]));
	return {
		data: slots.map((start) => ({
			start,
			end: new Date(new Date(start).getTime() + q.duration_min * 60_000).toISOString()
		})),
		duration_min: q.duration_min,
		details: { timezone: zone, days: explainDays(search, facts, zone).map((d) => dayJson(d, names)) }
	};
});
