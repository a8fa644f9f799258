/** Reading scheduling requests (see `self-scheduling.ts`): the row as stored, and who may read which. */
import type { Sql } from '../../../db/client';
import type { InterviewMode, InterviewType } from '$lib/domain/types';
import { hashToken } from './auth';

/** A stored request. */
export interface RequestRow {
	id: string;
	org_id: string;
	application_id: string;
	candidate_id: string;
	round: number;
	panel: string[];
	/** `pool_count` of these join the panel, whoever is free (least loaded first). */
	pool: string[];
	pool_count: number;
	duration_min: number;
	type: InterviewType;
	mode: InterviewMode;
	location: string;
	window_start: Date;
	window_end: Date;
	deadline: Date | null;
	status: 'open' | 'booked' | 'cancelled';
	interview_id: string | null;
	created_at: Date;
	booked_at: Date | null;
}

export const COLUMNS = `id, org_id, application_id, candidate_id, round, panel::text[] as panel, pool::text[] as pool, pool_count, duration_min, type, mode, location,
	window_start, window_end, deadline, status, interview_id, created_at, booked_at`;

/** The request a token opens; null for an unknown token. */
export async function requestByToken(sql: Sql, token: string): Promise<RequestRow | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const [row] = await sql<RequestRow[]>`select ${sql.unsafe(COLUMNS)} from scheduling_requests
		where token_hash = ${hashToken(token)}`;
	return row ?? null;
}

/** A request of this candidate; null when it is not theirs. */
export async function requestOfCandidate(sql: Sql, candidateId: string, id: string): Promise<RequestRow | null> {
	const [row] = await sql<RequestRow[]>`select ${sql.unsafe(COLUMNS)} from scheduling_requests
		where id = ${id} and candidate_id = ${candidateId}`;
	return row ?? null;
}

/** The candidate's requests, newest first (for their home page). */
export async function requestsOfCandidate(sql: Sql, candidateId: string): Promise<RequestRow[]> {
	return sql<RequestRow[]>`select ${sql.unsafe(COLUMNS)} from scheduling_requests
		where candidate_id = ${candidateId} and status <> 'cancelled' order by created_at desc limit 20`;
}

/** The organization's requests, newest first (admins). */
export async function requestsOfOrg(sql: Sql, orgId: string): Promise<RequestRow[]> {
	return sql<RequestRow[]>`select ${sql.unsafe(COLUMNS)} from scheduling_requests
		where org_id = ${orgId} order by created_at desc limit 200`;
}

/** One request of the organization (admins); null when there is none with that id. */
export async function requestOfOrg(sql: Sql, orgId: string, id: string): Promise<RequestRow | null> {
	const [row] = await sql<RequestRow[]>`select ${sql.unsafe(COLUMNS)} from scheduling_requests
		where id = ${id} and org_id = ${orgId}`;
	return row ?? null;
}
