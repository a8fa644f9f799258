/**
 * The slot finder's facts from Postgres: a panel's and a candidate's zones and hours, their busy
 * time, the panel's load and the organization's closures, for one range. `GET /api/v1/availability`
 * and the candidate's self-scheduling page both search through here, so they offer the same slots.
 */
import type { Sql } from '../../../db/client';
import type { WorkingPerson } from '$lib/domain/availability';
import { explainDays, type DayWithoutSlots, type ExplainedBusy } from '$lib/domain/explain';
import { offerSlots, type SlotFacts, type SlotSearch } from '$lib/domain/offer';
import type { Interview } from '$lib/domain/types';
import { effectiveWorkingHours } from '$lib/domain/working-hours';
import { fail } from './errors';
import { orgFacts } from './scheduling';
import { m } from '$lib/paraglide/messages';

/** A search over the stored calendar, with the names of its people. */
export interface StoredSearch {
	search: SlotSearch;
	facts: SlotFacts;
	/** Person id → name (panel and candidate). */
	names: Map<string, string>;
	/** The organization's zone. */
	orgZone: string;
	/** The candidate's zone (their own, else the organization's); null without a candidate. */
	candidateZone: string | null;
}

/**
 * Builds the finder's facts for `panel` (interviewers of the organization) and `candidateId` over
 * [from, to). 422 names interviewers who are not; 404 when the candidate is not one here.
 */
export async function storedSearch(
	sql: Sql,
	orgId: string,
	ask: {
		panel: readonly string[];
		candidateId: string | null;
		durationMin: number;
		from: Date;
		to: Date;
		now?: Date;
		/** An interview being moved: its own time is free and it does not count towards anyone's load. */
		ignoreId?: string;
	}
): Promise<StoredSearch> {
	const { from, to } = ask;
	// One read of the panel's interviews over the weeks the range touches (a week and a day of margin
	// each side, for the load) gives both their busy time and their load; the candidate's busy time
	// is a second, small read. Interviews just outside the range still block it by their buffer.
	const loadFrom = new Date(from.getTime() - 8 * 86400_000);
	const loadTo = new Date(to.getTime() + 8 * 86400_000);
	// The panel's interviews are read beside the people (on a real Postgres, at the same time; an
	// unknown id still answers 422, and its rows are then dropped).
	const [{ policy, rules, interviewers, candidate, names }, panelRows] = await Promise.all([
		searchPeople(sql, orgId, ask.panel, ask.candidateId),
		panelInterviews(sql, orgId, ask.panel, loadFrom, loadTo)
	]);
	const busyFrom = from.getTime() - policy.bufferMin * 60_000;
	const busyTo = to.getTime() + policy.bufferMin * 60_000;
	const candidateRows = ask.candidateId
		? await sql<{ person: string; id: string; start_at: Date; end_at: Date; status: Interview['status'] }[]>`
			select i.candidate_id as person, i.id, i.start_at, i.end_at, i.status from interviews i
			where i.org_id = ${orgId} and i.candidate_id = ${ask.candidateId} and i.status in ('scheduled', 'in_progress')
				and i.end_at > ${new Date(busyFrom)} and i.start_at < ${new Date(busyTo)}`
		: [];
	const busy = new Map<string, ExplainedBusy[]>();
	const loadById = new Map<string, { id: string; start: string; status: Interview['status']; panel: string[] }>();
	for (const r of [...panelRows, ...candidateRows]) {
		if (r.id === ask.ignoreId) continue;
		const active = r.status === 'scheduled' || r.status === 'in_progress';
		if (active && r.end_at.getTime() > busyFrom && r.start_at.getTime() < busyTo)
			busy.set(r.person, [...(busy.get(r.person) ?? []), { start: r.start_at, end: r.end_at, interviewId: r.id }]);
	}
	for (const r of panelRows) {
		const seen = loadById.get(r.id);
		if (seen) seen.panel.push(r.person);
		else loadById.set(r.id, { id: r.id, start: r.start_at.toISOString(), status: r.status, panel: [r.person] });
	}
	const orgZone = rules.closures.timezone;
	const candidateZone = candidate ? (candidate.timezone ?? candidate.org_tz) : null;
	return {
		search: {
			panel: ask.panel,
			candidateId: candidate?.id ?? null,
			durationMin: ask.durationMin,
			from,
			to,
			ignoreId: ask.ignoreId
		},
		facts: {
			now: ask.now ?? new Date(),
			policy,
			hours: { interviewers, candidateZone },
			busy,
			closures: rules.closures,
			load: rules.load,
			// Only the panel's own membership matters to their load.
			interviews: [...loadById.values()]
		},
		names,
		orgZone,
		candidateZone
	};
}

/** The people of a search: the organization's rules, each interviewer's zone and hours, the candidate, everyone's name. */
export async function searchPeople(sql: Sql, orgId: string, panel: readonly string[], candidateId: string | null) {
	const ask = { panel, candidateId };
	const { policy, interviewerIds, rules } = await orgFacts(sql, orgId);
	const unknown = ask.panel.filter((id) => !interviewerIds.has(id));
	if (unknown.length) throw fail.fields({ interviewer_ids: m.api_not_interviewers({ ids: unknown.join(', ') }) });
	const ids = [...ask.panel, ...(ask.candidateId ? [ask.candidateId] : [])];
	const people = await sql<
		{ id: string; name: string; timezone: string | null; working_hours: unknown; role: string; org_tz: string }[]
	>`
		select u.id, u.name, u.timezone, u.working_hours, m.role, o.timezone as org_tz
		from users u join memberships m on m.user_id = u.id and m.org_id = ${orgId} join organizations o on o.id = m.org_id
		where u.id = any(${ids}::uuid[])`;
	const candidate = ask.candidateId ? people.find((p) => p.id === ask.candidateId && p.role === 'candidate') : null;
	if (ask.candidateId && !candidate) throw fail.notFound('candidate');
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
	return {
		policy,
		interviewerIds,
		rules,
		interviewers,
		candidate: candidate ?? null,
		names: new Map(people.map((p) => [p.id, p.name]))
	};
}

/**
 * The interviews of `panel` that start in [from, to), one row per seat, except cancelled ones (they
 * are neither busy time nor load). Each seat carries its interview's organization, start, end and
 * status (migration 037, kept by triggers), so this is one index range per person and never a join
 * over the organization's interviews (bench/availability.ts times it beside the join it replaced).
 */
export function panelInterviews(sql: Sql, orgId: string, panel: readonly string[], from: Date, to: Date) {
	return sql<{ person: string; id: string; start_at: Date; end_at: Date; status: Interview['status'] }[]>`
		select p.user_id as person, p.interview_id as id, p.start_at, p.end_at, p.status from interview_panel p
		where p.user_id = any(${panel}::uuid[]) and p.org_id = ${orgId} and p.start_at >= ${from} and p.start_at < ${to}
			and p.status <> 'cancelled'`;
}

/** The slots of a stored search, up to `limit`. */
export function slotsOf(s: StoredSearch, limit: number): string[] {
	return offerSlots({ ...s.search, limit }, s.facts);
}

/** Why each day of a stored search (in `zone`) has no slot; `offered`: all its slots, when known. */
export function whyNot(s: StoredSearch, zone: string, offered?: readonly string[]): DayWithoutSlots[] {
	return explainDays(s.search, s.facts, zone, offered);
}

/**
 * The stored interviews (any status, with their panels) that a judge needs beside the calendar
 * document: every one of the application (its rounds), and those of the candidate and of `people`
 * that start in [from, to) (double bookings, load). The seats are read first: otherwise a planner
 * without statistics walks every interview of the organization in the range and probes the panel
 * for each. Self-scheduling's booking and the loop finder read through here.
 */
export async function storedInterviews(
	sql: Sql,
	orgId: string,
	ask: { applicationId: string; candidateId: string; people: readonly string[]; from: Date; to: Date }
): Promise<Interview[]> {
	const rows = await sql<
		{
			id: string;
			application_id: string;
			candidate_id: string;
			cycle_id: string;
			start_at: Date;
			duration_min: number;
			timezone: string;
			type: Interview['type'];
			mode: Interview['mode'];
			location: string;
			round: number;
			status: Interview['status'];
			rescheduled_from: string | null;
			updated_by: string | null;
			updated_at: Date;
			panel: string[];
		}[]
	>`
		with seats as materialized (select interview_id from interview_panel where user_id = any(${ask.people}::uuid[]))
		select i.id, i.application_id, i.candidate_id, i.cycle_id, i.start_at, i.duration_min, i.timezone, i.type, i.mode,
			i.location, i.round, i.status, i.rescheduled_from, i.updated_by, i.updated_at,
			coalesce((select array_agg(p.user_id::text) from interview_panel p where p.interview_id = i.id), '{}') as panel
		from interviews i
		where i.org_id = ${orgId} and i.removed_at is null and (
			i.application_id = ${ask.applicationId}
			or (i.start_at >= ${ask.from} and i.start_at < ${ask.to}
				and (i.candidate_id = ${ask.candidateId} or i.id in (select interview_id from seats))))`;
	return rows.map((r) => ({
		id: r.id,
		applicationId: r.application_id,
		candidateId: r.candidate_id,
		cycleId: r.cycle_id,
		start: r.start_at.toISOString(),
		durationMin: r.duration_min,
		timezone: r.timezone,
		type: r.type,
		mode: r.mode,
		location: r.location,
		round: r.round,
		panel: r.panel,
		status: r.status,
		rescheduledFrom: r.rescheduled_from,
		updatedBy: r.updated_by,
		updatedAt: r.updated_at.toISOString()
	}));
}
