/**
 * Which of this person's moves lost to a move of the same interview made apart.
 *
 * Two admins who move the same interview while apart (one offline) both write its `start`; when the
 * edits merge, Yjs keeps one of the two values for every replica and the other move is gone without
 * a trace. The ledger remembers the Yjs item that each of my moves wrote and, when a change arrives
 * from elsewhere, tells a move that someone made after seeing mine (their item descends from mine:
 * nothing to say) from one made without seeing it (a concurrent write that won: my move was lost).
 *
 * Framework-free and kept in localStorage, so an offline move survives a reload and is still checked
 * when the merge finally happens.
 */
import * as Y from 'yjs';
import { getInterview, interviewsMap } from './calendar';

/** The keys a move writes. */
export const MOVE_KEYS = ['start', 'durationMin'] as const;
type MoveKey = (typeof MOVE_KEYS)[number];

/** Moves older than this are forgotten: a merge that late is not a fresh surprise. */
export const KEEP_MOVES_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many moves are remembered per calendar. */
export const MAX_MOVES = 100;

interface ItemRef {
	client: number;
	clock: number;
}

/** One of my moves, remembered until someone moves the interview after seeing it (or it is old). */
export interface OwnMove {
	interviewId: string;
	/** When I made it (ISO). */
	at: string;
	start: string;
	durationMin: number;
	/** The Yjs items my move wrote, per key. */
	items: Partial<Record<MoveKey, ItemRef>>;
}

/** A move of mine that a move made apart replaced. */
export interface LostMove {
	interviewId: string;
	mine: { start: string; durationMin: number };
	theirs: { start: string; durationMin: number; by: string | null };
}

/** The part of `Storage` the ledger uses (null: keep nothing between page loads). */
export type MoveStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;

/** The item that holds the current value of `key` in an interview's Y.Map. */
function currentItem(doc: Y.Doc, interviewId: string, key: MoveKey): Y.Item | null {
	const m = interviewsMap(doc).get(interviewId);
	if (!(m instanceof Y.Map)) return null;
	return (m as Y.Map<unknown>)._map.get(key) ?? null;
}

function holds(item: { id: Y.ID; length: number }, ref: ItemRef): boolean {
	return item.id.client === ref.client && item.id.clock <= ref.clock && ref.clock < item.id.clock + item.length;
}

/**
 * 'same': `current` is my item; 'after': it was written by someone who had my item (a later move);
 * 'concurrent': it was written without seeing mine, so mine lost the merge.
 */
function relation(doc: Y.Doc, current: Y.Item, mine: ItemRef): 'same' | 'after' | 'concurrent' {
	if (holds(current, mine)) return 'same';
	// A map write names the value it replaced as its origin: follow that chain back.
	let origin = current.origin;
	for (let depth = 0; origin && depth < 10_000; depth++) {
		if (origin.client === mine.client && origin.clock === mine.clock) return 'after';
		let prev: Y.Item | Y.GC;
		try {
			prev = Y.getItem(doc.store, origin);
		} catch {
			break;
		}
		if (holds(prev, mine)) return 'after';
		if (!(prev instanceof Y.Item)) break;
		origin = prev.origin;
	}
	return 'concurrent';
}

/** Remembers my moves and reports the ones that a concurrent move replaced. */
export class MoveLedger {
	#moves = new Map<string, OwnMove>();
	readonly #storage: MoveStorage;
	readonly #key: string;
	readonly #me: string;

	constructor(opts: { storage: MoveStorage; key: string; me: string; now?: Date }) {
		this.#storage = opts.storage;
		this.#key = opts.key;
		this.#me = opts.me;
		this.#load(opts.now ?? new Date());
	}

	/** How many moves are remembered. */
	get size(): number {
		return this.#moves.size;
	}

	/** After a transaction made here: remembers the moves it made (items of `doc`'s own client). */
	noteLocal(doc: Y.Doc, ids: Iterable<string>, now: Date = new Date()): void {
		let changed = false;
		for (const id of ids) {
			const items: Partial<Record<MoveKey, ItemRef>> = {};
			for (const key of MOVE_KEYS) {
				const item = currentItem(doc, id, key);
				if (item && item.id.client === doc.clientID) items[key] = { client: item.id.client, clock: item.id.clock };
			}
			if (Object.keys(items).length === 0) continue;
			const known = this.#moves.get(id);
			if (known && MOVE_KEYS.every((k) => sameRef(known.items[k], items[k]))) continue;
			const iv = getInterview(doc, id);
			if (!iv) continue;
			this.#moves.delete(id);
			this.#moves.set(id, {
				interviewId: id,
				at: now.toISOString(),
				start: iv.start,
				durationMin: iv.durationMin,
				items
			});
			changed = true;
		}
		if (changed) this.#save();
	}

	/** After a change from elsewhere: the moves of mine it replaced. Each is reported once, then forgotten. */
	checkRemote(doc: Y.Doc, ids: Iterable<string>): LostMove[] {
		const lost: LostMove[] = [];
		let changed = false;
		for (const id of ids) {
			const move = this.#moves.get(id);
			if (!move) continue;
			const verdicts: string[] = [];
			let gone = false;
			for (const key of MOVE_KEYS) {
				const ref = move.items[key];
				if (!ref) continue;
				const current = currentItem(doc, id, key);
				if (!current) {
					gone = true;
					break;
				}
				verdicts.push(relation(doc, current, ref));
			}
			const iv = getInterview(doc, id);
			if (gone || !iv) {
				this.#moves.delete(id);
				changed = true;
			} else if (verdicts.includes('concurrent')) {
				this.#moves.delete(id);
				changed = true;
				// Two tabs of mine racing each other is not news.
				if (iv.updatedBy !== this.#me && (iv.start !== move.start || iv.durationMin !== move.durationMin)) {
					lost.push({
						interviewId: id,
						mine: { start: move.start, durationMin: move.durationMin },
						theirs: { start: iv.start, durationMin: iv.durationMin, by: iv.updatedBy }
					});
				}
			} else if (verdicts.length > 0 && verdicts.every((v) => v === 'after')) {
				// Someone moved it again after seeing my move: mine was not lost, it was followed up.
				this.#moves.delete(id);
				changed = true;
			}
		}
		if (changed) this.#save();
		return lost;
	}

	/** Forgets everything (sign-out, tests). */
	clear(): void {
		this.#moves.clear();
		this.#storage?.removeItem(this.#key);
	}

	#load(now: Date): void {
		let raw: unknown = null;
		try {
			raw = JSON.parse(this.#storage?.getItem(this.#key) ?? 'null');
		} catch {
			raw = null;
		}
		if (!Array.isArray(raw)) return;
		for (const m of raw as OwnMove[]) {
			if (!m || typeof m.interviewId !== 'string' || typeof m.at !== 'string' || typeof m.items !== 'object') continue;
			if (now.getTime() - Date.parse(m.at) > KEEP_MOVES_MS) continue;
			this.#moves.set(m.interviewId, m);
		}
	}

	#save(): void {
		if (!this.#storage) return;
		const list = [...this.#moves.values()].slice(-MAX_MOVES);
		this.#moves = new Map(list.map((m) => [m.interviewId, m]));
		if (list.length === 0) this.#storage.removeItem(this.#key);
		else this.#storage.setItem(this.#key, JSON.stringify(list));
	}
}

function sameRef(a: ItemRef | undefined, b: ItemRef | undefined): boolean {
	return a?.client === b?.client && a?.clock === b?.clock;
}
