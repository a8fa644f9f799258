/**
 * Self-scheduling: an admin sends a candidate a scheduling request (an application and round, a
 * panel, a duration, a window, optionally a deadline); the candidate opens it from the email (its
 * token, no password) or from their own page, sees the free times in their zone and books one. The
 * booking goes through the calendar document like any other (`scheduleInterview`, the one judge).
 *
 * Two grabs of one time: bookings of an organization run one at a time under a lock (in this
 * process, and across instances a Postgres advisory lock), and each is judged against the document
 * AND the interviews stored in Postgres, so a booking another instance made a moment ago counts
 * even before this instance's copy of the document has it. Exactly one wins; the others are told
 * the time was taken and given fresh times. A request is used once and says so afterwards, as does
 * one past its deadline.
 */
import type { Sql } from '../../../db/client';
import type { AppContext } from './context';
import type { RequestState } from '$lib/contract/self-scheduling';
import { explainPoolDays } from '$lib/domain/pool-explain';
import { offerPoolSlots } from '$lib/domain/pools';
import type { Interview, InterviewMode, InterviewType } from '$lib/domain/types';
import { applicationBlocker } from '$lib/domain/validation';
import { generateToken, hashToken } from './auth';
import { COLUMNS, type RequestRow } from './scheduling-request-reads';
import { slotsOf, storedInterviews, storedSearch, whyNot, type StoredSearch } from './availability';
import { withBookingLock } from './booking-lock';
import { ApiError, fail } from './errors';
import type { Actor } from './guards';
import { announceQueued, enqueueMessages, type OutboxDeps } from './notifications/outbox';
import { applicationFacts, orgFacts, problemsError, scheduleInterview } from './scheduling';
import { m } from '$lib/paraglide/messages';

export type { RequestRow } from './scheduling-request-reads';
export {
	requestByToken,
	requestOfCandidate,
	requestOfOrg,
	requestsOfCandidate,
	requestsOfOrg
} from './scheduling-request-reads';

/** Where a request's email link points. */
export const REQUEST_PATH = '/s/';
/** The longest window a request may offer. */
export const MAX_WINDOW_DAYS = 62;
/** Times offered to the candidate at most. */
const MAX_OFFERED = 300;

export type { RequestState };

/** What a request is now: used, cancelled, past its deadline (or its window), or open. */
export function stateOf(row: Pick<RequestRow, 'status' | 'deadline' | 'window_end'>, now: Date): RequestState {
	if (row.status !== 'open') return row.status;
	return now.getTime() >= (row.deadline ?? row.window_end).getTime() ? 'expired' : 'open';
}

/** What an admin sends. */
export interface NewRequest {
	applicationId: string;
	round: number;
	panel: string[];
	/** Some of a pool: `pool.count` of `pool.members`, whoever is free. */
	pool?: { members: string[]; count: number };
	durationMin: number;
	type: InterviewType;
	mode: InterviewMode;
	location: string;
	windowStart: Date;
	windowEnd: Date;
	deadline: Date | null;
}

/**
 * Creates a request and queues its email, in one transaction (an open request for the same
 * application and round is replaced). Returns the link, shown once.
 */
export async function createRequest(
	deps: OutboxDeps,
	actor: Actor,
	input: NewRequest,
	origin: string,
	now = new Date()
): Promise<{ id: string; url: string; expiresAt: Date }> {
	if (actor.role !== 'admin') throw fail.forbidden(m.api_admin_send_request());
	const { sql } = deps;
	const application = await applicationFacts(sql, actor.orgId, input.applicationId);
	if (!application) throw fail.notFound('application');
	const blocker = applicationBlocker(application);
	if (blocker) throw problemsError([blocker]);
	const { policy, interviewerIds } = await orgFacts(sql, actor.orgId);
	const fields: Record<string, string> = {};
	const pool = input.pool ?? { members: [], count: 0 };
	const poolMembers = [...new Set(pool.members)].filter((id) => !input.panel.includes(id));
	const outsiders = [...input.panel, ...poolMembers].filter((id) => !interviewerIds.has(id));
	if (input.panel.length + pool.count === 0) fields.panel = m.field_one_interviewer();
	else if (outsiders.length) fields.panel = m.api_not_interviewers({ ids: outsiders.join(', ') });
	if (pool.count > poolMembers.length) fields.pool_count = m.reqf_pool_at_most({ n: poolMembers.length });
	if (input.durationMin < policy.minDurationMin || input.durationMin > policy.maxDurationMin)
		fields.duration_min = m.reqf_duration({ min: policy.minDurationMin, max: policy.maxDurationMin });
	if (input.windowEnd <= input.windowStart) fields.window_end = m.reqf_after_start();
	else if (input.windowEnd.getTime() - input.windowStart.getTime() > MAX_WINDOW_DAYS * 86400_000)
		fields.window_end = m.reqf_window_max({ days: MAX_WINDOW_DAYS });
	else if (input.windowEnd <= now) fields.window_end = m.reqf_future();
	if (input.deadline && (input.deadline <= now || input.deadline > input.windowEnd))
		fields.deadline = m.reqf_deadline();
	if (input.mode === 'offline' && input.location.trim() === '') fields.location = m.reqf_location();
	if (input.mode === 'online' && !application.onlineInterviewEnabled) fields.mode = m.reqf_online();
	if (Object.keys(fields).length) throw fail.fields(fields);
	const [taken] = await sql`select 1 from interviews where application_id = ${application.id} and round = ${input.round}
		and status in ('scheduled', 'in_progress')`;
	if (taken) throw fail.fields({ round: m.api_round_booked({ round: input.round }) });

	const token = generateToken();
	const url = `${origin}${REQUEST_PATH}${token}`;
	const expiresAt = input.deadline ?? input.windowEnd;
	const id = await sql.begin(async (tx) => {
		await tx`update scheduling_requests set status = 'cancelled'
			where application_id = ${application.id} and round = ${input.round} and status = 'open'`;
		const [row] = await tx<{ id: string }[]>`
			insert into scheduling_requests (org_id, application_id, candidate_id, round, panel, pool, pool_count, duration_min,
				type, mode, location, window_start, window_end, deadline, token_hash, created_by)
			values (${actor.orgId}, ${application.id}, ${application.candidateId}, ${input.round}, ${input.panel}::uuid[],
				${poolMembers}::uuid[], ${pool.count},
				${input.durationMin}, ${input.type}, ${input.mode}, ${input.location}, ${input.windowStart}, ${input.windowEnd},
				${input.deadline}, ${hashToken(token)}, ${actor.user.id})
			returning id`;
		const [who] = await tx<{ name: string; email: string; timezone: string; org_name: string }[]>`
			select u.name, u.email, coalesce(u.timezone, o.timezone) as timezone, o.name as org_name
			from users u join organizations o on o.id = ${actor.orgId} where u.id = ${application.candidateId}`;
		await enqueueMessages(tx as unknown as Sql, [
			{
				orgId: actor.orgId,
				dedupeKey: `scheduling_request:${row!.id}`,
				kind: 'scheduling_request',
				recipientId: application.candidateId,
				payload: {
					kind: 'scheduling_request',
					recipient: {
						id: application.candidateId,
						name: who!.name,
						email: who!.email,
						role: 'candidate',
						timezone: who!.timezone
					},
					org_name: who!.org_name,
					expires_at: expiresAt.toISOString(),
					secret_url: url,
					request: {
						duration_min: input.durationMin,
						window_start: input.windowStart.toISOString(),
						window_end: input.windowEnd.toISOString()
					}
				}
			}
		]);
		return row!.id;
	});
	await announceQueued(deps.bus, actor.orgId);
	return { id, url, expiresAt };
}

/** Cancels an open request (admins); false when there is none open with that id. */
export async function cancelRequest(sql: Sql, actor: Actor, id: string): Promise<boolean> {
	if (actor.role !== 'admin') throw fail.forbidden(m.api_admin_cancel_request());
	const rows = await sql`update scheduling_requests set status = 'cancelled'
		where id = ${id} and org_id = ${actor.orgId} and status = 'open' returning id`;
	return rows.length > 0;
}

/** The search a request makes now: its window from now on, its panel, its candidate. */
export async function requestSearch(sql: Sql, row: RequestRow, now = new Date()): Promise<StoredSearch | null> {
	// A deadline ends the booking, not the window: the times offered stay those of the window.
	const from = new Date(Math.max(row.window_start.getTime(), now.getTime()));
	if (from >= row.window_end) return null;
	// The facts cover the pool; the search's panel is the named people.
	return storedSearch(sql, row.org_id, {
		panel: row.panel,
		pool: row.pool_count > 0 ? row.pool : [],
		candidateId: row.candidate_id,
		durationMin: row.duration_min,
		from,
		to: row.window_end,
		now
	});
}

/** A request's free times with the panel each would have (the named people and the pool's picks). */
function timesOf(row: RequestRow, search: StoredSearch): { start: string; panel: string[] }[] {
	if (row.pool_count === 0) return slotsOf(search, MAX_OFFERED).map((start) => ({ start, panel: row.panel }));
	return offerPoolSlots(
		{ ...search.search, limit: MAX_OFFERED },
		{ members: row.pool, count: row.pool_count, prefer: search.facts.policy.poolPreference },
		search.facts
	).map((s) => ({ start: s.start, panel: [...row.panel, ...s.picked] }));
}

/** The free times of an open request (earliest first), and why the days without any have none. */
export async function requestTimes(
	sql: Sql,
	row: RequestRow,
	now = new Date()
): Promise<{ slots: string[]; panels: Map<string, string[]>; zone: string; search: StoredSearch | null }> {
	const search = stateOf(row, now) === 'open' ? await requestSearch(sql, row, now) : null;
	const zone = search?.candidateZone ?? search?.orgZone ?? 'UTC';
	const times = search ? timesOf(row, search) : [];
	return { slots: times.map((t) => t.start), panels: new Map(times.map((t) => [t.start, t.panel])), zone, search };
}

/** Why a request's days have no times, for the candidate (the pool's members too): no names of other people's interviews. */
export function requestWhy(row: RequestRow, search: StoredSearch, zone: string) {
	if (row.pool_count === 0) return whyNot(search, zone);
	const pool = { members: row.pool, count: row.pool_count, prefer: search.facts.policy.poolPreference };
	return explainPoolDays(search.search, pool, search.facts, zone);
}

/** Why a request cannot be used, as the API and the page say it. */
export function stateError(state: Exclude<RequestState, 'open'>): ApiError {
	const message = {
		booked: m.api_request_booked,
		expired: m.api_request_expired,
		cancelled: m.api_request_cancelled
	}[state]();
	return new ApiError('conflict', message, { rule: `request_${state}` });
}

/**
 * Books `start` for an open request: under the organization's booking lock, it must still be one of
 * the request's free times, and the judge must accept it against the document and Postgres alike.
 * Answers the new interview's id; 409 `slot_taken` with fresh times when someone was quicker,
 * 409 `request_…` when the request was used, withdrawn or expired meanwhile.
 */
export async function bookRequest(
	deps: Pick<AppContext, 'sql' | 'bus' | 'collab' | 'dbKind'>,
	requestId: string,
	start: string,
	now = new Date()
): Promise<{ interviewId: string }> {
	const { sql } = deps;
	const [head] = await sql<{ org_id: string }[]>`select org_id from scheduling_requests where id = ${requestId}`;
	if (!head) throw fail.notFound('scheduling_request');
	return withBookingLock(sql, deps.dbKind, head.org_id, async () => {
		const [row] = await sql<
			RequestRow[]
		>`select ${sql.unsafe(COLUMNS)} from scheduling_requests where id = ${requestId}`;
		const state = stateOf(row!, now);
		if (state !== 'open') throw stateError(state);
		const { slots, panels, search } = await requestTimes(sql, row!, now);
		const at = new Date(start).toISOString();
		if (!slots.includes(at))
			throw new ApiError('conflict', m.api_time_taken(), {
				rule: 'slot_taken',
				slots: slots.slice(0, 50)
			});
		const interviewId = await scheduleInterview(
			deps,
			row!.org_id,
			row!.candidate_id,
			{
				applicationId: row!.application_id,
				start: at,
				durationMin: row!.duration_min,
				timezone: search?.candidateZone ?? search?.orgZone ?? 'UTC',
				type: row!.type,
				mode: row!.mode,
				location: row!.location,
				round: row!.round,
				panel: panels.get(at) ?? row!.panel
			},
			{ stored: await storedAround(sql, { ...row!, panel: panels.get(at) ?? row!.panel }, at) }
		);
		await sql`update scheduling_requests set status = 'booked', interview_id = ${interviewId}, booked_at = ${now}
			where id = ${row!.id}`;
		return { interviewId };
	});
}

/**
 * The stored interviews the judge needs beside the document for a booking at `at`: the
 * application's, and those of the candidate and the panel within a week and a day (double
 * bookings, load).
 */
function storedAround(sql: Sql, row: RequestRow, at: string): Promise<Interview[]> {
	const t = Date.parse(at);
	return storedInterviews(sql, row.org_id, {
		applicationId: row.application_id,
		candidateId: row.candidate_id,
		people: row.panel,
		from: new Date(t - 8 * 86400_000),
		to: new Date(t + 8 * 86400_000)
	});
}

/** A request as the admins' API answers it. */
export function requestJson(r: RequestRow, now = new Date()) {
	return {
		id: r.id,
		application_id: r.application_id,
		candidate_id: r.candidate_id,
		round: r.round,
		panel: r.panel,
		pool: r.pool,
		pool_count: r.pool_count,
		duration_min: r.duration_min,
		type: r.type,
		mode: r.mode,
		location: r.location,
		window_start: r.window_start.toISOString(),
		window_end: r.window_end.toISOString(),
		deadline: r.deadline?.toISOString() ?? null,
		state: stateOf(r, now),
		interview_id: r.interview_id,
		created_at: r.created_at.toISOString(),
		booked_at: r.booked_at?.toISOString() ?? null
	};
}
