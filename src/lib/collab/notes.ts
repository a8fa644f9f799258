/**
 * The browser side of an interview's notes document `interview:<id>:notes` (docs/architecture.md,
 * "Documents"): a Y.Doc kept in IndexedDB (edits made offline survive reloads and merge on
 * reconnect) and synced through Hocuspocus with a fresh collab token on every (re)connect. The rich
 * text lives in `getXmlFragment(NOTES_FIELD)`, bound by TipTap's Collaboration extension.
 *
 * Framework-free on purpose: the Svelte component reads `NotesSyncState` through `onChange`.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import { ACCESS_REVOKED } from '../contract/collab';
import { notesDocName } from './calendar';
import { pendingKeyOf, registerLocalCopy } from './offline';
import {
	COLLAB_TOKEN_PATH,
	DENIED_REASONS,
	fetchCollabToken,
	indexedDbName,
	MAX_RECONNECT_DELAY_MS,
	openCollabDoc,
	RECONNECT_DELAY_MS,
	refusedForSize,
	TokenError
} from './provider';

/** The XmlFragment of the notes document that holds the rich text. */
export const NOTES_FIELD = 'notes';
/** The close reason collab-server/revocation.ts sends when a user is taken off the panel. */
export const ACCESS_REVOKED_REASON = ACCESS_REVOKED.reason;

/** Where the notes stand, as the sync indicator tells the user. */
export type NotesSyncStatus =
	| 'loading' // reading the local copy
	| 'connecting' // talking to the server
	| 'syncing' // connected, local changes not yet confirmed
	| 'synced' // connected and every change stored on the server
	| 'offline' // no connection: edits are kept in this browser
	| 'signed-out' // the session ended: sign in again to sync
	| 'refused' // the server refused access
	| 'too-large' // the server refused the latest change for its size: discard the unsaved changes to go on
	| 'revoked'; // access was withdrawn while the notes were open

export interface NotesSyncState {
	status: NotesSyncStatus;
	/** Local changes the server has not confirmed yet. */
	unsynced: number;
	/** The local IndexedDB copy has been loaded. */
	localLoaded: boolean;
}

/** Who is typing: shown beside their caret to the others. */
export interface NotesUser {
	id: string;
	name: string;
	color: string;
}

export interface NotesSession {
	doc: Y.Doc;
	provider: HocuspocusProvider;
	user: NotesUser;
	fragment: Y.XmlFragment;
	state(): NotesSyncState;
	/** After a refusal for size: forgets this browser's copy, unsaved changes included, and loads the page again. */
	discardUnsaved(): Promise<void>;
	destroy(): void;
}

/** Raised when the collab token cannot be had (signed out, or a role without notes). */
export class NotesAccessError extends Error {
	constructor(readonly status: number) {
		super(status === 401 ? 'Sign in again to open the notes.' : 'You cannot open these notes.');
	}
}

const CARET_COLORS = ['#d1495b', '#2e86ab', '#3c8d2f', '#8e44ad', '#d35400', '#16a085', '#b7950b', '#c0392b'];

/** A stable caret colour per user id. */
export function colorFor(userId: string): string {
	let h = 0;
	for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return CARET_COLORS[h % CARET_COLORS.length]!;
}

interface TokenAnswer {
	token: string;
	url: string;
	user: { id: string; name: string };
}

/** The first token also says where the collab-server is and who we are. */
async function fetchFirstToken(): Promise<TokenAnswer> {
	const res = await fetch(COLLAB_TOKEN_PATH, { credentials: 'same-origin', cache: 'no-store' });
	if (!res.ok) throw new NotesAccessError(res.status);
	return (await res.json()) as TokenAnswer;
}

/**
 * Opens an interview's notes: local copy first, then the server. Throws NotesAccessError when no
 * collab token can be had and the browser is online; offline, the local copy still opens (with the
 * identity remembered from the last visit) and syncs once the connection returns.
 */
export async function openNotes(
	interviewId: string,
	opts: { onChange: (state: NotesSyncState) => void; fallbackUser: { id: string; name: string } }
): Promise<NotesSession> {
	const name = notesDocName(interviewId);
	let first: TokenAnswer | null = null;
	try {
		first = await fetchFirstToken();
	} catch (err) {
		// Offline: work from the local copy; the socket connects once the network is back.
		if (err instanceof NotesAccessError) throw err;
	}
	const url = first?.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
	const who = first?.user ?? opts.fallbackUser;
	const user: NotesUser = { id: who.id, name: who.name, color: colorFor(who.id) };

	const state: NotesSyncState = { status: 'loading', unsynced: 0, localLoaded: false };
	const emit = () => opts.onChange({ ...state });
	let pending: string | null = first?.token ?? null;
	let final = false;
	const conn = openCollabDoc({
		url,
		name,
		// Every (re)connect fetches a fresh, short-lived token (the first one is already at hand).
		token: async () => {
			if (pending) {
				const t = pending;
				pending = null;
				return t;
			}
			try {
				return await fetchCollabToken();
			} catch (err) {
				if (err instanceof TokenError && err.code !== 'network')
					stop(err.code === 'signed_out' ? 'signed-out' : 'refused');
				return '';
			}
		}
	});
	const { doc, provider, socket, persistence } = conn;
	void conn.whenLocal.then(() => {
		state.localLoaded = true;
		emit();
	});

	// Edits typed while the server cannot confirm them are counted on this device (the provider's
	// own count starts again at 0 on a reload), so sign-out can warn before it deletes them.
	const key = pendingKeyOf(name);
	let destroyed = false;
	let offlineEdits = Number(localStorage.getItem(key) ?? 0) || 0;
	// The provider also counts its own sync request at every connect; only edits made here are worth a warning.
	let editedSinceSettled = false;
	doc.on('update', (_update: Uint8Array, origin: unknown) => {
		if (origin === provider || origin === persistence) return;
		editedSinceSettled = true;
		if (socket.status === 'connected' && provider.isSynced) return;
		offlineEdits += 1;
		localStorage.setItem(key, String(offlineEdits));
	});
	const unregister = registerLocalCopy({
		dbName: indexedDbName(name),
		pendingKey: key,
		pendingChanges: () => Math.max(offlineEdits, editedSinceSettled ? provider.unsyncedChanges : 0),
		close: () => destroy()
	});

	let tooLarge = false;
	const refresh = () => {
		if (final) return;
		state.unsynced = provider.unsyncedChanges;
		if (provider.isSynced && provider.unsyncedChanges === 0) editedSinceSettled = false;
		if (provider.isSynced && provider.unsyncedChanges === 0 && socket.status === 'connected' && offlineEdits) {
			offlineEdits = 0;
			localStorage.removeItem(key);
		}
		const online = typeof navigator === 'undefined' || navigator.onLine;
		if (tooLarge) state.status = 'too-large';
		else if (!online || socket.status === 'disconnected') state.status = 'offline';
		else if (socket.status === 'connecting' || !provider.isSynced) state.status = 'connecting';
		else state.status = provider.unsyncedChanges > 0 ? 'syncing' : 'synced';
		emit();
	};
	function stop(status: 'refused' | 'revoked' | 'signed-out') {
		if (state.status === 'refused' || state.status === 'revoked') return;
		final = true;
		state.status = status;
		emit();
		// Stop retrying: the server would keep refusing (auth.ts). A person who may no longer read
		// these notes must not keep a local copy either; a signed-out one keeps theirs for later.
		socket.disconnect();
		if (status !== 'signed-out') void persistence.clearData();
	}
	socket.on('status', refresh);
	provider.on('synced', refresh);
	provider.on('unsyncedChanges', refresh);
	// Refused for good only when the server says so; a failure on its side is retried with a growing pause.
	let retryDelay = RECONNECT_DELAY_MS;
	let retryTimer: ReturnType<typeof setTimeout> | undefined;
	const retryLater = () => {
		socket.disconnect();
		refresh();
		clearTimeout(retryTimer);
		retryTimer = setTimeout(() => {
			if (!final && navigator.onLine) void socket.connect();
		}, retryDelay);
		retryDelay = Math.min(retryDelay * 2, MAX_RECONNECT_DELAY_MS);
	};
	provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
		if (state.status === 'signed-out' || final) return;
		if (DENIED_REASONS.has(reason)) {
			stop('refused');
			return;
		}
		retryLater();
	});
	provider.on('authenticated', () => {
		retryDelay = RECONNECT_DELAY_MS;
	});
	provider.on('close', ({ event }: { event: { code?: number; reason?: string } }) => {
		if (event?.reason === ACCESS_REVOKED_REASON) return stop('revoked');
		if (!refusedForSize(event)) return refresh();
		// Sent again it would be refused again (an undo keeps the content for redo): wait for the person.
		tooLarge = true;
		socket.disconnect();
		refresh();
	});
	// The browser knows first when the network is gone: stop the socket (edits stay in the Y.Doc and
	// IndexedDB) instead of waiting for a timeout, and reconnect at once when it is back.
	const goOffline = () => {
		if (final) return;
		socket.disconnect();
		refresh();
	};
	const goOnline = () => {
		if (final) return;
		void socket.connect();
		refresh();
	};
	window.addEventListener('online', goOnline);
	window.addEventListener('offline', goOffline);
	if (!navigator.onLine) socket.disconnect();
	refresh();

	return {
		doc,
		provider,
		user,
		fragment: doc.getXmlFragment(NOTES_FIELD),
		state: () => ({ ...state }),
		async discardUnsaved() {
			final = true;
			await persistence.clearData();
			localStorage.removeItem(key);
			destroy();
			location.reload();
		},
		destroy
	};

	function destroy() {
		if (destroyed) return;
		destroyed = true;
		clearTimeout(retryTimer);
		unregister();
		window.removeEventListener('online', goOnline);
		window.removeEventListener('offline', goOffline);
		conn.destroy();
	}
}

/** Link targets the notes accept: web and mail addresses only (never `javascript:` or `data:`). */
export function isSafeLink(url: string): boolean {
	// Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): strip them first.
	const cleaned = url.replace(/[\s\p{Cc}]/gu, '');
	return /^(https?:\/\/|mailto:)/i.test(cleaned);
}
