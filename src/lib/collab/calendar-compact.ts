/**
 * Compaction of the calendar document and forwarding between its generations (decision 69).
 *
 * Yjs never forgets: every value ever written, and every interview ever removed, leaves items (or
 * their tombstones) in the encoded document. Compaction copies the entries that stay, value by value,
 * into a fresh document, the next generation, which has none of that history. A client that still
 * holds the previous generation (offline at the time) may later send edits to it; `changedEntries`
 * tells which entries and fields such an update changed, measured against what was already forwarded,
 * and `forwardChanges` writes those fields into the current generation, field by field, so an edit of
 * one field never undoes a newer edit of another.
 */
import * as Y from 'yjs';
import { interviewsMap } from './calendar-schema';
import { replaceArray } from './calendar-write';

/** A copy of a value of the document with no shared history: nested maps and arrays are rebuilt. */
export function copyValue(value: unknown): unknown {
	if (value instanceof Y.Map) {
		const out = new Y.Map<unknown>();
		for (const [k, v] of value.entries()) out.set(k, copyValue(v));
		return out;
	}
	if (value instanceof Y.Array) {
		const out = new Y.Array<unknown>();
		out.push(value.toArray().map(copyValue));
		return out;
	}
	if (value instanceof Y.AbstractType) return value.toJSON();
	return value;
}

/** A fresh document holding the entries of `doc` that `keep` accepts, with none of their history. */
export function compactCalendar(doc: Y.Doc, keep: (id: string) => boolean): Y.Doc {
	const fresh = new Y.Doc();
	const into = interviewsMap(fresh);
	fresh.transact(() => {
		for (const [id, entry] of interviewsMap(doc).entries()) if (keep(id)) into.set(id, copyValue(entry));
	});
	return fresh;
}

/** What an update changed in one entry: it appeared, it was removed, or these keys changed. */
export type EntryChange = { kind: 'created' } | { kind: 'deleted' } | { kind: 'fields'; keys: Set<string> };

/**
 * Applies `update` to `base` and says what it changed in the `interviews` map, per entry. `base`
 * then holds the update too (it is the state forwarded so far, advanced by this update).
 */
export function changedEntries(base: Y.Doc, update: Uint8Array): Map<string, EntryChange> {
	const changes = new Map<string, EntryChange>();
	const map = interviewsMap(base);
	const watch = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
		for (const event of events) {
			if (event.target === map) {
				for (const [id, change] of event.changes.keys) {
					if (change.action === 'delete') changes.set(id, { kind: 'deleted' });
					else changes.set(id, { kind: 'created' });
				}
				continue;
			}
			// A change inside an entry: the entry's id is the first step of its path.
			const [id, key] = event.path as [string | undefined, string | number | undefined];
			if (typeof id !== 'string') continue;
			const known = changes.get(id);
			if (known && known.kind !== 'fields') continue;
			const keys = known?.keys ?? new Set<string>();
			// Inside the panel (or another nested value) the entry's key is the path's second step.
			if (typeof key === 'string') keys.add(key);
			else if (event instanceof Y.YMapEvent) for (const k of event.keysChanged) keys.add(k as string);
			changes.set(id, { kind: 'fields', keys });
		}
	};
	map.observeDeep(watch);
	try {
		Y.applyUpdate(base, update);
	} finally {
		map.unobserveDeep(watch);
	}
	return changes;
}

/** The outcome of forwarding: entries written into the current generation, and entries it no longer has. */
export interface ForwardResult {
	applied: string[];
	/** Changed in the old generation but absent from the current one (archived meanwhile): not applied. */
	missing: { id: string; keys: string[] }[];
}

/**
 * Writes into `into` what `changes` say changed in `from`, in one transaction with `origin`. A
 * changed key takes the value `from` holds now; an entry that appeared is copied whole when `into`
 * lacks it; an entry removed in `from` is removed. Entries `into` lacks are reported, not recreated:
 * the caller decides (an archived interview's edit is refused).
 */
export function forwardChanges(
	from: Y.Doc,
	into: Y.Doc,
	changes: ReadonlyMap<string, EntryChange>,
	origin: unknown,
	exists: (id: string) => boolean = () => false
): ForwardResult {
	const result: ForwardResult = { applied: [], missing: [] };
	const source = interviewsMap(from);
	const target = interviewsMap(into);
	into.transact(() => {
		for (const [id, change] of changes) {
			const now = source.get(id);
			const there = target.get(id);
			if (change.kind === 'deleted') {
				if (there !== undefined && now === undefined) {
					target.delete(id);
					result.applied.push(id);
				}
				continue;
			}
			if (now === undefined) continue;
			if (there === undefined) {
				// New in the old generation: created offline. One that exists elsewhere (archived) is not revived.
				if (change.kind === 'created' && !exists(id)) {
					target.set(id, copyValue(now));
					result.applied.push(id);
				} else {
					const keys = change.kind === 'fields' ? [...change.keys] : now instanceof Y.Map ? [...now.keys()] : [];
					result.missing.push({ id, keys: keys.sort() });
				}
				continue;
			}
			if (!(now instanceof Y.Map) || !(there instanceof Y.Map)) {
				target.set(id, copyValue(now));
				result.applied.push(id);
				continue;
			}
			const keys = change.kind === 'fields' ? change.keys : new Set(now.keys());
			let wrote = false;
			for (const key of keys) {
				const value = now.get(key);
				const current = there.get(key);
				if (value === undefined) {
					if (current !== undefined) {
						there.delete(key);
						wrote = true;
					}
				} else if (value instanceof Y.Array && current instanceof Y.Array) {
					const before = JSON.stringify(current.toJSON());
					replaceArray(current, value.toArray(), copyValue);
					wrote ||= before !== JSON.stringify(current.toJSON());
				} else if (JSON.stringify(copyJson(value)) !== JSON.stringify(copyJson(current))) {
					there.set(key, copyValue(value));
					wrote = true;
				}
			}
			if (wrote) result.applied.push(id);
		}
	}, origin);
	return result;
}

function copyJson(value: unknown): unknown {
	return value instanceof Y.AbstractType ? value.toJSON() : value;
}
