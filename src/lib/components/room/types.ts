/** What the room's browser side exchanges with the app (`/api/v1/interviews/{id}/join`) and with its peers. */

export type RoomRole = 'candidate' | 'interviewer' | 'admin';

export interface Participant {
	user_id: string;
	name: string;
	role: RoomRole;
	peer_id?: string;
}

/** A participant who is in the room now: they have a current peer id. */
export type Present = Participant & { peer_id: string };

export interface JoinAnswer {
	peer_id: string;
	/** Only we get this: the PeerJS `token` that proves the id is ours. */
	peer_secret: string;
	issued_at: string;
	expires_at: string;
	closes_at: string;
	self: { user_id: string; name: string; role: RoomRole };
	participants: Participant[];
	ice_servers: RTCIceServer[];
	max_people: number;
}

export interface RoomRefusal {
	code: string;
	message: string;
	details: { reason?: string; opens_at?: string; closes_at?: string; max_people?: number; present?: number };
}

/** Where the browser reaches the peer-server. */
export interface SignalingServer {
	host: string;
	port: number;
	path: string;
	secure: boolean;
	key: string;
}

/** What each side of a pair says on their data connection. */
export type StateMessage = { type: 'state'; audio: boolean; video: boolean } | { type: 'bye' };

/** Narrows what arrived on a data connection to a message we understand. */
export function isStateMessage(data: unknown): data is StateMessage {
	if (!data || typeof data !== 'object') return false;
	const d = data as Record<string, unknown>;
	return (d.type === 'state' && typeof d.audio === 'boolean' && typeof d.video === 'boolean') || d.type === 'bye';
}
