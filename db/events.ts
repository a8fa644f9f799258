/**
 * Change events between processes: LISTEN/NOTIFY with a real Postgres, an in-process emitter with the
 * embedded database (whose socket does not carry notifications; it serves one process anyway).
 */
import { EventEmitter } from 'node:events';
import type { Database } from './client';

const CHANNEL = 'parley_events';

/**
 * Somebody's sessions, tokens or rights changed (sign-out, a revoked API token, a link replaced): every
 * collab-server instance re-checks the open connections of `userIds` (collab-server/revocation.ts).
 */
export const ACCESS_CHANGED_EVENT = 'access.changed';

export interface ParleyEvent {
	/** e.g. `interview.changed` */
	type: string;
	orgId: string;
	interviewId?: string;
	/** People whose views should refresh (the candidate, the panel). */
	userIds?: string[];
}

export interface EventBus {
	publish(event: ParleyEvent): Promise<void>;
	subscribe(listener: (event: ParleyEvent) => void): () => void;
	close(): Promise<void>;
}

/** Creates the bus suited to the database kind. */
export async function createEventBus(db: Database): Promise<EventBus> {
	const local = new EventEmitter();
	local.setMaxListeners(0);
	const emit = (event: ParleyEvent) => local.emit('event', event);
	let unlisten: (() => Promise<void>) | null = null;
	if (db.kind === 'postgres') {
		const sub = await db.sql.listen(CHANNEL, (payload) => {
			try {
				emit(JSON.parse(payload) as ParleyEvent);
			} catch {
				// A payload we did not write: ignore it.
			}
		});
		unlisten = sub.unlisten;
	}
	return {
		async publish(event) {
			if (db.kind === 'postgres') await db.sql.notify(CHANNEL, JSON.stringify(event));
			else emit(event);
		},
		subscribe(listener) {
			local.on('event', listener);
			return () => local.off('event', listener);
		},
		async close() {
			await unlisten?.();
			local.removeAllListeners();
		}
	};
}
