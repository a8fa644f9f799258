/**
 * The browser's connection to a collab document: a Y.Doc kept in IndexedDB (so it shows at once and
 * survives an offline reload) and synced through Hocuspocus with a token fetched fresh on every
 * (re)connect. Svelte-free: the rune state lives in `sync.svelte.ts`.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { COLLAB_REFUSAL, DOCUMENT_FULL } from '../contract/collab';

/** Where the browser asks for a collab token (and who it is). */
export const COLLAB_TOKEN_PATH = '/api/v1/collab/token';

/** Delay before the first reconnect attempt; the provider backs off from there. */
export const RECONNECT_DELAY_MS = 1_000;
/** Longest pause between reconnect attempts. */
export const MAX_RECONNECT_DELAY_MS = 10_000;
/** A silent server is noticed after this long (the provider's default is 30 s). */
export const MESSAGE_RECONNECT_TIMEOUT_MS = 15_000;

/** The refusal for a token the collab-server does not know or that expired: not final, a fresh token may well be accepted. */
export const BAD_TOKEN_REASON = COLLAB_REFUSAL.badToken;

/**
 * The refusals that mean "you may not open this document". Only these drop the local copy: Hocuspocus answers
 * any other failure while connecting (a database hiccup loading the document) with its generic
 * `permission-denied`, which must never cost an admin their offline edits.
 */
export const DENIED_REASONS: ReadonlySet<string> = new Set([COLLAB_REFUSAL.forbidden, COLLAB_REFUSAL.badName]);

/** The WebSocket close of a message larger than the server accepts (`COLLAB_MAX_MESSAGE_BYTES`). */
export const MESSAGE_TOO_BIG = 1009;

/**
 * True for a close that refuses a change for its size: one message over the server's limit (the whole
 * socket closes with 1009) or a document that would grow past its bound (decision 87). Sent again
 * unchanged, it would be refused again.
 */
export function refusedForSize(event: { code?: number; reason?: string } | undefined): boolean {
	return event?.code === MESSAGE_TOO_BIG || event?.reason === DOCUMENT_FULL.reason;
}

/** Why a token could not be fetched: only a 401 means signed out; a 403 means no access; anything else is worth retrying. */
export class TokenError extends Error {
	override readonly name = 'TokenError';
	constructor(
		readonly code: 'signed_out' | 'forbidden' | 'network',
		message: string
	) {
		super(message);
	}
}

/** Fetches a fresh collab token for the session cookie; throws a `TokenError` that says why not. */
export async function fetchCollabToken(): Promise<string> {
	let res: Response;
	try {
		res = await fetch(COLLAB_TOKEN_PATH, { credentials: 'same-origin', cache: 'no-store' });
	} catch {
		throw new TokenError('network', 'The server cannot be reached.');
	}
	if (res.status === 401) throw new TokenError('signed_out', 'Your session has ended.');
	if (res.status === 403) throw new TokenError('forbidden', 'You may not open this calendar.');
	if (!res.ok) throw new TokenError('network', `The token request failed (${res.status}).`);
	const body = (await res.json()) as { token: string };
	return body.token;
}

/** What `openCollabDoc` wires together. */
export interface CollabConnection {
	doc: Y.Doc;
	/** Loaded from IndexedDB once `whenLocal` resolves. */
	persistence: IndexeddbPersistence;
	whenLocal: Promise<void>;
	provider: HocuspocusProvider;
	socket: HocuspocusProviderWebsocket;
	/** Replaces the provider (after a new sign-in): same doc, same IndexedDB, fresh socket. */
	reconnect(): HocuspocusProvider;
	destroy(): void;
}

/** Options of `openCollabDoc`. */
export interface OpenOptions {
	url: string;
	name: string;
	/** Called before each connect attempt; defaults to `fetchCollabToken`. */
	token?: () => Promise<string>;
	/** Called with every new provider (the first and those of `reconnect`). */
	onProvider?: (provider: HocuspocusProvider, socket: HocuspocusProviderWebsocket) => void;
}

/** The IndexedDB database name of a document, one per document. */
export function indexedDbName(docName: string): string {
	return `parley:${docName}`;
}

/** Opens a document: IndexedDB first, then the network. */
export function openCollabDoc(opts: OpenOptions): CollabConnection {
	const doc = new Y.Doc();
	const persistence = new IndexeddbPersistence(indexedDbName(opts.name), doc);
	const whenLocal = persistence.whenSynced.then(() => undefined);
	const token = opts.token ?? fetchCollabToken;

	const make = () => {
		const socket = new HocuspocusProviderWebsocket({
			url: opts.url,
			delay: RECONNECT_DELAY_MS,
			maxDelay: MAX_RECONNECT_DELAY_MS,
			messageReconnectTimeout: MESSAGE_RECONNECT_TIMEOUT_MS
		});
		const provider = new HocuspocusProvider({ websocketProvider: socket, name: opts.name, document: doc, token });
		provider.attach();
		opts.onProvider?.(provider, socket);
		return { provider, socket };
	};

	let current = make();
	const conn: CollabConnection = {
		doc,
		persistence,
		whenLocal,
		get provider() {
			return current.provider;
		},
		get socket() {
			return current.socket;
		},
		reconnect() {
			const awarenessState = current.provider.awareness?.getLocalState() ?? null;
			current.provider.destroy();
			current.socket.destroy();
			current = make();
			if (awarenessState) current.provider.awareness?.setLocalState(awarenessState);
			return current.provider;
		},
		destroy() {
			current.provider.destroy();
			current.socket.destroy();
			void persistence.destroy();
			doc.destroy();
		}
	};
	return conn;
}
