/**
 * The peer-server's address and the questions it asks the app about peer ids: shared by the
 * peer-server (peer-server/index.ts), the service that answers (src/lib/server/room.ts) and the
 * browser's PeerJS client (through the room page's `signaling`).
 */

export const PEER_PATH = '/peerjs';
/** The PeerJS client connects to `<mount>/peerjs?key=&id=&token=`. */
export const PEER_WS_PATH = `${PEER_PATH}/peerjs`;
export const PEER_KEY = 'parley';
/** Where the browser's PeerJS client finds the peer-server. */
export const PEER_CLIENT = { path: PEER_PATH, key: PEER_KEY } as const;

/** What an admitted connection may do: be in one room until its id expires. */
export interface PeerGrant {
	room: string;
	expiresAt: Date;
}

/** The app's answers about peer ids (src/lib/server/room.ts implements it over `room_peers`). */
export interface PeerAccess {
	/** The grant for an id with this secret, if the app issued them together and the holder may be in the room now. */
	admit(peerId: string, secret: string): Promise<PeerGrant | null>;
	/**
	 * Forgets the ids (of one room, or of all) that no longer admit their holder, and returns the ids
	 * that still do.
	 */
	recheck(room?: string): Promise<Set<string>>;
	/** The room of an issued id that still admits its holder, or null. */
	roomOf(peerId: string): Promise<string | null>;
	/** Calls `listener` with a room whenever something about it changed; returns the unsubscribe. */
	onRoomChanged(listener: (room: string) => void): () => void;
}
