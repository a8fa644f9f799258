/**
 * Finding a loop's start over the stored calendar: the facts the loop finder reads (everyone's zone
 * and hours, the interviews that can clash with a session or count towards someone's load, the
 * application's rounds) and the search itself, for a new loop or for moving a booked one as a unit.
 */
import type { z } from 'zod';
import type { Sql } from '../../../db/client';
import type { LoopSearchBody, NewLoopBody } from '$lib/contract/api';
import { nextRound } from '$lib/domain/applications';
import { explainLoopDays, type LoopDayWithoutStarts } from '$lib/domain/loop-explain';
import { offerLoopStarts, type LoopFacts, type LoopSearch, type LoopStart } from '$lib/domain/loop-finder';
import { loopRounds, splitProblem } from '$lib/domain/loops';
import { DAY_MS } from '$lib/domain/time';
import type { Interview } from '$lib/domain/types';
import { searchPeopleLean, storedInterviews } from './availability';
import type { LoopSpec, StoredLoop } from './loops';
import { applicationFacts } from './calendar-writes';
import { fail } from './errors';
import { blockerJson } from './explain-json';
import { m } from '$lib/paraglide/messages';

const MAX_RANGE_DAYS = 62;
const MAX_STARTS = 300;
/** Load is counted per week: read a week and a day either side of the range. */
const LOAD_MARGIN_MS = 8 * DAY_MS;

/** 422 unless `to` is after `from` and at most 62 days after. */
function checkRange(from: Date, to: Date): void {
	if (to <= from) throw fail.fields({ to: m.api_after_from() });
	if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
		throw fail.fields({ to: m.api_range_days({ days: MAX_RANGE_DAYS }) });
}

/**
 * The starts at which the whole loop passes the judge, in [from, to). `moving`: the interviews of a
 * booked loop being moved as a unit (their own times are free; they keep their rounds).
 */
export async function findLoopStarts(
	sql: Sql,
	orgId: string,
	spec: LoopSpec,
	range: { from: Date; to: Date },
	moving?: { ids: readonly string[]; rounds: readonly number[] }
): Promise<LoopStart[]> {
	return (await searchLoop(sql, orgId, spec, range, moving)).starts;
}

/** A loop search's starts, and when there are none, why: each day in `zone` (the organization's by default). */
export interface LoopSearchResult {
	starts: LoopStart[];
	whyNone(zone?: string): LoopDayWithoutStarts[];
	names: Map<string, string>;
	orgZone: string;
}

/** `findLoopStarts` with its explanation, for the API and the loop pages. */
export async function searchLoop(
	sql: Sql,
	orgId: string,
	spec: LoopSpec,
	range: { from: Date; to: Date },
	moving?: { ids: readonly string[]; rounds: readonly number[] }
): Promise<LoopSearchResult> {
	checkRange(range.from, range.to);
	const split = splitProblem(spec.splitAfter, spec.sessions.length);
	if (split) throw fail.fields({ split_after: split });
	const application = await applicationFacts(sql, orgId, spec.applicationId);
	if (!application) throw fail.notFound('application');
	const people = [...new Set(spec.sessions.flatMap((s) => s.panel))];
	const found = await searchPeopleLean(sql, orgId, people, application.candidateId);
	// Load is counted per week: a week and a day either side of the range.
	const all = await storedInterviews(sql, orgId, {
		people,
		candidateId: application.candidateId,
		applicationId: application.id,
		from: new Date(range.from.getTime() - LOAD_MARGIN_MS),
		to: new Date(range.to.getTime() + LOAD_MARGIN_MS)
	});
	const ignore = new Set(moving?.ids ?? []);
	const calendar = all.filter((i) => !ignore.has(i.id));
	const search: LoopSearch = {
		shape: {
			sessions: spec.sessions,
			breakMin: spec.breakMin,
			splitAfter: spec.splitAfter,
			timezone: spec.timezone
		},
		applicationId: application.id,
		candidateId: application.candidateId,
		mode: spec.mode,
		location: spec.location,
		rounds:
			moving?.rounds ??
			loopRounds(nextRound(calendar.filter((i) => i.applicationId === application.id)), spec.sessions.length),
		from: range.from,
		to: range.to,
		limit: MAX_STARTS
	};
	const facts: LoopFacts = {
		now: new Date(),
		policy: found.policy,
		application,
		interviewerIds: found.interviewerIds,
		calendar: { interviews: calendar },
		hours: {
			interviewers: found.interviewers,
			candidateZone: found.candidate ? (found.candidate.timezone ?? found.candidate.org_tz) : null
		},
		...found.rules
	};
	const starts = offerLoopStarts(search, facts);
	const orgZone = found.rules.closures.timezone;
	return {
		starts,
		// Only asked when nothing was found, so the (empty) list is every start.
		whyNone: (zone = orgZone) => (starts.length ? [] : explainLoopDays(search, facts, zone, [])),
		names: found.names,
		orgZone
	};
}

/** "Why no starts?" in the API's words: per day, each blocker with its session and person named. */
export function loopDaysJson(days: readonly LoopDayWithoutStarts[], names: ReadonlyMap<string, string>) {
	return days.map((d) => ({
		date: d.date,
		blockers: d.blockers.map((b) => ({ session: b.session, ...blockerJson(b, names) }))
	}));
}

/** A loop's shape as the API sends it (`NewLoopBody`, `LoopSearchBody`). */
export function loopSpecOf(b: z.output<typeof LoopSearchBody> | z.output<typeof NewLoopBody>): LoopSpec {
	return {
		applicationId: b.application_id,
		timezone: b.timezone,
		breakMin: b.break_min,
		splitAfter: b.split_after,
		mode: b.mode,
		location: b.location,
		sessions: b.sessions.map((s) => ({ panel: [...new Set(s.panel)], durationMin: s.duration_min, type: s.type }))
	};
}

/** The API's form of offered loop starts. */
export function loopStartsJson(starts: readonly LoopStart[], spec: Pick<LoopSpec, 'sessions'>) {
	return {
		data: starts.map((s) => ({
			start: s.start,
			sessions: s.sessions.map((at, i) => ({
				start: at,
				end: new Date(Date.parse(at) + spec.sessions[i]!.durationMin * 60_000).toISOString()
			}))
		}))
	};
}

/** The API's form of a loop (`LoopDetail`). */
export function loopJson(loop: StoredLoop) {
	const first = loop.sessions[0];
	return {
		id: loop.id,
		application_id: loop.applicationId,
		candidate: { id: first?.candidate_id ?? '', name: first?.candidate_name ?? '' },
		break_min: loop.breakMin,
		split_after: loop.splitAfter,
		timezone: first?.timezone ?? 'UTC',
		sessions: loop.sessions.map((s, i) => ({
			id: s.id,
			position: i + 1,
			start: s.start_at.toISOString(),
			end: s.end_at.toISOString(),
			duration_min: s.duration_min,
			type: s.type,
			round: s.round,
			status: s.status as Interview['status'],
			panel: s.panel
		}))
	};
}
