/**
 * Where the calendar's interviews come from: the first view the server read from Postgres until
 * the live document can take over, then the document (decision 71). The document's code (Yjs, the
 * provider, IndexedDB) and the code that writes to it are loaded after the page shows, so the first
 * view does not wait for them.
 */
import type { CalendarSync } from '$lib/collab/sync.svelte';
import type { Conflict, Interview } from '$lib/domain';
import { FINAL_STATUSES } from '$lib/domain/status';
import type { CalendarFirstView, CalendarSummaryCounts } from '$lib/contract/calendar-page';
import { ArchivedInterviews, type ArchivedApplication } from './archived.svelte';
import { liveSummary, thisWeek } from './filters';
import type { MoveContext, MoveFlow } from './moves.svelte';

/**
 * How long a browser that already keeps a copy of the calendar waits for the server before it shows
 * that copy instead of the first view (the page may have come from the offline cache with the server
 * down while the network is up).
 */
export const LOCAL_COPY_WAIT_MS = 3_000;

/** The phases in which the document is what there is: the server has it, or it cannot be reached. */
const DOC_PHASES = new Set(['saved', 'saving', 'offline', 'reconnecting', 'signed_out', 'refused']);

/** Whether the document may replace the first view: pure, so the rule can be tested apart from a browser. */
export function documentReady(s: {
	phase: string;
	localLoaded: boolean;
	pending: number;
	localInterviews: number;
	waitedMs: number;
}): boolean {
	if (s.phase === 'saved' || s.phase === 'saving') return true;
	if (!s.localLoaded) return false;
	// Offline, or edits of this device not stored yet: this device's copy is the truth to show.
	if (DOC_PHASES.has(s.phase) || s.pending > 0) return true;
	// A copy kept on this device, and the server silent for a while.
	return s.localInterviews > 0 && s.waitedMs >= LOCAL_COPY_WAIT_MS;
}

/** Only an interview in one of these can have been archived (collab-server/archive.ts `isArchivable`). */
const FINAL: ReadonlySet<string> = new Set(FINAL_STATUSES);

const EMPTY_CONFLICTS: ReadonlyMap<string, Conflict[]> = new Map();

export class LiveSource {
	#first: CalendarFirstView | null;
	#firstConflicts: ReadonlyMap<string, Conflict[]>;
	#sync = $state.raw<CalendarSync | null>(null);
	#moves = $state.raw<MoveFlow | null>(null);
	#live = $state(false);
	#startedAt = 0;
	#waited = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;
	#archived: ArchivedInterviews;
	/** The document's interviews as last seen, and of which generation (plain: written by an effect). */
	#lastLive: { generation: number; interviews: Interview[] } | null = null;
	/** The last summary counted with the archived counts of the generation shown (plain: a cache, not state). */
	#held: CalendarSummaryCounts;

	constructor(first: CalendarFirstView | undefined) {
		this.#first = first ?? null;
		this.#held = first?.summary ?? { today: 0, week: 0, completed: 0, cancelled: 0 };
		this.#archived = new ArchivedInterviews(this.#first);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once, never changed
		this.#firstConflicts = new Map((first?.conflictIds ?? []).map((id) => [id, []]));
	}

	/** The live document's state; null until its code has loaded. */
	get sync(): CalendarSync | null {
		return this.#sync;
	}
	/** Dragging and its prompt; null until the document's code has loaded. */
	get moves(): MoveFlow | null {
		return this.#moves;
	}
	/** The document has replaced the first view (for good). */
	get live(): boolean {
		return this.#live;
	}
	/** The server's first view, while it is what shows. */
	get first(): CalendarFirstView | null {
		return this.#live ? null : this.#first;
	}
	/** The interviews shown, sorted by start: the document's, and beside them the archived ones known. */
	get interviews(): Interview[] {
		if (!(this.#live && this.#sync)) return this.#first?.interviews ?? [];
		const live = this.#sync.interviews;
		const archived = this.#archived.list;
		if (archived.length === 0) return live;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this read only
		const ids = new Set(live.map((iv) => iv.id));
		return [...live, ...archived.filter((iv) => !ids.has(iv.id))].sort(
			(a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1)
		);
	}
	/** The applications of archived interviews read from the server since the page loaded (see `ArchivedInterviews`). */
	get archivedApplications(): ReadonlyMap<string, ArchivedApplication> {
		return this.#archived.applications;
	}
	/** Says, once, how many edits the server refused because their interview was archived meanwhile. */
	reportRefused(say: (count: number) => void): void {
		const sync = this.#sync;
		if (!sync || sync.refused.length === 0) return;
		say(sync.refused.length);
		sync.dismissRefused();
	}
	/** Reads the archived interviews of `[from, to)` from the server when they are older than the live document. */
	showArchived(from: number, to: number): void {
		void this.#archived.show(from, to);
	}
	/** Reads this week's archived interviews (a window under a week): its summary card and the list count them. */
	showThisWeek(tz: string): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the moment of asking, not state
		this.showArchived(...thisWeek(tz, new Date()));
	}
	get conflicts(): ReadonlyMap<string, Conflict[]> {
		return this.#live && this.#sync ? this.#sync.conflicts : this.#first ? this.#firstConflicts : EMPTY_CONFLICTS;
	}

	/**
	 * The summary cards: the server's counts until live, then counted from the document in `tz`, plus
	 * the archived interviews the server counted for that document's generation (they left it,
	 * decision 69). After a move to a new generation, the last summary stays until the server has
	 * said how many the new one left out (`followArchive`): never a dip while they are read.
	 */
	summary(tz: string): CalendarSummaryCounts {
		if (this.first) return this.first.summary;
		const [sync, archived] = [this.#sync, this.#archived.counts];
		if (!sync || archived.generation !== sync.generation) return this.#held;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the moment of counting, not state
		return (this.#held = liveSummary(sync.interviews, this.#archived.list, archived, tz, new Date()));
	}
	/**
	 * Follows an archive pass: keeps what it took out of the document shown, and reads the archived
	 * counts again once the document is of a later generation than they are; call from an effect. It
	 * reads the phase so that a read that failed is tried again when the connection comes back.
	 */
	followArchive(): void {
		const s = this.#sync;
		if (!s) return;
		const { generation, interviews } = s;
		const last = this.#lastLive;
		if (last && generation > last.generation) {
			// What the move left out was archived: it stays on the page, read only, as after a reload.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call only
			const kept = new Set(interviews.map((iv) => iv.id));
			this.#archived.add(last.interviews.filter((iv) => !kept.has(iv.id) && FINAL.has(iv.status)));
		}
		this.#lastLive = { generation, interviews };
		if (s.phase === 'saved' || s.phase === 'saving') void this.#archived.countsFor(generation);
	}
	/** Interviews in conflict in the whole calendar. */
	get conflictCount(): number {
		return this.first ? this.first.conflicts : this.conflicts.size;
	}

	/** The instants `[from, to)` the events are built for: the widget's range when known, else the first view's. */
	range(shown: { from: number; to: number } | null): [number, number] {
		if (shown) return [shown.from, shown.to];
		return this.first ? [Date.parse(this.first.from), Date.parse(this.first.to)] : [-Infinity, Infinity];
	}

	/** Loads the document's code, then opens the document; `moves` is given the loaded state. */
	async start(url: string, opts: ConstructorParameters<typeof CalendarSync>[0], moves: Omit<MoveContext, 'sync'>) {
		this.#startedAt = performance.now();
		const [{ CalendarSync }, { MoveFlow }] = await Promise.all([
			import('$lib/collab/sync.svelte'),
			import('./moves.svelte')
		]);
		if (this.#destroyed) return;
		const sync = new CalendarSync(opts);
		sync.start(url);
		this.#sync = sync;
		this.#moves = new MoveFlow({ ...moves, sync });
		const left = LOCAL_COPY_WAIT_MS - (performance.now() - this.#startedAt);
		this.#timer = setTimeout(() => (this.#waited = true), Math.max(0, left));
	}

	/** Turns live once the document may replace the first view; call from an effect. */
	check(): void {
		const s = this.#sync;
		if (this.#live || !s) return;
		const ready = documentReady({
			phase: s.phase,
			localLoaded: s.localLoaded,
			pending: s.pending,
			localInterviews: s.interviews.length,
			waitedMs: this.#waited ? LOCAL_COPY_WAIT_MS : 0
		});
		if (ready) this.#live = true;
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#timer);
		this.#sync?.destroy();
	}
}
