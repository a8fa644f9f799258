/**
 * The server-side order of an interview's states: which Yjs items an entry is made of.
 *
 * A client chooses `updatedAt`, so it cannot say which of two states is newer. Yjs can: every value
 * written into the document is an item with an id (client, clock) that the document either contains
 * or does not, and a value that was overwritten or removed is marked deleted, never un-deleted. A row
 * remembers the items of the entry it was projected from; a document that lacks one of them, or still
 * shows one the row saw deleted, is older than the row for that interview and must not replace it.
 * It reads Yjs internals (`_item`, `_map`, `_start`), stable within Yjs 13, as decision 21 does.
 */
import * as Y from 'yjs';

/** One item range of an entry: [client, clock, length, 1 when deleted else 0]. */
export type ItemRange = readonly [number, number, number, 0 | 1];

/** The items one entry is made of: its map, each key's latest value, and the panel's elements. */
export type EntryVersion = readonly ItemRange[];

/** What a document contains, frozen at one moment (Yjs' snapshot: state vector and deletions). */
export interface Coverage {
	/** True when every item of the range is in the document. */
	contains(range: ItemRange): boolean;
	/** True when every item of the range is deleted in the document. */
	deleted(range: ItemRange): boolean;
}

interface ItemLike {
	id: { client: number; clock: number };
	length: number;
	deleted: boolean;
	right: ItemLike | null;
}

function rangeOf(item: ItemLike): ItemRange {
	return [item.id.client, item.id.clock, item.length, item.deleted ? 1 : 0];
}

/** The version of the entry stored under `id`; null when there is no such entry. */
export function entryVersion(doc: Y.Doc, id: string): EntryVersion | null {
	const entry = doc.getMap<unknown>('interviews').get(id);
	if (!(entry instanceof Y.AbstractType)) return null;
	const ranges: ItemRange[] = [];
	const own = (entry as unknown as { _item: ItemLike | null })._item;
	if (own) ranges.push(rangeOf(own));
	if (entry instanceof Y.Map) {
		for (const item of (entry as unknown as { _map: Map<string, ItemLike> })._map.values()) ranges.push(rangeOf(item));
		const panel = entry.get('panel');
		if (panel instanceof Y.Array) {
			for (let i = (panel as unknown as { _start: ItemLike | null })._start; i; i = i.right) ranges.push(rangeOf(i));
		}
	}
	return ranges;
}

/** The coverage of a document as it is now (later changes do not alter the answer). */
export function coverageOf(doc: Y.Doc): Coverage {
	const snap = Y.snapshot(doc);
	const sv = snap.sv;
	return {
		contains: ([client, clock, length]) => (sv.get(client) ?? 0) >= clock + length,
		deleted: ([client, clock, length]) => {
			for (let k = clock; k < clock + length; k++) if (!Y.isDeleted(snap.ds, new Y.ID(client, k))) return false;
			return true;
		}
	};
}

/** True when the document lacks something the row was projected from: its entry is older than the row. */
export function isBehind(row: EntryVersion | null, doc: Coverage): boolean {
	if (!row) return false;
	return row.some((range) => !doc.contains(range) || (range[3] === 1 && !doc.deleted(range)));
}

/** True when every item of `wanted` is among the items the row was projected from. */
export function covers(row: EntryVersion | null, wanted: EntryVersion): boolean {
	if (!row) return false;
	return wanted.every(([client, clock, length]) => {
		for (let k = clock; k < clock + length; k++) {
			if (!row.some(([c, start, len]) => c === client && start <= k && k < start + len)) return false;
		}
		return true;
	});
}

/** Reads a stored version back; anything unreadable counts as no version (the legacy rows). */
export function parseVersion(value: unknown): EntryVersion | null {
	if (!Array.isArray(value)) return null;
	const ok = value.every(
		(r) =>
			Array.isArray(r) &&
			r.length === 4 &&
			r.slice(0, 3).every((n) => Number.isSafeInteger(n) && (n as number) >= 0) &&
			(r[3] === 0 || r[3] === 1)
	);
	return ok ? (value as EntryVersion) : null;
}

/** The version of a removed entry: what the row saw, with the entry itself deleted. */
export function removedVersion(row: EntryVersion | null, doc: Coverage): EntryVersion | null {
	return (
		row && row.map((r) => (r[3] === 0 && doc.contains(r) && doc.deleted(r) ? ([r[0], r[1], r[2], 1] as const) : r))
	);
}
