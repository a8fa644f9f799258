/**
 * What the live calendar shows of its document, kept current entry by entry: the interviews by id,
 * their conflict index, and the entries that need repair. Plain state; `sync.svelte.ts` publishes
 * its snapshots to the UI.
 */
import { ConflictIndex, type Conflict, type Interview } from '$lib/domain';
import type * as Y from 'yjs';
import { getInterview, inspectEntry, readCalendar, type DamagedEntry } from './calendar';

const byIdOrder = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A snapshot for the UI. */
export interface CalendarSnapshot {
	interviews: Interview[];
	conflicts: ReadonlyMap<string, Conflict[]>;
	/** Absent when no entry is or was damaged (nothing to republish). */
	damaged?: DamagedEntry[];
}

export class CalendarView {
	#byId = new Map<string, Interview>();
	#damagedById = new Map<string, DamagedEntry>();
	#hadDamage = false;
	index: ConflictIndex;

	constructor(readonly bufferMin = 0) {
		this.index = new ConflictIndex([], { bufferMin });
	}

	/** Reads one entry again. */
	readOne(doc: Y.Doc, id: string): void {
		const iv = getInterview(doc, id);
		if (iv) {
			this.#byId.set(id, iv);
			this.index.upsert(iv);
		} else {
			this.#byId.delete(id);
			this.index.remove(id);
		}
		const damaged = iv ? null : inspectEntry(doc, id);
		if (damaged) this.#damagedById.set(id, damaged);
		else this.#damagedById.delete(id);
	}

	/** Reads the whole document again. */
	readAll(doc: Y.Doc): CalendarSnapshot {
		const { interviews, malformedIds } = readCalendar(doc);
		this.#byId = new Map(interviews.map((iv) => [iv.id, iv]));
		this.index = new ConflictIndex(interviews, { bufferMin: this.bufferMin });
		const damaged = malformedIds.map((id) => inspectEntry(doc, id)).filter((e): e is DamagedEntry => e !== null);
		this.#damagedById = new Map(damaged.map((e) => [e.id, e]));
		this.#hadDamage = damaged.length > 0;
		return { interviews, conflicts: this.index.allConflicts(), damaged };
	}

	/** The current state, sorted by start. */
	snapshot(): CalendarSnapshot {
		const interviews = [...this.#byId.values()].sort(
			(a, b) => Date.parse(a.start) - Date.parse(b.start) || byIdOrder(a, b)
		);
		const hasDamage = this.#damagedById.size > 0;
		const damaged = hasDamage || this.#hadDamage ? [...this.#damagedById.values()].sort(byIdOrder) : undefined;
		this.#hadDamage = hasDamage;
		return { interviews, conflicts: this.index.allConflicts(), damaged };
	}
}
