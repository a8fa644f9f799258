/**
 * The video room's server side: who may enter an interview's room and when, the peer ids the
 * peer-server accepts (`room_peers`), and attendance (`candidate_joined_at`, `interviewer_joined_at`,
 * server-only facts) that starts the interview through the calendar document.
 *
 * A peer id is a participant's public address in the room: the others learn it to call them. It is
 * not a credential. Each id comes with a random secret that only its holder receives (and that the
 * PeerJS client sends as its `token`); the database keeps the secret's SHA-256. Ids are short-lived
 * and re-issued on every reconnect, and the peer-server closes the socket of an id whose holder left
 * the interview, whose room closed or that expired.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatLocaleOf } from '$lib/i18n/locale';
import { statusLabel } from '$lib/format/status';
import type postgres from 'postgres';
import type { Sql } from '../../../db/client';
import type { EventBus } from '../../../db/events';
import type { JoinAnswer, Participant } from '$lib/contract/api';
import type { PeerAccess } from '$lib/contract/peer';
import type { RoomRole } from '$lib/contract/room';
import { resolvePolicy, type Policy, type PolicyOverrides } from '$lib/domain/policy';
import { isActiveStatus, joinWindow } from '$lib/domain/status';
import { formatFor } from '$lib/format/dates';
import type { InterviewMode, InterviewStatus, InterviewType } from '$lib/domain/types';
import { accessibleInterview, accessRole } from './access';
import { generateToken, hashToken } from './auth';
import { ApiError, apiError } from './errors';
import type { Actor } from './guards';
import type { InterviewRow } from './interviews';
import type { AppContext } from './context';
import { changeStatus, type CalendarCtx } from './scheduling';

/** How long an issued peer id (with its secret) is good for; the client asks for a new one before. */
export const PEER_ID_TTL_MS = 10 * 60_000;
/** The most people in one room: a full mesh sends every stream to everybody, so it stops here. */
export const MAX_ROOM_PEOPLE = 6;

/** How a person takes part in a room: their place in the interview. Admins enter as observers. */
export type { RoomRole };

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

/** A participant as `/join` lists them; `peer_id` once they have joined and while it has not expired. */
export type RoomParticipant = Participant;

/**
 * The interview and the actor's place in its room (the one access rule of access.ts). Anybody who is
 * not its candidate, an interviewer on its panel or an admin of its organization gets the same 404 as
 * for an interview that does not exist.
 */
export async function roomAccess(sql: Sql, actor: Actor, interviewId: string): Promise<RoomAccess> {
	const found = await accessibleInterview(sql, actor, interviewId);
	if (!found) throw apiError.notFound('interview');
	const { row, role } = found;
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

/** What decides whether a room is open, whoever asks. */
interface RoomState {
	mode: string;
	onlineEnabled: boolean;
	status: string;
	opensAt: Date;
	closesAt: Date;
}

/** Why a room is closed now, or null when it is open. */
function roomClosedReason(room: RoomState, now: Date): RoomRefusal | null {
	if (room.mode !== 'online') return 'in_person';
	if (!room.onlineEnabled) return 'online_disabled';
	if (!isActiveStatus(room.status as InterviewStatus)) return 'not_active';
	if (now.getTime() < room.opensAt.getTime()) return 'not_open_yet';
	if (now.getTime() >= room.closesAt.getTime()) return 'closed';
	return null;
}

/** Why the room is closed to this interview now, or null when it is open. */
export function refusalReason(access: RoomAccess, now: Date): RoomRefusal | null {
	const { row, onlineEnabled, opensAt, closesAt } = access;
	return roomClosedReason({ mode: row.mode, onlineEnabled, status: row.status, opensAt, closesAt }, now);
}

/** The API's refusal: 403 with the reason and the window, so a client can say when the room opens. */
export function refusalError(access: RoomAccess, reason: RoomRefusal): ApiError {
	// In the request's language (the page's, or the API's Accept-Language).
	const at = (d: Date) => formatFor(formatLocaleOf(getLocale()), access.row.timezone).dateTimeZoned(d);
	const before = Math.round((access.row.start_at.getTime() - access.opensAt.getTime()) / 60_000);
	const messages: Record<RoomRefusal, () => string> = {
		in_person: () => m.refusal_in_person(),
		online_disabled: () => m.refusal_online_disabled(),
		not_active: () => m.refusal_not_active({ status: statusLabel('interview', access.row.status).toLowerCase() }),
		not_open_yet: () => m.refusal_not_open({ time: at(access.opensAt), minutes: before }),
		closed: () => m.refusal_closed({ time: at(access.closesAt) })
	};
	return new ApiError('forbidden', messages[reason](), {
		reason,
		opens_at: access.opensAt.toISOString(),
		closes_at: access.closesAt.toISOString(),
		timezone: access.row.timezone
	});
}

/**
 * A peer id of `room_peers` with everything that decides whether its holder may still be in the room:
 * the interview's state and window, and the facts of the access rule (access.ts) as they are today.
 */
interface Holder {
	peer_id: string;
	interview_id: string;
	user_id: string;
	name: string;
	expires_at: Date;
	created_at: Date;
	status: string;
	mode: string;
	start_at: Date;
	duration_min: number;
	online_interview_enabled: boolean;
	policy: PolicyOverrides | null;
	member_role: string | null;
	is_candidate: boolean;
	on_panel: boolean;
}

type Query = Sql | postgres.TransactionSql<Record<string, unknown>>;

/** The issued peer ids matching `where` (a fragment over `rp`, the room_peers row), oldest first. */
function holders(sql: Query, where: postgres.PendingQuery<postgres.Row[]>): Promise<Holder[]> {
	return sql<Holder[]>`
		select rp.peer_id, rp.interview_id, rp.user_id, u.name, rp.expires_at, rp.created_at,
			i.status, i.mode, i.start_at, i.duration_min, a.online_interview_enabled, o.policy,
			m.role as member_role, i.candidate_id = rp.user_id as is_candidate,
			exists (select 1 from panel_interviewers ip where ip.interview_id = i.id and ip.user_id = rp.user_id) as on_panel
		from room_peers rp
			join interviews i on i.id = rp.interview_id
			join applications a on a.id = i.application_id
			join organizations o on o.id = i.org_id
			join users u on u.id = rp.user_id
			left join memberships m on m.org_id = i.org_id and m.user_id = rp.user_id
		where ${where}
		order by rp.created_at, rp.peer_id`;
}

/** The holder's place in the room today, or null when they are no longer one of its people. */
function holderRole(h: Holder): RoomRole | null {
	return accessRole({ memberRole: h.member_role, isCandidate: h.is_candidate, onPanel: h.on_panel });
}

/** Whether a peer id still lets its holder be in the room: unexpired, a participant, the room open. */
function holderMayStay(h: Holder, now: Date): boolean {
	if (h.expires_at.getTime() <= now.getTime() || !holderRole(h)) return false;
	const window = joinWindow(
		{ start: h.start_at.toISOString(), durationMin: h.duration_min },
		resolvePolicy(h.policy ?? null)
	);
	return (
		roomClosedReason({ mode: h.mode, onlineEnabled: h.online_interview_enabled, status: h.status, ...window }, now) ===
		null
	);
}

/**
 * The people of a room: its candidate and panel (its interviewers, `InterviewRow.panel`), and the
 * admins observing (only while they are still admins of the organization), each with the latest peer
 * id they hold that is still good.
 */
export async function roomParticipants(sql: Sql, access: RoomAccess, now = new Date()): Promise<RoomParticipant[]> {
	const { row } = access;
	const present = (await holders(sql, sql`rp.interview_id = ${row.id}`)).filter((h) => holderMayStay(h, now));
	const latest = new Map<string, string>();
	for (const h of present) latest.set(h.user_id, h.peer_id);
	const people: RoomParticipant[] = [
		{ user_id: row.candidate_id, name: row.candidate_name, role: 'candidate' },
		...row.panel.map((p) => ({ user_id: p.id, name: p.name, role: 'interviewer' as const }))
	];
	for (const h of present) {
		if (holderRole(h) === 'admin' && !people.some((x) => x.user_id === h.user_id))
			people.push({ user_id: h.user_id, name: h.name, role: 'admin' });
	}
	return people.map((p) => {
		const peerId = latest.get(p.user_id);
		return peerId ? { ...p, peer_id: peerId } : p;
	});
}

/** The interview as the room shows it (no conflicts or problems: a candidate may read this). */
export function roomInterviewJson(row: InterviewRow): JoinAnswer['interview'] {
	return {
		id: row.id,
		start: row.start_at.toISOString(),
		end: row.end_at.toISOString(),
		duration_min: row.duration_min,
		timezone: row.timezone,
		// The database's check constraints hold these to the domain's values.
		type: row.type as InterviewType,
		mode: row.mode as InterviewMode,
		status: row.status as InterviewStatus,
		candidate: { id: row.candidate_id, name: row.candidate_name },
		panel: row.panel
	};
}

/** What `/join` answers: the contract's `JoinAnswer` (src/lib/contract/api). */
export type JoinResult = JoinAnswer;

/** The 409 for the person who would be one too many in the room. */
function roomFullError(present: number, keptForCandidate: boolean): ApiError {
	return new ApiError(
		'conflict',
		keptForCandidate
			? m.api_room_full_kept({ present, max: MAX_ROOM_PEOPLE })
			: m.api_room_full({ present, max: MAX_ROOM_PEOPLE }),
		{ reason: 'room_full', max_people: MAX_ROOM_PEOPLE, present }
	);
}

/**
 * Lets a participant into the room, or back in on a reconnect: issues a fresh random peer id and
 * secret, good for PEER_ID_TTL_MS (never past the room's close), replacing the ids this person held
 * for it so a reloaded tab leaves no ghost. Refuses with 409 a person who would make the room hold
 * more than MAX_ROOM_PEOPLE. Records the first join of the candidate and of a panel member, and starts
 * the interview once both came.
 */
export async function joinRoom(
	ctx: Pick<AppContext, 'sql' | 'collab' | 'config'>,
	actor: Actor,
	interviewId: string,
	now = new Date()
): Promise<JoinResult> {
	const { sql } = ctx;
	const access = await roomAccess(sql, actor, interviewId);
	const reason = refusalReason(access, now);
	if (reason) throw refusalError(access, reason);
	const peerId = generateToken();
	const secret = generateToken();
	const expiresAt = new Date(Math.min(now.getTime() + PEER_ID_TTL_MS, access.closesAt.getTime()));
	await sql.begin(async (tx) => {
		// Joins of one room take turns here, so two people cannot both take its last place.
		await tx`select id from interviews where id = ${interviewId} for update`;
		const present = (await holders(tx, tx`rp.interview_id = ${interviewId}`)).filter((h) => holderMayStay(h, now));
		const others = new Set(present.map((h) => h.user_id).filter((id) => id !== actor.user.id));
		// The candidate's place is never taken by observers: until they are in, the others get one less.
		const candidateId = access.row.candidate_id;
		const keepSeat = actor.user.id !== candidateId && !others.has(candidateId);
		if (others.size >= MAX_ROOM_PEOPLE - (keepSeat ? 1 : 0)) throw roomFullError(others.size, keepSeat);
		await tx`delete from room_peers where interview_id = ${interviewId} and user_id = ${actor.user.id}`;
		await tx`insert into room_peers (peer_id, interview_id, user_id, expires_at, secret_hash)
			values (${peerId}, ${interviewId}, ${actor.user.id}, ${expiresAt}, ${hashToken(secret)})`;
	});
	await recordAttendance(ctx, access, actor);
	const participants = (await roomParticipants(sql, access, now)).map((p) => {
		if (p.user_id !== actor.user.id) return p;
		const { peer_id: _own, ...rest } = p;
		return rest;
	});
	return {
		peer_id: peerId,
		peer_secret: secret,
		issued_at: now.toISOString(),
		expires_at: expiresAt.toISOString(),
		closes_at: access.closesAt.toISOString(),
		self: { user_id: actor.user.id, name: actor.user.name, role: access.role },
		interview: roomInterviewJson(access.row),
		participants,
		ice_servers: ctx.config.ICE_SERVERS,
		max_people: MAX_ROOM_PEOPLE
	};
}

/** Gives back one of the actor's own peer ids for this interview (a newer tab of theirs keeps its own). */
export async function leaveRoom(sql: Sql, actor: Actor, interviewId: string, peerId: string): Promise<void> {
	await sql`delete from room_peers
		where interview_id = ${interviewId} and user_id = ${actor.user.id} and peer_id = ${peerId}`;
}

/**
 * Stores the first join of the candidate / of a panel member (an admin observing is neither) and
 * moves a scheduled interview to in_progress, as this participant, once both have joined.
 */
async function recordAttendance(ctx: CalendarCtx, access: RoomAccess, actor: Actor): Promise<void> {
	const { sql } = ctx;
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
		await changeStatus(ctx, access.row.org_id, actor.user.id, access.row.id, 'in_progress', null);
	} catch (err) {
		// A concurrent join of the other side started it first: nothing left to do.
		if (!(err instanceof ApiError)) throw err;
	}
}

/**
 * What the peer-server asks about peer ids, answered from `room_peers` with the same rules as /join.
 * A room is an interview id; `interview.changed` on the event bus (published by the projection after
 * every change of an interview: panel, status, time) makes the peer-server check that room's sockets
 * at once.
 */
export function roomPeerAccess(sql: Sql, bus: EventBus): PeerAccess {
	return {
		async admit(peerId, secret) {
			const [h] = await holders(sql, sql`rp.peer_id = ${peerId} and rp.secret_hash = ${hashToken(secret)}`);
			if (!h || !holderMayStay(h, new Date())) return null;
			return { room: h.interview_id, expiresAt: h.expires_at };
		},
		async roomOf(peerId) {
			const [h] = await holders(sql, sql`rp.peer_id = ${peerId}`);
			return h && holderMayStay(h, new Date()) ? h.interview_id : null;
		},
		async recheck(room) {
			const now = new Date();
			const rows = await holders(sql, room ? sql`rp.interview_id = ${room}` : sql`true`);
			const gone = rows.filter((h) => !holderMayStay(h, now)).map((h) => h.peer_id);
			if (gone.length) await sql`delete from room_peers where peer_id = any(${gone}::text[])`;
			const goneSet = new Set(gone);
			return new Set(rows.map((h) => h.peer_id).filter((id) => !goneSet.has(id)));
		},
		onRoomChanged(listener) {
			return bus.subscribe((event) => {
				if (event.type === 'interview.changed' && event.interviewId) listener(event.interviewId);
			});
		}
	};
}
