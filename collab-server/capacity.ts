/**
 * A bound on every open document (issue 15, decision 87): a client's update that would make the
 * document's encoded state larger than `maxBytes` is refused, and that client's connection to the
 * document is closed with `DOCUMENT_FULL`. Nothing of the update is applied or journaled; the other
 * connections go on. A change that only deletes is always let through: it is how a full document
 * gets smaller.
 *
 * The encoded size is known exactly at load, then estimated by adding every update's length (an
 * upper bound in practice: Yjs merges what it stores). Only when the estimate passes the bound is it
 * measured again, at most once every `remeasureMs` per document, so a client at the limit cannot make
 * the server encode a large document on every message.
 */
import type { afterLoadDocumentPayload, beforeHandleMessagePayload, Document, Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { DOCUMENT_FULL } from '../src/lib/contract/collab';
import { updateOf } from './journaling';

export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
const REMEASURE_MS = 5_000;

interface Size {
	measured: number;
	grown: number;
	measuredAt: number;
}

/** The refusal Hocuspocus turns into the close of one connection (its `code` and `reason`). */
export class DocumentFullError extends Error {
	readonly code = DOCUMENT_FULL.code;
	readonly reason = DOCUMENT_FULL.reason;
	constructor(documentName: string, bytes: number, maxBytes: number) {
		super(`${documentName}: an update of ${bytes} bytes would make it larger than ${maxBytes} bytes`);
	}
}

/** Only deletions: no struct to add, so nothing grows. */
function onlyDeletes(update: Uint8Array): boolean {
	try {
		return Y.decodeUpdate(update).structs.length === 0;
	} catch {
		return false;
	}
}

export function capacity(maxBytes: number, remeasureMs = REMEASURE_MS, now = Date.now): Extension {
	// Kept with the document: an unloaded one goes, its listener and its entry with it.
	const sizes = new WeakMap<Document, Size>();
	const measure = (document: Document, size: Size) => {
		size.measured = Y.encodeStateAsUpdate(document).byteLength;
		size.grown = 0;
		size.measuredAt = now();
	};
	return {
		extensionName: 'parley-capacity',
		// Before journaling (priority 10), which applies the update.
		priority: 50,
		async afterLoadDocument({ document }: afterLoadDocumentPayload) {
			const size: Size = { measured: 0, grown: 0, measuredAt: 0 };
			measure(document, size);
			sizes.set(document, size);
			document.on('update', (update: Uint8Array) => (size.grown += update.byteLength));
		},
		async beforeHandleMessage({ connection, document, documentName, update: message }: beforeHandleMessagePayload) {
			if (connection.readOnly) return;
			const size = sizes.get(document);
			const update = size && updateOf(message);
			if (!size || !update) return;
			if (size.measured + size.grown + update.byteLength <= maxBytes) return;
			if (onlyDeletes(update)) return;
			if (now() - size.measuredAt >= remeasureMs) measure(document, size);
			if (size.measured + size.grown + update.byteLength <= maxBytes) return;
			throw new DocumentFullError(documentName, update.byteLength, maxBytes);
		}
	};
}
