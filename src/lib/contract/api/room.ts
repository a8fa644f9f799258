/** zod schemas of the video room's part of the API: who is in a room, joining it and leaving it. */
import { z } from 'zod';
import { InterviewResponse, RESPONSE_ID, utc } from './responses';

const ROOM_ROLE = z.enum(['candidate', 'interviewer', 'admin']);
export const RoomParticipant = z.object({
	user_id: RESPONSE_ID,
	name: z.string(),
	role: ROOM_ROLE,
	peer_id: z.string().optional().describe('The peer id they hold now, once they have joined')
});
export const RoomParticipants = z.object({ participants: z.array(RoomParticipant) });

export const JoinResponse = z.object({
	peer_id: z.string().describe('Your address in the room for the peer-server; the other participants see it'),
	peer_secret: z
		.string()
		.describe('The secret of this peer id, for you alone: the PeerJS client sends it as its `token`'),
	issued_at: utc,
	expires_at: utc.describe('When the peer-server stops accepting this id (about 10 minutes): join again before'),
	closes_at: utc.describe('When the room closes; no id lives longer'),
	self: z.object({ user_id: RESPONSE_ID, name: z.string(), role: ROOM_ROLE }),
	interview: InterviewResponse.pick({
		id: true,
		start: true,
		end: true,
		duration_min: true,
		timezone: true,
		type: true,
		mode: true,
		status: true,
		candidate: true,
		panel: true
	}),
	participants: z.array(RoomParticipant),
	ice_servers: z.array(
		z.object({
			urls: z.union([z.string(), z.array(z.string())]),
			username: z.string().optional(),
			credential: z.string().optional()
		})
	),
	max_people: z.number().int().describe('How many people the room holds at most')
});

/**
 * The query of `DELETE /api/v1/interviews/{id}/join`. The handler reads `peer_id` from the URL itself;
 * this schema describes it for the document.
 */
export const LeaveRoomQuery = z.object({
	peer_id: z.string().optional().describe('The peer id to give back (one the join answer issued)')
});
