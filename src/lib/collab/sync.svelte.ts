/**
 * The live calendar as Svelte 5 state: the interviews of the calendar document, their conflicts,
 * the sync state shown by the indicator, and who else has the calendar open (awareness).
 *
 * Writes go through the helpers of `calendar.ts` on `doc`; this class only observes.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- plain Maps on purpose: they are private working
   state; what the UI reads is published as fresh immutable snapshots through $state.raw. */
import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import { ConflictIndex, type Conflict, type Interview } from '$lib/domain';
import { MoveLedger, type LostMove } from './move-ledger';
import { colorFor, peersOf, type Peer } from './peers';
import { pendingKeyOf, registerLocalCopy } from './offline';
import {
	calendarDocName,
	getInterview,
	inspectEntry,
	observeInterviews,
	readCalendar,
	type DamagedEntry
} from './calendar';
import {
	DENIED_REASONS,
	fetchCollabToken,
	indexedDbName,
	MAX_RECONNECT_DELAY_MS,
	openCollabDoc,
	RECONNECT_DELAY_MS,
	TokenError,
	type CollabConnection
} from './provider';

export { colorFor, type Peer } from './peers';

/** What the sync indicator shows. */
export type SyncPhase =
	'loading' | 'connecting' | 'saved' | 'saving' | 'offline' | 'reconnecting' | 'signed_out' | 'refused';

/** Who this browser is. */
export interface SyncUser {
	id: string;
	name: string;
}

function movesKey(docName: string): string {
	return `parley:moves:${docName}`;
}

/** Live state of one organization's calendar document. */
export class CalendarSync {
	readonly docName: string;
	readonly user: SyncUser;
	#conn: CollabConnection | null = null;
	#byId = new Map<string, Interview>();
	#damagedById = new Map<string, DamagedEntry>();
	#index = new ConflictIndex();
	#cleanup: (() => void)[] = [];
	/** Why the last token fetch failed (null: it did not). */
	#tokenFailure: TokenError['code'] | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#retryDelayMs = RECONNECT_DELAY_MS;
	#everConnected = false;
	#bufferMin: number;
	#ledger: MoveLedger | null = null;

	#interviews = $state.raw<Interview[]>([]);
	#damaged = $state.raw<DamagedEntry[]>([]);
	#conflicts = $state.raw<ReadonlyMap<string, Conflict[]>>(new Map());
	#socketStatus = $state<'connecting' | 'connected' | 'disconnected'>('connecting');
	#online = $state(true);
	#synced = $state(false);
	#unsynced = $state(0);
	/** This device edited since the server last confirmed everything (the provider counts its own sync requests too). */
	#editedSinceSettled = $state(false);
	#pending = $state(0);
	#authError = $state<null | 'signed_out' | 'refused'>(null);
	#authReason = $state('');
	#localLoaded = $state(false);
	#scope = $state<'read-write' | 'readonly' | null>(null);
	#peers = $state.raw<Peer[]>([]);
	/** A token could not be had for a reason worth retrying (network, server error): retrying. */
	#retrying = $state(false);
	#lost = $state.raw<LostMove[]>([]);

	constructor(opts: { orgId: string; user: SyncUser; bufferMin?: number }) {
		this.docName = calendarDocName(opts.orgId);
		this.user = opts.user;
		this.#bufferMin = opts.bufferMin ?? 0;
		this.#index = new ConflictIndex([], { bufferMin: this.#bufferMin });
	}

	/** Interviews of the calendar, sorted by start. */
	get interviews(): Interview[] {
		return this.#interviews;
	}
	/** Entries of the calendar that do not read as interviews ("needs repair"), by id. */
	get damaged(): DamagedEntry[] {
		return this.#damaged;
	}
	/** Conflicts per interview id (only interviews that have some). */
	get conflicts(): ReadonlyMap<string, Conflict[]> {
		return this.#conflicts;
	}
	/** The conflict index of the current calendar, for checks of proposals. */
	get index(): ConflictIndex {
		return this.#index;
	}
	get peers(): Peer[] {
		return this.#peers;
	}
	/** Local changes the server has not confirmed yet. */
	get pending(): number {
		return Math.max(this.#pending, this.#editedSinceSettled ? this.#unsynced : 0);
	}
	get localLoaded(): boolean {
		return this.#localLoaded;
	}
	/** Read-only as granted by the server (an interviewer). */
	get readOnly(): boolean {
		return this.#scope === 'readonly';
	}
	get authReason(): string {
		return this.#authReason;
	}
	/** My moves that a move of the same interview made apart replaced, until dismissed. */
	get lostMoves(): LostMove[] {
		return this.#lost;
	}
	/** The Y.Doc to pass to the calendar helpers; null before `start`. */
	get doc(): Y.Doc | null {
		return this.#conn?.doc ?? null;
	}

	get phase(): SyncPhase {
		if (this.#authError) return this.#authError;
		if (!this.#online) return 'offline';
		if (this.#retrying) return 'reconnecting';
		if (this.#socketStatus !== 'connected' || !this.#synced) {
			if (!this.#localLoaded) return 'loading';
			return this.#everConnected ? 'reconnecting' : 'connecting';
		}
		return this.pending > 0 ? 'saving' : 'saved';
	}

	/** Opens IndexedDB and the socket; call once in the browser. */
	start(url: string): void {
		if (this.#conn) return;
		this.#online = navigator.onLine;
		this.#pending = Number(localStorage.getItem(pendingKeyOf(this.docName)) ?? 0) || 0;
		this.#ledger = new MoveLedger({ storage: localStorage, key: movesKey(this.docName), me: this.user.id });
		const conn = openCollabDoc({
			url,
			name: this.docName,
			token: async () => {
				try {
					const token = await fetchCollabToken();
					this.#tokenFailure = null;
					return token;
				} catch (e) {
					// The provider reports any throw as "Failed to get token…"; remember the real cause.
					this.#tokenFailure = e instanceof TokenError ? e.code : 'network';
					throw e;
				}
			},
			onProvider: (provider, socket) => this.#wire(provider, socket)
		});
		this.#conn = conn;
		this.#refreshAll();
		void conn.whenLocal.then(() => {
			this.#localLoaded = true;
			this.#refreshAll();
		});
		this.#cleanup.push(
			observeInterviews(conn.doc, (change) => {
				for (const id of change.ids) this.#refreshOne(id);
				this.#publish();
				const ownEdit = change.local && change.origin !== conn.provider && change.origin !== conn.persistence;
				if (ownEdit) {
					this.#editedSinceSettled = true;
					this.#notePending();
					this.#ledger?.noteLocal(conn.doc, change.ids);
				} else if (change.origin !== conn.persistence) {
					const lost = this.#ledger?.checkRemote(conn.doc, change.ids) ?? [];
					if (lost.length > 0) {
						const ids = new Set(lost.map((l) => l.interviewId));
						this.#lost = [...this.#lost.filter((l) => !ids.has(l.interviewId)), ...lost];
					}
				}
			})
		);
		this.#cleanup.push(
			registerLocalCopy({
				dbName: indexedDbName(this.docName),
				pendingKey: pendingKeyOf(this.docName),
				pendingChanges: () => this.pending,
				close: () => this.destroy()
			})
		);
		const onOnline = () => {
			this.#online = true;
			if (this.#authError) return;
			void this.#conn?.socket.connect();
		};
		const onOffline = () => {
			this.#online = false;
			// A lost network does not always close the socket at once; stop it so the state is honest.
			this.#conn?.socket.disconnect();
		};
		window.addEventListener('online', onOnline);
		window.addEventListener('offline', onOffline);
		this.#cleanup.push(() => {
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
		});
		if (!this.#online) conn.socket.disconnect();
	}

	#wire(provider: HocuspocusProvider, socket: HocuspocusProviderWebsocket): void {
		this.#socketStatus = 'connecting';
		this.#synced = false;
		socket.on('status', ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) => {
			this.#socketStatus = status;
			if (status !== 'connected') this.#synced = false;
		});
		provider.on('synced', () => {
			this.#synced = true;
			this.#everConnected = true;
			this.#authError = null;
			this.#retrying = false;
			this.#retryDelayMs = RECONNECT_DELAY_MS;
			this.#settle();
		});
		provider.on('authenticated', ({ scope }: { scope: 'read-write' | 'readonly' }) => {
			this.#scope = scope;
			this.#authError = null;
			// A read-only viewer never edits, so never says so.
			if (scope === 'readonly') provider.setAwarenessField('editing', null);
		});
		provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
			this.#authReason = reason;
			const failure = this.#tokenFailure;
			this.#tokenFailure = null;
			// The provider would otherwise keep a socket open that can never sync.
			socket.disconnect();
			if (failure === 'signed_out') {
				// Only a 401 from the token endpoint: edits stay here until the person signs in again.
				this.#retrying = false;
				this.#authError = 'signed_out';
			} else if (failure === 'forbidden' || (failure === null && DENIED_REASONS.has(reason))) {
				// No access (any more): like the notes, keep no copy of a calendar one may not read.
				this.#retrying = false;
				this.#authError = 'refused';
				void this.#conn?.persistence.clearData();
			} else {
				// The network or the server failed on the way, or the token expired in transit: try again.
				this.#retryLater();
			}
		});
		provider.on('unsyncedChanges', ({ number }: { number: number }) => {
			this.#unsynced = number;
			this.#settle();
		});
		provider.on('awarenessChange', () => this.#readPeers(provider));
		provider.setAwarenessField('user', { id: this.user.id, name: this.user.name, color: colorFor(this.user.id) });
		provider.setAwarenessField('editing', null);
	}

	/** Reconnects after a growing pause, fetching a fresh token; the indicator says "reconnecting". */
	#retryLater(): void {
		this.#retrying = true;
		clearTimeout(this.#retryTimer);
		const delay = this.#retryDelayMs;
		this.#retryDelayMs = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
		this.#retryTimer = setTimeout(() => {
			// Offline, the 'online' event reconnects instead.
			if (this.#conn && !this.#authError && navigator.onLine) void this.#conn.socket.connect();
		}, delay);
	}

	/** Everything sent was confirmed: nothing is pending any more. */
	#settle(): void {
		const p = this.#conn?.provider;
		if (!p || !this.#synced || p.unsyncedChanges > 0) return;
		this.#unsynced = 0;
		this.#editedSinceSettled = false;
		if (this.#pending !== 0) {
			this.#pending = 0;
			localStorage.removeItem(pendingKeyOf(this.docName));
		}
	}

	#notePending(): void {
		if (this.#socketStatus === 'connected' && this.#synced) return;
		this.#pending += 1;
		localStorage.setItem(pendingKeyOf(this.docName), String(this.#pending));
	}

	#readPeers(provider: HocuspocusProvider): void {
		this.#peers = peersOf(provider.awareness?.getStates() ?? new Map(), provider.document.clientID);
	}

	/**
	 * Tells the others which interview this person is changing (null: none). Only someone who can
	 * write says so: a read-only viewer never edits.
	 */
	setEditing(id: string | null): void {
		const provider = this.#conn?.provider;
		if (!provider) return;
		const next = this.readOnly ? null : id;
		if ((provider.awareness?.getLocalState()?.editing ?? null) !== next) provider.setAwarenessField('editing', next);
	}

	/** Forgets a lost move (re-applied or accepted). */
	dismissLost(interviewId: string): void {
		this.#lost = this.#lost.filter((l) => l.interviewId !== interviewId);
	}

	/** After a new sign-in: a fresh connection with a fresh token; local edits then sync. */
	reconnect(): void {
		if (!this.#conn) return;
		clearTimeout(this.#retryTimer);
		this.#authError = null;
		this.#retrying = false;
		this.#tokenFailure = null;
		this.#conn.reconnect();
	}

	#refreshOne(id: string): void {
		const doc = this.#conn?.doc;
		if (!doc) return;
		const iv = getInterview(doc, id);
		if (iv) {
			this.#byId.set(id, iv);
			this.#index.upsert(iv);
		} else {
			this.#byId.delete(id);
			this.#index.remove(id);
		}
		const damaged = iv ? null : inspectEntry(doc, id);
		if (damaged) this.#damagedById.set(id, damaged);
		else this.#damagedById.delete(id);
	}

	#refreshAll(): void {
		const doc = this.#conn?.doc;
		if (!doc) return;
		const { interviews: all, malformedIds } = readCalendar(doc);
		this.#byId = new Map(all.map((iv) => [iv.id, iv]));
		this.#index = new ConflictIndex(all, { bufferMin: this.#bufferMin });
		this.#interviews = all;
		this.#conflicts = this.#index.allConflicts();
		const damaged = malformedIds.map((id) => inspectEntry(doc, id)).filter((e): e is DamagedEntry => e !== null);
		this.#damagedById = new Map(damaged.map((e) => [e.id, e]));
		this.#damaged = damaged;
	}

	#publish(): void {
		this.#interviews = [...this.#byId.values()].sort(
			(a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
		);
		this.#conflicts = this.#index.allConflicts();
		if (this.#damagedById.size > 0 || this.#damaged.length > 0)
			this.#damaged = [...this.#damagedById.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	}

	/** Closes the socket and IndexedDB. */
	destroy(): void {
		clearTimeout(this.#retryTimer);
		for (const fn of this.#cleanup.splice(0)) fn();
		this.#conn?.destroy();
		this.#conn = null;
	}

	/** Drops all state (tests). */
	reset(): void {
		this.destroy();
		this.#byId = new Map();
		this.#damagedById = new Map();
		this.#index = new ConflictIndex([], { bufferMin: this.#bufferMin });
		this.#interviews = [];
		this.#damaged = [];
		this.#conflicts = new Map();
		this.#pending = 0;
		this.#peers = [];
		this.#lost = [];
		this.#retrying = false;
		this.#authError = null;
	}
}
