/**
 * A scheduling request as the candidate and the API see it: its state, what it is for, the free
 * times in the candidate's zone, and, once booked, the interview. Shared by the candidate's pages
 * (`/s/{token}`, `/me/requests/{id}`) and the API.
 */
import type { Sql } from '../../../db/client';
import type { RequestView } from '$lib/contract/self-scheduling';
import { requestTimes, requestWhy, stateOf, type RequestRow } from './self-scheduling';
import type { StoredSearch } from './availability';
import type { Blocker } from '$lib/domain/explain';
import { m } from '$lib/paraglide/messages';

/** What stops a day, in the candidate's words and language: the rule, never another person's reasons. */
function blockerWords(b: Blocker): string {
	switch (b.reason) {
		case 'min_notice':
			return m.why_too_soon();
		case 'too_far_ahead':
			return m.why_too_far();
		case 'holiday':
			return m.why_holiday();
		case 'outside_working_hours':
			if (b.role === 'candidate') return m.why_outside_yours();
			return b.message === 'Does not work on this day.' ? m.why_no_work_day() : m.why_outside_hours();
		case 'over_load_limit':
			return m.why_load();
		case 'busy':
			return m.why_busy();
		default:
			return m.why_no_common();
	}
}

/** Why a request's days have no time, in the candidate's words: who, and what in general, never with what. */
function whyFor(row: RequestRow, search: StoredSearch, zone: string): { date: string; reasons: string[] }[] {
	return requestWhy(row, search, zone).map((d) => ({
		date: d.date,
		reasons: d.blockers.map((b) => {
			if (!b.personId) return blockerWords(b);
			const who = b.role === 'candidate' ? m.why_you() : (search.names.get(b.personId) ?? m.why_an_interviewer());
			// Another person's interviews are theirs: the candidate reads "busy" and no more.
			return m.why_who({ who, what: blockerWords(b) });
		})
	}));
}

export type { RequestView };

/** The request as its candidate sees it now. */
export async function requestView(sql: Sql, row: RequestRow, now = new Date()): Promise<RequestView> {
	const state = stateOf(row, now);
	const { slots, zone, search } = await requestTimes(sql, row, now);
	const [org] = await sql<
		{ name: string; timezone: string }[]
	>`select name, timezone from organizations where id = ${row.org_id}`;
	const [candidate] = await sql<
		{ timezone: string | null }[]
	>`select timezone from users where id = ${row.candidate_id}`;
	const panel = await sql<{ id: string; name: string }[]>`
		select id, name from users where id = any(${row.panel}::uuid[]) order by name`;
	const poolMembers = row.pool_count
		? await sql<
				{ id: string; name: string }[]
			>`select id, name from users where id = any(${row.pool}::uuid[]) order by name`
		: [];
	const [iv] = row.interview_id
		? await sql<{ id: string; start_at: Date; end_at: Date; status: string }[]>`
			select id, start_at, end_at, status from interviews where id = ${row.interview_id}`
		: [];
	const durMs = row.duration_min * 60_000;
	return {
		id: row.id,
		state,
		org_name: org?.name ?? '',
		round: row.round,
		type: row.type,
		mode: row.mode,
		location: row.location,
		duration_min: row.duration_min,
		window_start: row.window_start.toISOString(),
		window_end: row.window_end.toISOString(),
		deadline: row.deadline?.toISOString() ?? null,
		timezone: state === 'open' ? zone : (candidate?.timezone ?? org?.timezone ?? 'UTC'),
		panel,
		why: search && slots.length === 0 ? whyFor(row, search, zone) : [],
		pool: row.pool_count ? { count: row.pool_count, members: poolMembers } : null,
		slots: slots.map((s) => ({ start: s, end: new Date(Date.parse(s) + durMs).toISOString() })),
		interview: iv
			? { id: iv.id, start: iv.start_at.toISOString(), end: iv.end_at.toISOString(), status: iv.status }
			: null
	};
}
