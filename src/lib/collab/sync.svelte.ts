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
import { movesKeyOf, pendingKeyOf, registerLocalCopy, watchNetwork } from './offline';
import { drainOlderCopies, forgetLocalCopy } from './old-generations';
import { parseCalendarMoved } from '../contract/collab';
import { calendarDocName, observeInterviews, type DamagedEntry } from './calendar';
import { CalendarView, type CalendarSnapshot } from './calendar-view';
import {
	DENIED_REASONS,
	fetchCollabToken,
	indexedDbName,
	MAX_RECONNECT_DELAY_MS,
	openCollabDoc,
	RECONNECT_DELAY_MS,
	refusedForSize,
	TokenError,
	type CollabConnection
} from './provider';

import type { SyncPhase, SyncUser } from './sync-phase';

export { colorFor, type Peer } from './peers';
export type { SyncPhase, SyncUser } from './sync-phase';

/** Live state of one organization's calendar document. */
export class CalendarSync {
	/** The document of the live generation (it changes when the calendar is compacted, decision 69). */
	docName: string;
	readonly orgId: string;
	#generation: number;
	/** The generation whose interviews are shown: the one left, until the new one has synced. */
	#shown = $state(0);
	/** A compaction moved the calendar there: followed once everything sent here is confirmed. */
	#moveTo = 0;
	/** Between a move and the new generation's first sync: keep showing what was shown. */
	#switching = false;
	/** The copy of the generation just left, being deleted; older copies are looked for only after. */
	#forgetting: Promise<void> = Promise.resolve();
	#url = '';
	readonly user: SyncUser;
	#conn: CollabConnection | null = null;
	#view: CalendarView;
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
	/** Why syncing stopped until the person acts: signed out, no access, or a change refused for its size. */
	#authError = $state<null | 'signed_out' | 'refused' | 'too_large'>(null);
	#localLoaded = $state(false);
	#scope = $state<'read-write' | 'readonly' | null>(null);
	#peers = $state.raw<Peer[]>([]);
	/** A token could not be had for a reason worth retrying (network, server error): retrying. */
	#retrying = $state(false);
	#lost = $state.raw<LostMove[]>([]);
	/** Interviews whose edits the server refused because they were archived meanwhile. */
	#refused = $state.raw<string[]>([]);

	constructor(opts: { orgId: string; generation?: number; user: SyncUser; bufferMin?: number }) {
		this.orgId = opts.orgId;
		this.#generation = this.#shown = opts.generation ?? 0;
		this.docName = calendarDocName(opts.orgId, this.#generation);
		this.user = opts.user;
		this.#bufferMin = opts.bufferMin ?? 0;
		this.#view = new CalendarView(this.#bufferMin);
	}

	/** The generation of the document `interviews` come from (decision 69); reactive. */
	get generation(): number {
		return this.#shown;
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
		return this.#view.index;
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
	/** Interviews archived before my edits of them arrived: those edits were not applied. */
	get refused(): string[] {
		return this.#refused;
	}
	dismissRefused(): void {
		this.#refused = [];
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
		this.#url = url;
		this.#online = navigator.onLine;
		this.#pending = Number(localStorage.getItem(pendingKeyOf(this.docName)) ?? 0) || 0;
		this.#ledger = new MoveLedger({ storage: localStorage, key: movesKeyOf(this.docName), me: this.user.id });
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
		if (!this.#switching) this.#refreshAll();
		void conn.whenLocal.then(() => {
			this.#localLoaded = true;
			if (!this.#switching) this.#refreshAll();
		});
		// After a move, draining the copy just left (confirmed, being deleted) would race its deletion.
		void this.#forgetting.then(() => drainOlderCopies(url, this.orgId, this.#generation, fetchCollabToken));
		this.#cleanup.push(
			observeInterviews(conn.doc, (change) => {
				if (this.#switching) return;
				for (const id of change.ids) this.#view.readOne(conn.doc, id);
				this.#show(this.#view.snapshot());
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
		this.#cleanup.push(watchNetwork(onOnline, onOffline));
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
			if (this.#switching) {
				this.#switching = false;
				this.#shown = this.#generation;
				this.#refreshAll();
			}
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
		provider.on('close', ({ event }: { event?: { code?: number; reason?: string } }) => {
			if (!refusedForSize(event)) return;
			// Sent again it would be refused again: stop, and let the person discard what this device holds.
			this.#authError = 'too_large';
			socket.disconnect();
		});
		provider.on('unsyncedChanges', ({ number }: { number: number }) => {
			this.#unsynced = number;
			this.#settle();
		});
		provider.on('awarenessChange', () => {
			this.#peers = peersOf(provider.awareness?.getStates() ?? new Map(), provider.document.clientID);
		});
		provider.on('stateless', ({ payload }: { payload: string }) => {
			const moved = parseCalendarMoved(payload);
			if (!moved) return;
			if (moved.refused.length) this.#refused = [...new Set([...this.#refused, ...moved.refused])];
			if (moved.generation > this.#generation) this.#moveTo = Math.max(this.#moveTo, moved.generation);
			this.#settle();
		});
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
		if (this.#moveTo > this.#generation) this.#follow();
	}

	/** Everything sent to the replaced generation is confirmed: open the live one, forget the old copy. */
	#follow(): void {
		const old = this.docName;
		this.destroy();
		this.#generation = this.#moveTo;
		this.docName = calendarDocName(this.orgId, this.#generation);
		this.#switching = true;
		this.#forgetting = forgetLocalCopy(old).catch(() => undefined);
		this.start(this.#url);
	}

	#notePending(): void {
		if (this.#socketStatus === 'connected' && this.#synced) return;
		this.#pending += 1;
		localStorage.setItem(pendingKeyOf(this.docName), String(this.#pending));
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

	#refreshAll(): void {
		if (this.#conn) this.#show(this.#view.readAll(this.#conn.doc));
	}

	#show(snapshot: CalendarSnapshot): void {
		this.#interviews = snapshot.interviews;
		this.#conflicts = snapshot.conflicts;
		if (snapshot.damaged) this.#damaged = snapshot.damaged;
	}

	/** After a refusal for size: forgets this device's copy, unsaved changes included, and loads the page again. */
	async discardUnsaved(): Promise<void> {
		const name = this.docName;
		this.destroy();
		await forgetLocalCopy(name);
		location.reload();
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
		this.#view = new CalendarView(this.#bufferMin);
		this.#show({ interviews: [], conflicts: new Map(), damaged: [] });
		this.#pending = 0;
		this.#peers = [];
		this.#lost = [];
		this.#retrying = false;
		this.#authError = null;
	}
}
