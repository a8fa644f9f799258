import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { MEMBER, QUERY } from '$lib/server/api-docs';
import { requireUser } from '$lib/server/guards';
import { joinRoom, leaveRoom, refusalError, refusalReason, roomAccess, roomParticipants } from '$lib/server/room';

/**
 * POST /api/v1/interviews/{id}/join — enters the video room, or re-enters it on a reconnect: a fresh
 * short-lived peer id with its secret (for the caller alone), the other participants with the peer ids
 * they hold now, and the ICE servers. 403 with `details.reason`, `opens_at` and `closes_at` outside
 * the join window; 404 for anybody who is not a participant; 409 (`details.reason` = `room_full`) for
 * a person who would be one too many.
 */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'joinRoom',
		tag: 'Video room',
		summary: 'Enter the video room',
		description:
			'Issues a fresh peer id and its secret for the peer-server (replacing this person’s earlier ones; an id lives about 10 minutes, so clients join again before it expires), records attendance, and starts the interview once the candidate and a panel member have both joined. The room is open from 15 minutes before the start to 15 minutes after the scheduled end, and holds at most 6 people.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Its candidate, its panel, and admins of its organization (as observers).',
		responses: { 200: { description: 'Entered.', schema: S.JoinResponse } },
		errors: {
			...MEMBER,
			403: 'The room is closed to this interview now: `details.reason` (`in_person`, `online_disabled`, `not_active`, `not_open_yet`, `closed`), `details.opens_at`, `details.closes_at`; or not a member of any organization.',
			404: 'No such interview, or you are not a participant.',
			409: 'The room is full (`details.reason` `room_full`, `details.max_people`, `details.present`).'
		}
	},
	async (event) => {
		const actor = requireUser(event);
		return joinRoom(event.locals.ctx, actor, event.params.id);
	}
);

/** GET /api/v1/interviews/{id}/join — the room's participants and their current peer ids (no new id). */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'roomParticipants',
		tag: 'Video room',
		summary: 'Who is in the room',
		description: 'The participants and the peer ids they hold now; issues no new id.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Its candidate, its panel, and admins of its organization.',
		responses: { 200: { description: 'The participants.', schema: S.RoomParticipants } },
		errors: {
			...MEMBER,
			403: 'The room is closed to this interview now (`details.reason`, as for POST); or not a member of any organization.',
			404: 'No such interview, or you are not a participant.'
		}
	},
	async (event) => {
		const actor = requireUser(event);
		const access = await roomAccess(event.locals.ctx.sql, actor, event.params.id);
		const reason = refusalReason(access, new Date());
		if (reason) throw refusalError(access, reason);
		return { participants: await roomParticipants(event.locals.ctx.sql, access) };
	}
);

/**
 * DELETE /api/v1/interviews/{id}/join?peer_id= — gives back one of the caller's peer ids when they
 * leave, so the others stop waiting for them (only that id: a newer tab of the same person stays).
 */
export const DELETE: RequestHandler = defineRoute(
	{
		operationId: 'leaveRoom',
		tag: 'Video room',
		summary: 'Give back a peer id when leaving',
		description:
			'Deletes one of the caller’s own peer ids for this interview, so the others stop waiting; a newer tab of the same person stays. Answers 204 whether or not the id existed.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Any member of an organization (only their own peer ids).',
		query: S.LeaveRoomQuery,
		responses: { 204: { description: 'Done.' } },
		errors: { ...MEMBER, ...QUERY }
	},
	async (event, input) => {
		const actor = requireUser(event);
		const { peer_id: peerId } = input.query();
		if (peerId) await leaveRoom(event.locals.ctx.sql, actor, event.params.id, peerId);
		return new Response(null, { status: 204 });
	}
);
