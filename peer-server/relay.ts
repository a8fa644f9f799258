/**
 * Rooms stay apart (ARCHITECTURE.md invariant 5): PeerJS relays any message to any id it knows, so
 * every frame an admitted socket sends is judged here before PeerJS reads it. OFFER, ANSWER and
 * CANDIDATE pass only to a live peer id of the sender's own room: one admitted on this server for
 * that room, or (for a peer still connecting, whose messages PeerJS queues) one the app says is
 * issued for it and still good. HEARTBEAT passes (it is not relayed). Everything else, a LEAVE or an
 * EXPIRE a client made up, a frame that is not JSON, a message to another room, is dropped and
 * counted. A socket's frames keep their order while a check waits for the database.
 */
import type { WebSocket } from 'ws';

/** The message types relayed between the peers of one room. */
export const RELAYED_TYPES: ReadonlySet<string> = new Set(['OFFER', 'ANSWER', 'CANDIDATE']);

/** Why a frame was dropped. */
export type DropReason = 'malformed' | 'type' | 'room' | 'revoked';

export interface RelayStats {
	/** Signalling messages passed on to a peer of the same room. */
	relayed: number;
	/** Frames dropped, in all and by reason. */
	dropped: number;
	droppedBy: Record<DropReason, number>;
}

/** What the relay needs to know about sockets and ids. */
export interface RelayDirectory {
	/** The room a socket was admitted to, while it still is. */
	roomOfSocket(ws: WebSocket): { peerId: string; room: string } | null;
	/** The room of a peer id admitted on this server now, if any. */
	localRoomOf(peerId: string): string | null;
	/** The room of an issued peer id that still admits its holder (asks the database). */
	issuedRoomOf(peerId: string): Promise<string | null>;
}

const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

type Verdict = true | DropReason;

/** Judges frames and keeps the counts; `guard` installs it on one admitted socket. */
export function createRelay(directory: RelayDirectory) {
	const stats: RelayStats = { relayed: 0, dropped: 0, droppedBy: { malformed: 0, type: 0, room: 0, revoked: 0 } };

	function count(verdict: Verdict, relayed: boolean): boolean {
		if (verdict === true) {
			if (relayed) stats.relayed++;
			return true;
		}
		stats.dropped++;
		stats.droppedBy[verdict]++;
		return false;
	}

	/** The verdict on one frame, at once when the ids are known here, else once the database answered. */
	function judge(ws: WebSocket, data: unknown): { relayed: boolean; verdict: Verdict | Promise<Verdict> } {
		const sender = directory.roomOfSocket(ws);
		if (!sender) return { relayed: false, verdict: 'revoked' };
		let message: unknown;
		try {
			message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
		} catch {
			return { relayed: false, verdict: 'malformed' };
		}
		if (typeof message !== 'object' || message === null) return { relayed: false, verdict: 'malformed' };
		const { type, dst } = message as { type?: unknown; dst?: unknown };
		if (type === 'HEARTBEAT') return { relayed: false, verdict: true };
		if (typeof type !== 'string' || !RELAYED_TYPES.has(type)) return { relayed: false, verdict: 'type' };
		if (typeof dst !== 'string' || !ID_RE.test(dst) || dst === sender.peerId) return { relayed: true, verdict: 'room' };
		const local = directory.localRoomOf(dst);
		if (local !== null) return { relayed: true, verdict: local === sender.room ? true : 'room' };
		return {
			relayed: true,
			verdict: directory
				.issuedRoomOf(dst)
				.then((room): Verdict => (room === sender.room ? true : 'room'))
				.catch((): Verdict => 'room')
		};
	}

	return {
		stats: (): RelayStats => ({ ...stats, droppedBy: { ...stats.droppedBy } }),
		/**
		 * Puts the relay in front of everything else that listens to the socket's messages (PeerJS):
		 * a dropped frame is never emitted, an awaited one is emitted in its turn.
		 */
		guard(ws: WebSocket): void {
			const emit = ws.emit.bind(ws) as (event: string | symbol, ...args: unknown[]) => boolean;
			let queue: Promise<void> | null = null;
			ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
				if (event !== 'message') return emit(event, ...args);
				const { relayed, verdict } = judge(ws, args[0]);
				if (queue === null && !(verdict instanceof Promise)) return count(verdict, relayed) && emit(event, ...args);
				const turn: Promise<void> = (queue ?? Promise.resolve())
					.then(() => verdict)
					.then((v) => {
						if (count(v, relayed)) emit(event, ...args);
					})
					.catch((err: unknown) => console.error('[peer] relaying a signalling message failed', err))
					.finally(() => {
						if (queue === turn) queue = null;
					});
				queue = turn;
				return true;
			}) as WebSocket['emit'];
		}
	};
}
