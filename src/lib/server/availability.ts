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
import { effectiveLoadLimit } from '$lib/domain/load';
import { resolvePolicy, type Policy, type PolicyOverrides } from '$lib/domain/policy';
import { listClosures, type CalendarRules } from './calendar-rules';
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
	/** How many interview rows the database sent (the panel's seats and the candidate's), for `Server-Timing`. */
	rows: number;
}

/**
 * Builds the finder's facts for `panel` (interviewers of the organization, and the `pool` to pick
 * from) and `candidateId` over [from, to). 422 names interviewers who are not; 404 when the
 * candidate is not one here. The search's panel is `panel`; the facts cover the pool too.
 */
export async function storedSearch(
	sql: Sql,
	orgId: string,
	ask: {
		panel: readonly string[];
		/** Pool members, who fill the panel by their load: their interviews count even without a limit. */
		pool?: readonly string[];
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
	const pool = (ask.pool ?? []).filter((id) => !ask.panel.includes(id));
	const everyone = [...ask.panel, ...pool];
	// Two round trips: the organization, the people and the closures at once; then, knowing the
	// buffer and who has a load limit, the panel's and the candidate's interviews at once.
	const { policy, rules, interviewers, candidate, names } = await searchPeopleLean(
		sql,
		orgId,
		everyone,
		ask.candidateId
	);
	// Load is counted per week: the interviews of the weeks the range touches (a week and a day of
	// margin each side) are read only when someone's load matters (a limit, or a pool to rank);
	// otherwise only the busy time, which interviews just outside the range still give by their buffer.
	const countsLoad =
		pool.length > 0 ||
		everyone.some((id) => {
			const limit = rules.load.get(id)?.limit;
			return limit !== undefined && (limit.perDay !== null || limit.perWeek !== null);
		});
	const loadFrom = new Date(from.getTime() - 8 * 86400_000);
	const loadTo = new Date(to.getTime() + 8 * 86400_000);
	const busyFrom = from.getTime() - policy.bufferMin * 60_000;
	const busyTo = to.getTime() + policy.bufferMin * 60_000;
	const window = { loadFrom, loadTo, busyFrom: new Date(busyFrom), busyTo: new Date(busyTo) };
	const [panelRows, candidateRows] = await Promise.all([
		panelInterviews(sql, orgId, everyone, window, countsLoad),
		ask.candidateId
			? sql<{ person: string; id: string; start_at: Date; end_at: Date; status: Interview['status'] }[]>`
				select i.candidate_id as person, i.id, i.start_at, i.end_at, i.status from interviews i
				where i.org_id = ${orgId} and i.candidate_id = ${ask.candidateId} and i.status in ('scheduled', 'in_progress')
					and i.end_at > ${window.busyFrom} and i.start_at < ${window.busyTo}`
			: []
	]);
	const busy = new Map<string, ExplainedBusy[]>();
	const loadById = new Map<string, { id: string; start: string; status: Interview['status']; panel: string[] }>();
	for (const r of [...panelRows, ...candidateRows]) {
		if (r.id === ask.ignoreId) continue;
		const active = r.status === 'scheduled' || r.status === 'in_progress';
		if (!active || r.end_at.getTime() <= busyFrom || r.start_at.getTime() >= busyTo) continue;
		const list = busy.get(r.person);
		const entry = { start: r.start_at, end: r.end_at, interviewId: r.id };
		if (list) list.push(entry);
		else busy.set(r.person, [entry]);
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
		candidateZone,
		rows: panelRows.length + candidateRows.length
	};
}

/** A person of a search as read: their membership here, zone, hours and own load limit. */
interface PersonRow {
	id: string;
	name: string;
	timezone: string | null;
	working_hours: unknown;
	role: string;
	org_tz: string;
	load_limit?: unknown;
}

/**
 * The people of a search, in one round trip: the organization, only the search's people (not every
 * interviewer of the organization) and the closures, read at once. The load limits and
 * `interviewerIds` cover the search's interviewers alone, the only ones the slot and loop finders
 * (and the judge they ask, which checks a panel against `interviewerIds`) look up; an id of `panel`
 * that is no interviewer here is refused first (422), then a candidate who is none (404).
 */
export async function searchPeopleLean(sql: Sql, orgId: string, panel: readonly string[], candidateId: string | null) {
	const ids = [...panel, ...(candidateId ? [candidateId] : [])];
	const [orgs, rows, closures] = await Promise.all([
		sql<{ timezone: string; policy: PolicyOverrides | null }[]>`
			select timezone, policy from organizations where id = ${orgId}`,
		sql<Omit<PersonRow, 'org_tz'>[]>`
			select u.id, u.name, u.timezone, u.working_hours, m.role, m.load_limit
			from users u join memberships m on m.user_id = u.id and m.org_id = ${orgId}
			where u.id = any(${ids}::uuid[])`,
		listClosures(sql, orgId)
	]);
	const orgZone = orgs[0]?.timezone ?? 'UTC';
	const policy = resolvePolicy(orgs[0]?.policy ?? null);
	const people = rows.map((p) => ({ ...p, org_tz: orgZone }));
	const interviewers = people.filter((p) => p.role === 'interviewer');
	const interviewerIds = new Set(interviewers.map((p) => p.id));
	refuseUnknown(panel, interviewerIds);
	const load = new Map(
		interviewers.map((p) => [
			p.id,
			{ timezone: p.timezone ?? orgZone, limit: effectiveLoadLimit(p.load_limit, policy) }
		])
	);
	const rules: CalendarRules = { closures: { timezone: orgZone, list: closures }, load };
	return { policy, interviewerIds, rules, ...peopleOf(people, candidateId, policy) };
}

/** 422 naming the ids of `panel` that are not interviewers of the organization. */
function refuseUnknown(panel: readonly string[], interviewerIds: ReadonlySet<string>): void {
	const unknown = panel.filter((id) => !interviewerIds.has(id));
	if (unknown.length) throw fail.fields({ interviewer_ids: m.api_not_interviewers({ ids: unknown.join(', ') }) });
}

/** The candidate (404 when `candidateId` is not one here), each interviewer's zone and hours, and every name. */
function peopleOf(people: readonly PersonRow[], candidateId: string | null, policy: Policy) {
	const candidate = candidateId ? people.find((p) => p.id === candidateId && p.role === 'candidate') : null;
	if (candidateId && !candidate) throw fail.notFound('candidate');
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
	return { interviewers, candidate: candidate ?? null, names: new Map(people.map((p) => [p.id, p.name])) };
}

/** The two windows of a search: its busy time (the range and the buffer) and its load (the weeks it touches). */
export interface ReadWindow {
	busyFrom: Date;
	busyTo: Date;
	loadFrom: Date;
	loadTo: Date;
}

/**
 * The interviews of `people` that start in [loadFrom, loadTo), one row per seat: those that block
 * [busyFrom, busyTo) (scheduled or in progress), and with `countsLoad` every one but the cancelled
 * (a load counts them). Each seat carries its interview's organization, start, end and status
 * (migration 037, kept by triggers), so this is one range of the index `(user_id, start_at)
 * include (org_id, interview_id, end_at, status)` per person and never a join over the
 * organization's interviews (bench/availability.ts times it beside the join it replaced).
 */
export function panelInterviews(
	sql: Sql,
	orgId: string,
	people: readonly string[],
	w: ReadWindow,
	countsLoad: boolean
) {
	return sql<{ person: string; id: string; start_at: Date; end_at: Date; status: Interview['status'] }[]>`
		select p.user_id as person, p.interview_id as id, p.start_at, p.end_at, p.status from interview_panel p
		where p.user_id = any(${people}::uuid[]) and p.org_id = ${orgId}
			and p.start_at >= ${w.loadFrom} and p.start_at < ${w.loadTo}
			and ${countsLoad ? sql`p.status <> 'cancelled'` : sql`p.status in ('scheduled', 'in_progress') and p.end_at > ${w.busyFrom} and p.start_at < ${w.busyTo}`}`;
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
 * The stored interviews (with their panels) that a judge needs beside the calendar document: every
 * one of the application, whatever its status (its rounds), and those of the candidate and of
 * `people` that start in [from, to) and are not cancelled (double bookings and load; a cancelled
 * interview is neither). Each part is one index range: the application's and the candidate's
 * interviews by their own indexes, the people's from their seats alone (the covering index of
 * migration 037, whose copies of the start, organization and status the triggers keep); their ids,
 * gathered first as an array, fetch the interviews by primary key. Never a walk over the
 * organization's interviews in the range (a join or `in` let Postgres hash all 10,000 of the bench's).
 * Self-scheduling's booking and the loop finder read through here.
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
		select i.id, i.application_id, i.candidate_id, i.cycle_id, i.start_at, i.duration_min, i.timezone, i.type, i.mode,
			i.location, i.round, i.status, i.rescheduled_from, i.updated_by, i.updated_at,
			coalesce((select array_agg(p.user_id::text) from interview_panel p where p.interview_id = i.id), '{}') as panel
		from interviews i
		where i.removed_at is null and i.id = any(array(
			select id from interviews where org_id = ${orgId} and application_id = ${ask.applicationId}
			union
			select id from interviews where org_id = ${orgId} and candidate_id = ${ask.candidateId}
				and start_at >= ${ask.from} and start_at < ${ask.to} and status <> 'cancelled'
			union
			select interview_id from interview_panel where user_id = any(${ask.people}::uuid[]) and org_id = ${orgId}
				and start_at >= ${ask.from} and start_at < ${ask.to} and status <> 'cancelled'))`;
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
