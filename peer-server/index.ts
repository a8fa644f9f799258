/**
 * The peer-server: PeerJS signaling for the video room. `peer` itself accepts any self-chosen id, so
 * Parley routes the upgrades itself and refuses, before the WebSocket opens, every connection whose id
 * and secret (the PeerJS `token`) the app did not issue together, whose id expired, or whose holder
 * may not be in that room now. An open socket is checked again whenever its interview changes (the
 * event bus) and every PEER_RECHECK_MS, and closed once its holder left the interview, the room closed
 * or the id expired. Signalling passes only between the live peer ids of one room (relay.ts). No media
 * passes through here.
 */
import express from 'express';
import { ExpressPeerServer } from 'peer';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PEER_KEY, PEER_PATH, type PeerAccess } from '../src/lib/contract/peer';
import { createRelay, type RelayStats } from './relay';

export { PEER_KEY, PEER_PATH, PEER_WS_PATH, type PeerAccess, type PeerGrant } from '../src/lib/contract/peer';

/** A client that sent nothing (PeerJS sends a heartbeat every 5 s) for this long is dropped. */
export const PEER_ALIVE_TIMEOUT_MS = 60_000;
/** How often every open socket is checked against `room_peers` (expiry, left the panel, room closed). */
export const PEER_RECHECK_MS = 10_000;
/** The close a socket gets when its id no longer admits it; the client then asks the app for a new one. */
export const PEER_REVOKED = { code: 4403, reason: 'peer-id-revoked' } as const;
const MAX_SIGNAL_MESSAGE_BYTES = 64 * 1024;
/** A revoked client that does not answer the close handshake is cut off after this long. */
const CLOSE_GRACE_MS = 2_000;
/** Issued ids and secrets are base32 tokens; anything else is refused before the database is asked. */
const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;
const SECRET_RE = /^[A-Za-z0-9_-]{16,128}$/;

export interface PeerServerOptions {
	httpServer: HttpServer;
	access: PeerAccess;
	/** Defaults to PEER_RECHECK_MS. */
	recheckMs?: number;
}

export interface PeerServer {
	/** Serves the PeerJS HTTP endpoints under PEER_PATH. */
	handleRequest(req: IncomingMessage, res: ServerResponse): void;
	/** Takes over an upgrade for PEER_WS_PATH; refuses with 403 what `access.admit` does not grant. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
	/** Checks the open sockets (of one room, or all) now and closes those no longer admitted; returns how many. */
	recheck(room?: string): Promise<number>;
	/** Number of signaling connections open now. */
	connectionCount(): number;
	/** Open connections and what the relay passed and dropped since the start (GET /api/health). */
	stats(): { connections: number } & RelayStats;
	close(): Promise<void>;
}

interface Admitted {
	peerId: string;
	room: string;
	/** performance.now() at admission: a recheck that started earlier must not judge this socket. */
	admittedAt: number;
}

/** Builds the peer-server on a shared HTTP server. */
export function createPeerServer(opts: PeerServerOptions): PeerServer {
	let wss: WebSocketServer | null = null;
	const admitted = new Map<WebSocket, Admitted>();
	/** The admitted socket of each peer id (PeerJS keeps one socket per id). */
	const byPeerId = new Map<string, { ws: WebSocket; room: string }>();
	const relay = createRelay({
		roomOfSocket: (ws) => admitted.get(ws) ?? null,
		localRoomOf: (peerId) => byPeerId.get(peerId)?.room ?? null,
		issuedRoomOf: (peerId) => opts.access.roomOf(peerId)
	});
	function forget(ws: WebSocket) {
		const a = admitted.get(ws);
		admitted.delete(ws);
		if (a && byPeerId.get(a.peerId)?.ws === ws) byPeerId.delete(a.peerId);
	}
	const app = express();
	app.disable('x-powered-by');
	// Ids come only from the app: the id generator and peer listing of PeerJS stay closed.
	app.use((req, res, next) => {
		if (/\/(id|peers)\/?$/.test(req.path)) {
			res.status(404).json({ error: { code: 'not_found', message: 'Peer ids are issued by Parley.', details: {} } });
			return;
		}
		next();
	});
	const peerApp = ExpressPeerServer(opts.httpServer, {
		key: PEER_KEY,
		path: '/',
		allow_discovery: false,
		alive_timeout: PEER_ALIVE_TIMEOUT_MS,
		createWebSocketServer: (options) => {
			wss = new WebSocketServer({ noServer: true, path: options.path, maxPayload: MAX_SIGNAL_MESSAGE_BYTES });
			return wss;
		}
	});
	app.use(PEER_PATH, peerApp);

	function revoke(ws: WebSocket) {
		forget(ws);
		ws.close(PEER_REVOKED.code, PEER_REVOKED.reason);
		setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
	}

	async function recheck(room?: string): Promise<number> {
		const startedAt = performance.now();
		const valid = await opts.access.recheck(room);
		let closed = 0;
		for (const [ws, a] of admitted) {
			if (room !== undefined && a.room !== room) continue;
			if (a.admittedAt > startedAt || valid.has(a.peerId)) continue;
			revoke(ws);
			closed++;
		}
		return closed;
	}

	const report = (what: string) => (err: unknown) => console.error(`[peer] re-checking ${what} failed`, err);
	let sweeping = false;
	const sweep = setInterval(() => {
		// With no socket open there is nothing to close; a room's ids are still purged on its changes.
		if (sweeping || admitted.size === 0) return;
		sweeping = true;
		recheck()
			.catch(report('the open sockets'))
			.finally(() => (sweeping = false));
	}, opts.recheckMs ?? PEER_RECHECK_MS);
	sweep.unref();
	const unsubscribe = opts.access.onRoomChanged((room) => void recheck(room).catch(report(`room ${room}`)));

	return {
		handleRequest(req, res) {
			app(req, res);
		},
		async handleUpgrade(req, socket, head) {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const id = url.searchParams.get('id') ?? '';
			const secret = url.searchParams.get('token') ?? '';
			const grant =
				ID_RE.test(id) && SECRET_RE.test(secret) ? await opts.access.admit(id, secret).catch(() => null) : null;
			const server = wss;
			if (!grant || !server) {
				socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
				return;
			}
			server.handleUpgrade(req, socket, head, (ws) => {
				admitted.set(ws, { peerId: id, room: grant.room, admittedAt: performance.now() });
				byPeerId.set(id, { ws, room: grant.room });
				ws.once('close', () => forget(ws));
				relay.guard(ws);
				server.emit('connection', ws, req);
			});
		},
		recheck,
		connectionCount() {
			return wss?.clients.size ?? 0;
		},
		stats() {
			return { connections: wss?.clients.size ?? 0, ...relay.stats() };
		},
		async close() {
			clearInterval(sweep);
			unsubscribe();
			for (const client of wss?.clients ?? []) client.terminate();
			await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
		}
	};
}
