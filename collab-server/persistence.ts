/**
 * Persistence of Yjs documents in `yjs_documents`, through Hocuspocus' Database extension: the merged
 * state, stored after the debounce, on the last disconnect and at shutdown. Fail safe: when a store
 * fails, the document is kept in memory (its unload is refused) and the store is retried with backoff
 * until it succeeds, so a database hiccup never drops an edit.
 */
import { Database } from '@hocuspocus/extension-database';
import type {
	Extension,
	beforeUnloadDocumentPayload,
	onChangePayload,
	onLoadDocumentPayload,
	onStoreDocumentPayload
} from '@hocuspocus/server';
import type { Sql } from '../db/client';

export const STORE_RETRY_FIRST_MS = 1_000;
export const STORE_RETRY_MAX_MS = 30_000;

/** The persistence extension bound to a database. */
export function persistence(sql: Sql): Extension {
	const database = new Database({
		async fetch({ documentName }) {
			const [row] = await sql<{ state: Uint8Array }[]>`select state from yjs_documents where name = ${documentName}`;
			return row ? new Uint8Array(row.state) : null;
		},
		async store({ documentName, state }) {
			await sql`insert into yjs_documents (name, state, updated_at) values (${documentName}, ${state}, now())
				on conflict (name) do update set state = excluded.state, updated_at = now()`;
		}
	});
	/** Documents whose latest store failed, with the delay before the next try. */
	const failing = new Map<string, number>();

	return {
		extensionName: 'parley-persistence',
		onLoadDocument(data: onLoadDocumentPayload) {
			return database.onLoadDocument(data);
		},
		async onStoreDocument(data: onStoreDocumentPayload) {
			try {
				// The extension declares onChangePayload but reads only the document.
				await database.onStoreDocument(data as unknown as onChangePayload);
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
