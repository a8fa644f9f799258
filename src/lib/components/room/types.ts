/** What the room's browser side exchanges with the app (`/api/v1/interviews/{id}/join`) and with its peers. */
import type { Participant } from '$lib/contract/api';

export type { JoinAnswer, Participant } from '$lib/contract/api';
export type { RoomRole } from '$lib/contract/room';

/** A participant who is in the room now: they have a current peer id. */
export type Present = Participant & { peer_id: string };

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
