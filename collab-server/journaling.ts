/**
 * Durable before acknowledged (docs/architecture.md invariant 9). Hocuspocus answers a client's update with
 * SyncStatus (the provider's `unsyncedChanges` going back to 0) right after applying it, in
 * MessageReceiver, once the `beforeHandleMessage` hooks resolved. So this hook applies the update
 * itself at once (every other client sees it, while Postgres is down too), and then waits until the
 * journal holds it and every earlier change of the document; only then does Hocuspocus apply it again
 * (a no-op) and acknowledge. Every change made to this instance's copy is journaled (clients, direct
 * connections, other extensions); what arrives from another instance through Redis was journaled by
 * that instance.
 */
import { IncomingMessage, MessageType, type Document, type Extension } from '@hocuspocus/server';
import type {
	beforeHandleMessagePayload,
	beforeUnloadDocumentPayload,
	onLoadDocumentPayload
} from '@hocuspocus/server';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import type { UpdateJournal } from './journal';

/** Origin of Hocuspocus' Redis extension. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';
const SHUTDOWN_FLUSH_MS = 10_000;

/** The Yjs update carried by a client's sync message (step 2 or update), or null for any other message. */
export function updateOf(message: Uint8Array): Uint8Array | null {
	try {
		const incoming = new IncomingMessage(message);
		incoming.readVarString();
		const type = incoming.readVarUint();
		if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
		const step = incoming.readVarUint();
		return step === messageYjsSyncStep2 || step === messageYjsUpdate ? incoming.readVarUint8Array() : null;
	} catch {
		return null; // not ours to judge: Hocuspocus refuses a garbled message its usual way
	}
}

/** The journaling extension: the acknowledgement of an update waits for the journal. */
export function journaling(journal: UpdateJournal): Extension {
	return {
		extensionName: 'parley-journaling',
		// After every other extension's hooks: an update is applied only once all of them let it through,
		// and the journal listens only once persistence has loaded the stored state.
		priority: 10,
		async onLoadDocument({ document }: onLoadDocumentPayload) {
			document.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin !== REDIS_ORIGIN) void journal.append(document, update);
			});
		},
		async beforeHandleMessage({ connection, document, update: message }: beforeHandleMessagePayload) {
			if (connection.readOnly) return;
			const update = updateOf(message);
			if (!update) return;
			// The 'update' listener above journals what this changes (a malformed update throws here, and
			// Hocuspocus closes the connection as it would have).
			Y.applyUpdate(document, update, connection);
			// Structs waiting for ones not seen yet change nothing now, but they are part of the state.
			if (document.store.pendingStructs || document.store.pendingDs) void journal.append(document, update);
			// Even an update that changed nothing waits: its acknowledgement says everything is saved.
			await journal.settled(document);
		},
		async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload) {
			await journal.settled(document as Document);
		},
		async onDestroy() {
			await journal.flushed(SHUTDOWN_FLUSH_MS);
		}
	};
}
