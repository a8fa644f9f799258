/**
 * The video room's server side: who may enter an interview's room and when, the peer ids the
 * peer-server accepts (`room_peers`), and attendance (`candidate_joined_at`, `interviewer_joined_at`,
 * server-only facts) that starts the interview through the calendar document.
 */
import type { Sql } from '../../../db/client';
import { resolvePolicy, type Policy, type PolicyOverrides } from '$lib/domain/policy';
import { isActiveStatus, joinWindow } from '$lib/domain/status';
import { formatInZone } from '$lib/domain/time';
import type { InterviewStatus } from '$lib/domain/types';
import { generateToken } from './auth';
import { ApiError, fail } from './errors';
import type { Actor } from './guards';
import { findInterview, onPanel, type InterviewRow } from './interviews';
import { changeStatus } from './scheduling';

/** How a person takes part in a room. Admins of the organization may enter as observers. */
export type RoomRole = 'candidate' | 'interviewer' | 'admin';

/** Why the room refuses a join; the client shows a sentence for each. */
export type RoomRefusal = 'in_person' | 'online_disabled' | 'not_active' | 'not_open_yet' | 'closed';

export interface RoomAccess {
	row: InterviewRow;
	role: RoomRole;
	onlineEnabled: boolean;
	policy: Policy;
	opensAt: Date;
	closesAt: Date;
}

export interface RoomParticipant {
	user_id: string;
	name: string;
	role: RoomRole;
	/** The participant's current peer id, when they have joined and it has not expired. */
	peer_id?: string;
}

/**
 * The interview and the actor's place in its room. Anybody who is not its candidate, on its panel or
 * an admin of its organization gets the same 404 as for an interview that does not exist.
 */
export async function roomAccess(sql: Sql, actor: Actor, interviewId: string): Promise<RoomAccess> {
	const row = await findInterview(sql, actor.orgId, interviewId);
	let role: RoomRole | null = null;
	if (row) {
		if (row.candidate_id === actor.user.id) role = 'candidate';
		else if (onPanel(row, actor.user.id)) role = 'interviewer';
		else if (actor.role === 'admin') role = 'admin';
	}
	if (!row || !role) throw fail.notFound('The interview');
	const [facts] = await sql<{ online_interview_enabled: boolean; policy: PolicyOverrides | null }[]>`
		select a.online_interview_enabled, o.policy
		from applications a join organizations o on o.id = a.org_id
		where a.id = ${row.application_id}`;
	const policy = resolvePolicy(facts?.policy ?? null);
	const { opensAt, closesAt } = joinWindow(
		{ start: row.start_at.toISOString(), durationMin: row.duration_min },
		policy
	);
	return { row, role, onlineEnabled: facts?.online_interview_enabled ?? false, policy, opensAt, closesAt };
}

/** Why the room is closed to this interview now, or null when it is open. */
export function refusalReason(access: RoomAccess, now: Date): RoomRefusal | null {
	if (access.row.mode !== 'online') return 'in_person';
	if (!access.onlineEnabled) return 'online_disabled';
	if (!isActiveStatus(access.row.status as InterviewStatus)) return 'not_active';
	if (now.getTime() < access.opensAt.getTime()) return 'not_open_yet';
	if (now.getTime() >= access.closesAt.getTime()) return 'closed';
	return null;
}

/** The API's refusal: 403 with the reason and the window, so a client can say when the room opens. */
export function refusalError(access: RoomAccess, reason: RoomRefusal): ApiError {
	const at = (d: Date) => formatInZone(d, access.row.timezone);
	const messages: Record<RoomRefusal, string> = {
		in_person: 'This interview takes place in person, so it has no video room.',
		online_disabled: 'Online interviews are not enabled for this application.',
		not_active: `This interview is ${access.row.status.replace('_', ' ')}; its room is closed.`,
		not_open_yet: `The room is not open yet. It opens at ${at(access.opensAt)}, 15 minutes before the start.`,
		closed: `The room closed at ${at(access.closesAt)}.`
	};
	if (reason === 'not_open_yet') {
		const before = Math.round((access.row.start_at.getTime() - access.opensAt.getTime()) / 60_000);
		messages.not_open_yet = `The room is not open yet. It opens at ${at(access.opensAt)}, ${before} minutes before the start.`;
	}
	return new ApiError('forbidden', messages[reason], {
		reason,
		opens_at: access.opensAt.toISOString(),
		closes_at: access.closesAt.toISOString(),
		timezone: access.row.timezone
	});
}

/** The people of a room with the peer ids they hold now (the latest unexpired one each). */
export async function roomParticipants(sql: Sql, access: RoomAccess): Promise<RoomParticipant[]> {
	const { row } = access;
	const peers = await sql<{ peer_id: string; user_id: string; name: string }[]>`
		select rp.peer_id, rp.user_id, u.name from room_peers rp join users u on u.id = rp.user_id
		where rp.interview_id = ${row.id} and rp.expires_at > now()
		order by rp.created_at, rp.peer_id`;
	const latest = new Map<string, string>();
	for (const p of peers) latest.set(p.user_id, p.peer_id);
	const people: RoomParticipant[] = [
		{ user_id: row.candidate_id, name: row.candidate_name, role: 'candidate' },
		...row.panel.map((p) => ({ user_id: p.id, name: p.name, role: 'interviewer' as const }))
	];
	// Admins appear once they are in the room.
	for (const p of peers) {
		if (!people.some((x) => x.user_id === p.user_id)) people.push({ user_id: p.user_id, name: p.name, role: 'admin' });
	}
	return people.map((p) => {
		const peerId = latest.get(p.user_id);
		return peerId ? { ...p, peer_id: peerId } : p;
	});
}

/** The interview as the room shows it (no conflicts or problems: a candidate may read this). */
export function roomInterviewJson(row: InterviewRow) {
	return {
		id: row.id,
		start: row.start_at.toISOString(),
		end: row.end_at.toISOString(),
		duration_min: row.duration_min,
		timezone: row.timezone,
		type: row.type,
		mode: row.mode,
		status: row.status,
		candidate: { id: row.candidate_id, name: row.candidate_name },
		panel: row.panel
	};
}

export interface JoinResult {
	peer_id: string;
	expires_at: string;
	self: { user_id: string; name: string; role: RoomRole };
	interview: ReturnType<typeof roomInterviewJson>;
	participants: RoomParticipant[];
	ice_servers: unknown[];
}

/**
 * Lets a participant into the room: issues a fresh random peer id valid until the room closes
 * (replacing the ids this person held for it, so a reloaded tab does not leave a ghost), records the
 * first join of the candidate and of a panel member, and starts the interview once both came.
 */
export async function joinRoom(
	sql: Sql,
	actor: Actor,
	interviewId: string,
	opts: { now?: Date; iceServers: unknown[] }
): Promise<JoinResult> {
	const now = opts.now ?? new Date();
	const access = await roomAccess(sql, actor, interviewId);
	const reason = refusalReason(access, now);
	if (reason) throw refusalError(access, reason);
	const peerId = generateToken();
	await sql.begin(async (tx) => {
		await tx`delete from room_peers where interview_id = ${interviewId} and user_id = ${actor.user.id}`;
		await tx`insert into room_peers (peer_id, interview_id, user_id, expires_at)
			values (${peerId}, ${interviewId}, ${actor.user.id}, ${access.closesAt})`;
	});
	await recordAttendance(sql, access, actor);
	const participants = (await roomParticipants(sql, access)).map((p) => {
		if (p.user_id !== actor.user.id) return p;
		const { peer_id: _own, ...rest } = p;
		return rest;
	});
	return {
		peer_id: peerId,
		expires_at: access.closesAt.toISOString(),
		self: { user_id: actor.user.id, name: actor.user.name, role: access.role },
		interview: roomInterviewJson(access.row),
		participants,
		ice_servers: opts.iceServers
	};
}

/**
 * Stores the first join of the candidate / of a panel member (an admin observing is neither) and
 * moves a scheduled interview to in_progress, as this participant, once both have joined.
 */
async function recordAttendance(sql: Sql, access: RoomAccess, actor: Actor): Promise<void> {
	const isCandidate = access.role === 'candidate';
	const isInterviewer = access.role === 'interviewer';
	if (!isCandidate && !isInterviewer) return;
	const [after] = await sql<
		{ candidate_joined_at: Date | null; interviewer_joined_at: Date | null; status: string }[]
	>`update interviews set
			candidate_joined_at = case when ${isCandidate} then coalesce(candidate_joined_at, now()) else candidate_joined_at end,
			interviewer_joined_at = case when ${isInterviewer} then coalesce(interviewer_joined_at, now()) else interviewer_joined_at end
		where id = ${access.row.id}
		returning candidate_joined_at, interviewer_joined_at, status`;
	if (!after || after.status !== 'scheduled' || !after.candidate_joined_at || !after.interviewer_joined_at) return;
	try {
		await changeStatus(access.row.org_id, actor.user.id, access.row.id, 'in_progress', null);
	} catch (err) {
		// A concurrent join of the other side started it first: nothing left to do.
		if (!(err instanceof ApiError)) throw err;
	}
}

/** Where the browser's PeerJS client finds the peer-server (mirrors PEER_PATH and PEER_KEY of peer-server/). */
export const PEER_CLIENT = { path: '/peerjs', key: 'parley' } as const;
