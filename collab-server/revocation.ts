/**
 * Revocation of notes access (ARCHITECTURE.md invariant 3): auth.ts refuses a new connection to
 * `interview:<id>:notes` from anybody off the panel, but a connection opened earlier stays open.
 * When the event bus says an interview changed (the projection publishes it after each change of the
 * panel), this extension re-checks every open connection to that interview's notes and closes those
 * whose user may no longer open them. Each instance does this for its own connections; with a real
 * Postgres the bus is LISTEN/NOTIFY, so every instance hears it.
 */
import type { connectedPayload, Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import type { Sql } from '../db/client';
import type { EventBus, ParleyEvent } from '../db/events';
import { notesDocName, parseDocName } from '../src/lib/collab/calendar';
import { authorize, type CollabContext } from './auth';

/** The close reason a revoked client receives (its provider's `close` event carries it). */
export const ACCESS_REVOKED = 'access-revoked';
const REVOKED: { code: number; reason: string } = { code: 4403, reason: ACCESS_REVOKED };

/** Closes the open connections to an interview's notes whose user lost access; returns how many. */
export async function revokeNotesAccess(hocuspocus: Hocuspocus, sql: Sql, interviewId: string): Promise<number> {
	const name = notesDocName(interviewId);
	const document = hocuspocus.documents.get(name);
	if (!document) return 0;
	const decisions = new Map<string, Promise<boolean>>();
	let closed = 0;
	for (const connection of document.getConnections()) {
		const context = (connection as unknown as { context?: CollabContext }).context;
		if (context?.kind !== 'user' || !context.userId) continue;
		const userId = context.userId;
		if (!decisions.has(userId))
			decisions.set(
				userId,
				authorize(sql, userId, name).then((a) => a !== null)
			);
		if (await decisions.get(userId)) continue;
		connection.close(REVOKED);
		closed++;
	}
	return closed;
}

/** The Hocuspocus extension that listens to the bus and revokes. */
export function revocation(sql: Sql, bus: EventBus): Extension {
	let unsubscribe: (() => void) | null = null;
	return {
		extensionName: 'parley-revocation',
		async onConfigure({ instance }: onConfigurePayload) {
			unsubscribe?.();
			unsubscribe = bus.subscribe((event: ParleyEvent) => {
				if (event.type !== 'interview.changed' || !event.interviewId) return;
				revokeNotesAccess(instance, sql, event.interviewId).catch((err: unknown) =>
					console.error(`[collab] re-checking access to the notes of ${event.interviewId} failed`, err)
				);
			});
		},
		// A panel change that lands while a connection is being set up (authenticated, document still
		// loading) finds no connection to close: check once more when it is established.
		async connected({ documentName, context, connection }: connectedPayload) {
			const ctx = context as CollabContext | undefined;
			if (parseDocName(documentName)?.kind !== 'notes' || ctx?.kind !== 'user' || !ctx.userId) return;
			if (!(await authorize(sql, ctx.userId, documentName))) connection.close(REVOKED);
		},
		async onDestroy() {
			unsubscribe?.();
			unsubscribe = null;
		}
	};
}
