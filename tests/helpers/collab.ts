/** `@hocuspocus/provider` clients in Node, as a browser would connect, for collab tests and benches. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { TestApp } from './app';

export interface CollabClient {
	doc: Y.Doc;
	provider: HocuspocusProvider;
	/** Resolves once the first sync finished (or rejects when authentication fails). */
	ready: Promise<void>;
	/** Why the server refused, if it did. */
	refusal(): string | null;
	close(): void;
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
	const socket = new HocuspocusProviderWebsocket({
		url,
		WebSocketPolyfill: WebSocket,
		// Tests stop on a refusal instead of retrying forever.
		maxAttempts: 1
	});
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
	ready.catch(() => {});
	return {
		doc,
		provider,
		ready,
		refusal: () => refused,
		close() {
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
