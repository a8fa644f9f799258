/**
 * Persistence of Yjs documents: a snapshot in `yjs_documents` plus the journal of the updates since
 * (collab-server/journal.ts). Loading applies the snapshot and then the journal rows in order.
 * Storing (after the debounce, on the last disconnect, at shutdown) folds: in one transaction it
 * writes the merged state as the new snapshot and deletes the journal rows this copy already
 * contained when it encoded that state, never a row that came later. Fail safe: when a store fails,
 * the document is kept in memory (its unload is refused) and the store is retried with backoff.
 */
import type {
	Extension,
	beforeUnloadDocumentPayload,
	onLoadDocumentPayload,
	onStoreDocumentPayload
} from '@hocuspocus/server';
import type { TransactionSql } from 'postgres';
import * as Y from 'yjs';
import type { Sql } from '../db/client';
import type { NamedDoc, UpdateJournal } from './journal';

export const STORE_RETRY_FIRST_MS = 1_000;
export const STORE_RETRY_MAX_MS = 30_000;

/**
 * Applies the stored state of `name` to `doc`: the snapshot, then the journal rows in order. Says
 * which snapshot version (xmin) it read (null: none yet) and which journal rows applied; a row that
 * does not apply is reported and left in the journal (never folded away), so nothing is lost while
 * someone looks at it.
 */
export async function loadStored(
	sql: Sql,
	name: string,
	doc: Y.Doc
): Promise<{ version: string | null; loaded: string[] }> {
	// One statement, so one consistent view: no fold elsewhere can slip between snapshot and journal.
	const rows = await sql<{ id: string; update: Uint8Array; xmin: string }[]>`
		select 0::bigint as id, state as update, xmin::text from yjs_documents where name = ${name}
		union all
		select id, update, null from yjs_update_journal where name = ${name}
		order by id`;
	let version: string | null = null;
	const loaded: string[] = [];
	for (const row of rows) {
		if (row.id === '0') {
			Y.applyUpdate(doc, row.update);
			version = row.xmin;
			continue;
		}
		try {
			Y.applyUpdate(doc, row.update);
			loaded.push(row.id);
		} catch (err) {
			console.error(`[collab] journal row ${row.id} of ${name} does not apply; kept`, err);
		}
	}
	return { version, loaded };
}

/** The persistence extension bound to a database and its update journal. */
export function persistence(sql: Sql, journal: UpdateJournal): Extension {
	/** Documents whose latest store failed, with the delay before the next try. */
	const failing = new Map<string, number>();
	/** The snapshot version (xmin) each copy was loaded from or last wrote: stored state it contains. */
	const known = new WeakMap<NamedDoc, string>();

	/** Writes `state` as a new snapshot when someone else wrote the stored one, or none exists yet. */
	async function createOrMerge(
		tx: TransactionSql<Record<string, unknown>>,
		name: string,
		state: Uint8Array
	): Promise<string> {
		const [created] = await tx<{ xmin: string }[]>`insert into yjs_documents (name, state) values (${name}, ${state})
			on conflict (name) do nothing returning xmin::text`;
		if (created) return created.xmin;
		// The row lock orders the folds of several instances. A state another instance wrote may hold
		// updates this copy has not received yet, whose journal rows are gone: merge, never overwrite.
		const [stored] = await tx<{ state: Uint8Array }[]>`select state from yjs_documents where name = ${name} for update`;
		const [updated] = await tx<{ xmin: string }[]>`update yjs_documents
			set state = ${Y.mergeUpdates([stored!.state, state])}, updated_at = now() where name = ${name} returning xmin::text`;
		return updated!.xmin;
	}

	async function fold(name: string, doc: NamedDoc): Promise<void> {
		// Rows taken before the encoding: each of them is in the state encoded next.
		const ids = journal.foldable(doc);
		const state = Y.encodeStateAsUpdate(doc);
		const version = await sql.begin(async (tx) => {
			// Usually the stored snapshot is the one this copy loaded or wrote last: replace it in one statement.
			const [mine] = await tx<{ xmin: string }[]>`update yjs_documents set state = ${state}, updated_at = now()
				where name = ${name} and xmin::text = ${known.get(doc) ?? ''} returning xmin::text`;
			const written = mine?.xmin ?? (await createOrMerge(tx, name, state));
			if (ids.length) await tx`delete from yjs_update_journal where id = any(${ids}::bigint[])`;
			return written;
		});
		known.set(doc, version);
		journal.folded(doc, ids);
	}

	return {
		extensionName: 'parley-persistence',
		async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
			const { version, loaded } = await loadStored(sql, documentName, document);
			if (version !== null) known.set(document, version);
			journal.loaded(document, loaded);
		},
		async onStoreDocument(data: onStoreDocumentPayload) {
			try {
				await fold(data.documentName, data.document);
				failing.delete(data.documentName);
			} catch (err) {
				const delay = Math.min((failing.get(data.documentName) ?? STORE_RETRY_FIRST_MS / 2) * 2, STORE_RETRY_MAX_MS);
				failing.set(data.documentName, delay);
				console.error(`[collab] storing ${data.documentName} failed; kept in memory, retrying in ${delay} ms`, err);
				setTimeout(() => {
					void data.instance.storeDocumentHooks(data.document, data, true).catch(() => {});
				}, delay).unref();
				// Not rethrown: Hocuspocus would surface it as an unhandled rejection; the retry owns it now.
			}
		},
		async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload) {
			// Refusing the unload keeps the only copy of the unsaved edits in memory.
			if (failing.has(documentName)) throw new Error(`${documentName} has unsaved changes`);
		}
	};
}
