/**
 * The peer-server: PeerJS signaling for the video room. `peer` itself accepts any self-chosen id, so
 * Parley routes the upgrades itself and refuses, before the WebSocket opens, every id the app did not
 * issue (or that expired). No media passes through here.
 */
import express from 'express';
import { ExpressPeerServer } from 'peer';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export const PEER_PATH = '/peerjs';
/** The PeerJS client connects to `<mount>/peerjs?key=&id=&token=`. */
export const PEER_WS_PATH = `${PEER_PATH}/peerjs`;
export const PEER_KEY = 'parley';
const MAX_SIGNAL_MESSAGE_BYTES = 64 * 1024;

export interface PeerServerOptions {
	httpServer: HttpServer;
	/** Whether the app issued this peer id and it has not expired. */
	isIssued(peerId: string): Promise<boolean>;
}

export interface PeerServer {
	/** Serves the PeerJS HTTP endpoints under PEER_PATH. */
	handleRequest(req: IncomingMessage, res: ServerResponse): void;
	/** Takes over an upgrade for PEER_WS_PATH; refuses unknown ids with 403. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
	/** Number of signaling connections open now. */
	connectionCount(): number;
	close(): Promise<void>;
}

/** Builds the peer-server on a shared HTTP server. */
export function createPeerServer(opts: PeerServerOptions): PeerServer {
	let wss: WebSocketServer | null = null;
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
		createWebSocketServer: (options) => {
			wss = new WebSocketServer({ noServer: true, path: options.path, maxPayload: MAX_SIGNAL_MESSAGE_BYTES });
			return wss;
		}
	});
	app.use(PEER_PATH, peerApp);

	return {
		handleRequest(req, res) {
			app(req, res);
		},
		async handleUpgrade(req, socket, head) {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const id = url.searchParams.get('id') ?? '';
			const allowed = wss !== null && /^[A-Za-z0-9_-]{8,64}$/.test(id) && (await opts.isIssued(id).catch(() => false));
			if (!allowed || !wss) {
				socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
				return;
			}
			const server = wss;
			server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
		},
		connectionCount() {
			return wss?.clients.size ?? 0;
		},
		async close() {
			for (const client of wss?.clients ?? []) client.terminate();
			await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
		}
	};
}
