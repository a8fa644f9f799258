/**
 * The collab-server's sockets, around Hocuspocus (decision 41):
 *
 * - an address holds at most `maxPendingPerAddress` sockets that have not authenticated a document
 *   yet; the next upgrade is refused with HTTP 429 before a WebSocket exists;
 * - a socket that has not authenticated a document within `authTimeoutMs` is closed (4408);
 * - every frame is read before Hocuspocus sees it; the first that is not a message of its protocol (a
 *   text frame, a truncated or unknown message, an update or awareness state that does not decode)
 *   closes the socket (1007) with one line in the log, and nothing after it is read or logged;
 * - a frame over the size limit is closed by `ws` with 1009 (logged once as well), and the close
 *   handshake is given time to finish so the client sees that code.
 */
import {
	IncomingMessage as Message,
	MessageType,
	type Extension,
	type onAuthenticatePayload
} from '@hocuspocus/server';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { addressKey, clientAddress } from '../src/lib/server/address';

/** Closed: no document authenticated in time. */
export const AUTH_TIMEOUT = { code: 4408, reason: 'authentication-timeout' } as const;
/** Closed: a frame that is not a message of the collab protocol. */
export const UNREADABLE = { code: 1007, reason: 'unreadable-message' } as const;
/** What `ws` closes a connection with when a message is over the size limit. */
export const MESSAGE_TOO_BIG = 1009;
/** How long an address waits before trying again after a 429 (seconds). */
export const PENDING_RETRY_AFTER_S = 5;
/** A client that does not answer the close handshake is cut off after this long. */
const CLOSE_GRACE_MS = 2_000;
const MAX_NAME_LENGTH = 200;

export interface SocketLimits {
	authTimeoutMs: number;
	maxPendingPerAddress: number;
}

/** Closes a socket with a code and reason, and cuts it off if the client does not answer. */
export function closeSocket(ws: WebSocket, close: { code: number; reason: string }): void {
	ws.close(close.code, close.reason);
	setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
}

/** What is wrong with a frame, or null when it reads as a message of the collab protocol. */
export function frameProblem(data: unknown, isBinary: boolean | undefined): string | null {
	// Hocuspocus re-emits the messages it queued during authentication without the flag: they are binary.
	if (isBinary === false) return 'a text frame';
	if (!(data instanceof Uint8Array)) return 'a frame of an unknown kind';
	try {
		const message = new Message(data);
		const name = message.readVarString();
		if (!name || name.length > MAX_NAME_LENGTH) return 'a message without a document name';
		const type = message.readVarUint();
		let problem: string | null = null;
		switch (type) {
			case MessageType.Sync:
			case MessageType.SyncReply: {
				const step = message.readVarUint();
				const payload = message.readVarUint8Array();
				if (step === 0) Y.decodeStateVector(payload);
				else if (step === 1 || step === 2) Y.decodeUpdate(payload);
				else problem = `a sync message of unknown step ${step}`;
				break;
			}
			case MessageType.Awareness:
				problem = awarenessProblem(message.readVarUint8Array());
				break;
			case MessageType.Auth:
				message.readVarUint();
				message.readVarString();
				break;
			case MessageType.Stateless:
			case MessageType.BroadcastStateless:
				message.readVarString();
				break;
			case MessageType.QueryAwareness:
			case MessageType.CLOSE:
				break;
			default:
				problem = `a message of unknown type ${type}`;
		}
		if (message.decoder.pos > message.decoder.arr.length) return 'a truncated message';
		return problem;
	} catch {
		return 'a message that does not decode';
	}
}

/** An awareness update: a count, then client id, clock and JSON state for each. */
function awarenessProblem(update: Uint8Array): string | null {
	const message = new Message(update);
	const count = message.readVarUint();
	for (let i = 0; i < count; i++) {
		message.readVarUint();
		message.readVarUint();
		JSON.parse(message.readVarString());
	}
	return message.decoder.pos > message.decoder.arr.length ? 'a truncated awareness update' : null;
}

interface SocketState {
	address: string;
	/** Not authenticated yet: counted against its address. */
	pending: boolean;
	timer: NodeJS.Timeout | null;
	/** Something was logged about this socket: nothing more will be. */
	reported: boolean;
	/** A frame did not read: everything after it is dropped unread. */
	unreadable: boolean;
}

/** Builds the guard of one collab-server's sockets. */
export function createSocketGuard(limits: SocketLimits, log: (line: string) => void = (l) => console.warn(l)) {
	const pendingByAddress = new Map<string, number>();
	const states = new WeakMap<IncomingMessage, SocketState>();

	function settle(state: SocketState) {
		if (state.timer) clearTimeout(state.timer);
		state.timer = null;
		if (!state.pending) return;
		state.pending = false;
		const left = (pendingByAddress.get(state.address) ?? 1) - 1;
		if (left > 0) pendingByAddress.set(state.address, left);
		else pendingByAddress.delete(state.address);
	}

	function reportOnce(state: SocketState, what: string) {
		if (state.reported) return;
		state.reported = true;
		log(`[collab] closing a connection from ${state.address}: ${what}`);
	}

	return {
		/** At upgrade: counts the socket against its address, or answers 429 and returns false. */
		admit(req: IncomingMessage, socket: Duplex): boolean {
			const address = addressKey(clientAddress(req));
			const pending = pendingByAddress.get(address) ?? 0;
			if (pending >= limits.maxPendingPerAddress) {
				socket.end(
					`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${PENDING_RETRY_AFTER_S}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
				);
				return false;
			}
			pendingByAddress.set(address, pending + 1);
			const state: SocketState = { address, pending: true, timer: null, reported: false, unreadable: false };
			states.set(req, state);
			// Whatever happens next (no handshake, a close, a crash of the client), the count goes back.
			socket.once('close', () => settle(state));
			return true;
		},
		/** Once the WebSocket is open: the authentication deadline, the frame check and error handling. */
		watch(ws: WebSocket, req: IncomingMessage): void {
			const state = states.get(req);
			if (!state) return;
			if (state.pending)
				state.timer = setTimeout(() => {
					if (state.pending) closeSocket(ws, AUTH_TIMEOUT);
				}, limits.authTimeoutMs);
			ws.once('close', () => settle(state));
			// `ws` has already started the close with the error's status code (1009 for an oversized
			// frame): let the handshake finish, and cut the socket off if the client does not answer.
			ws.on('error', (err: Error & { code?: string }) => {
				// A protocol violation is worth a line; a client that vanished (ECONNRESET) is not.
				if (err.code?.startsWith('WS_ERR_')) reportOnce(state, err.message);
				setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
			});
			const emit = ws.emit.bind(ws) as (event: string | symbol, ...args: unknown[]) => boolean;
			ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
				if (event !== 'message') return emit(event, ...args);
				if (state.unreadable) return false;
				const problem = frameProblem(args[0], args[1] as boolean | undefined);
				if (problem === null) return emit(event, ...args);
				state.unreadable = true;
				reportOnce(state, `${problem} (anything it sends next is ignored)`);
				closeSocket(ws, UNREADABLE);
				return false;
			}) as WebSocket['emit'];
		},
		/** Unauthenticated sockets per address now. */
		pending(): Map<string, number> {
			return new Map(pendingByAddress);
		},
		/** The Hocuspocus extension that marks a socket authenticated once one of its documents is. */
		extension(): Extension {
			return {
				extensionName: 'parley-sockets',
				// After the authentication extension: only a connection it let through counts.
				priority: 1,
				async onAuthenticate({ request }: onAuthenticatePayload) {
					const state = states.get(request);
					if (state) settle(state);
				}
			};
		}
	};
}
