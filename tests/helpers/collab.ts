/** `@hocuspocus/provider` clients in Node, as a browser would connect, for collab tests and benches. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Sql } from '../../db/client';
import { createSession } from '../../src/lib/server/auth';
import { issueCollabToken } from '../../src/lib/server/collab-token';
import type { TestApp } from './app';

export interface CollabClient {
	doc: Y.Doc;
	provider: HocuspocusProvider;
	/** Resolves once the first sync finished (or rejects when authentication fails). */
	ready: Promise<void>;
	/** Why the server refused, if it did. */
	refusal(): string | null;
	/** Errors of the underlying sockets (a refused upgrade, a reset), in order. */
	errors(): readonly Error[];
	close(): void;
}

/**
 * A collab token for a user without going through the API: a fresh session of theirs is its credential
 * (a token always stands on one). Returns the session id too, to end it.
 */
export async function collabTokenFor(
	sql: Sql,
	userId: string,
	orgId: string | null = null
): Promise<{ token: string; sessionId: string }> {
	const { session } = await createSession(sql, userId);
	const { token } = await issueCollabToken(sql, userId, orgId, { sessionId: session.id });
	return { token, sessionId: session.id };
}

/** Connects to a document with a collab token fetched for the session cookie (or a given token). */
export function connectDoc(app: TestApp, name: string, auth: { cookie?: string; token?: string }): CollabClient {
	return connectTo(app.url.replace('http', 'ws') + '/collab', name, async () => {
		if (auth.token !== undefined) return auth.token;
		const res = await app.request('/api/v1/collab/token', { cookie: auth.cookie });
		if (res.status !== 200) return 'no-token';
		return ((await res.json()) as { token: string }).token;
	});
}

/** Connects to a document on any Hocuspocus server (Parley's or a bare one, for benches). */
export function connectTo(url: string, name: string, token: () => Promise<string>): CollabClient {
	const doc = new Y.Doc();
	let refused: string | null = null;
	const errors: Error[] = [];
	/**
	 * The provider drops its listeners when a socket closes; a socket that errs after that (a refused
	 * upgrade, a reset) would otherwise throw an unhandled 'error' and take the test process down.
	 */
	class ListenedWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols);
			this.on('error', (err) => errors.push(err));
		}
	}
	const socket = new HocuspocusProviderWebsocket({
		url,
		WebSocketPolyfill: ListenedWebSocket,
		// Tests stop on a refusal instead of retrying forever.
		maxAttempts: 1,
		// Connected below, once every attempt goes through the wrapper.
		autoConnect: false
	});
	// A connection attempt that fails (the server went away, an upgrade refused) rejects a promise the
	// provider's own reconnect timer never handles; and that timer revives a destroyed provider. Keep
	// the failure (errors()) instead of an unhandled rejection, and stay down once closed.
	let closed = false;
	const connectSocket = socket.connect.bind(socket);
	socket.connect = async () => {
		if (closed) return;
		await connectSocket().catch((err: unknown) => {
			errors.push(err instanceof Error ? err : new Error(String((err as { message?: string })?.message ?? err)));
		});
	};
	let resolveReady!: () => void;
	let rejectReady!: (e: Error) => void;
	const ready = new Promise<void>((res, rej) => {
		resolveReady = res;
		rejectReady = rej;
	});
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name,
		document: doc,
		token,
		onSynced: () => resolveReady(),
		onAuthenticationFailed: ({ reason }) => {
			refused = reason;
			rejectReady(new Error(`refused: ${reason}`));
		}
	});
	provider.attach();
	void socket.connect();
	ready.catch(() => {});
	return {
		doc,
		provider,
		ready,
		refusal: () => refused,
		errors: () => errors,
		close() {
			closed = true;
			provider.destroy();
			socket.destroy();
		}
	};
}

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function eventually(
	check: () => boolean | Promise<boolean>,
	timeoutMs = 5_000,
	stepMs = 20
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, stepMs));
	}
}
