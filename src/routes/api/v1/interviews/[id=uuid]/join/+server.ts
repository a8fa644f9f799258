import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { joinRoom, leaveRoom, refusalError, refusalReason, roomAccess, roomParticipants } from '$lib/server/room';
import { db, runtime } from '$lib/server/runtime';
import { LeaveRoomQuery } from '$lib/server/schemas';
import { readQuery } from '$lib/server/validate';

/**
 * POST /api/v1/interviews/{id}/join — enters the video room, or re-enters it on a reconnect: a fresh
 * short-lived peer id with its secret (for the caller alone), the other participants with the peer ids
 * they hold now, and the ICE servers. 403 with `details.reason`, `opens_at` and `closes_at` outside
 * the join window; 404 for anybody who is not a participant; 409 (`details.reason` = `room_full`) for
 * a person who would be one too many.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	return joinRoom(db(), actor, event.params.id, { iceServers: runtime().config.ICE_SERVERS });
});

/** GET /api/v1/interviews/{id}/join — the room's participants and their current peer ids (no new id). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const access = await roomAccess(db(), actor, event.params.id);
	const reason = refusalReason(access, new Date());
	if (reason) throw refusalError(access, reason);
	return { participants: await roomParticipants(db(), access) };
});

/**
 * DELETE /api/v1/interviews/{id}/join?peer_id= — gives back one of the caller's peer ids when they
 * leave, so the others stop waiting for them (only that id: a newer tab of the same person stays).
 */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const { peer_id: peerId } = readQuery(event.url, LeaveRoomQuery);
	if (peerId) await leaveRoom(db(), actor, event.params.id, peerId);
	return new Response(null, { status: 204 });
});
