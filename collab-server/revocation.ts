/**
 * Connections do not outlive their reason (docs/architecture.md invariant 3). auth.ts decides when a
 * connection opens; this extension asks the same questions again of open connections:
 *
 * - the session or API token behind it still stands; if not (signed out, session ended, token
 *   revoked), the whole socket is closed with 4401 `session-ended`;
 * - the user may still open the document; if not (off the panel, no longer a member), that document's
 *   connection is closed with reason `access-revoked` (the client drops its copy of the notes);
 * - with the same rights; if not (admin made interviewer), the socket is closed with 4205
 *   `access-changed` and the provider reconnects with what the user may do now.
 *
 * It re-checks on the event bus (`interview.changed`: that interview's notes; `access.changed`: those
 * users' connections), at `connected` (a change that landed while the connection was being set up),
 * and every `recheckMs` for everything (what changed without an event: a session expiring, a
 * membership edited in SQL, an event missed while the bus reconnected). With a real Postgres the bus
 * is LISTEN/NOTIFY, so every instance hears it and closes its own connections.
 */
import type { Connection, connectedPayload, Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import type { Sql } from '../db/client';
import { ACCESS_CHANGED_EVENT, type EventBus, type ParleyEvent } from '../db/events';
import { notesDocName } from '../src/lib/collab/calendar';
import { authorize, credentialKey, liveCredentials, type CollabContext } from './auth';
import { closeSocket } from './sockets';
import { ACCESS_REVOKED as ACCESS_REVOKED_CLOSE } from '../src/lib/contract/collab';

/** The close of a document's connection when its user lost access (the provider's `close` event carries it). */
const REVOKED = ACCESS_REVOKED_CLOSE;
export const ACCESS_REVOKED = REVOKED.reason;
/** The socket's close when the session or API token behind it ended. */
export const SESSION_ENDED = { code: 4401, reason: 'session-ended' } as const;
/** The socket's close when the user's rights on a document changed; the provider reconnects. */
export const ACCESS_CHANGED = { code: 4205, reason: 'access-changed' } as const;

/** Which open connections to re-check (all when empty). */
export interface RecheckScope {
	documentName?: string;
	userIds?: readonly string[];
}

export interface RecheckResult {
	/** Sockets closed because their session or API token ended. */
	ended: number;
	/** Document connections closed because their user lost access. */
	revoked: number;
	/** Sockets closed because their user's rights changed. */
	changed: number;
}

type UserContext = CollabContext & { userId: string };

function userContext(connection: Connection): UserContext | null {
	const context = connection.context as CollabContext | undefined;
	return context?.kind === 'user' && context.userId ? (context as UserContext) : null;
}

/** Re-checks the open connections in scope against their credential and access; closes what no longer stands. */
export async function recheckConnections(
	hocuspocus: Hocuspocus,
	sql: Sql,
	scope: RecheckScope = {}
): Promise<RecheckResult> {
	const users = scope.userIds ? new Set(scope.userIds) : null;
	const open: { connection: Connection; context: UserContext; documentName: string }[] = [];
	for (const [documentName, document] of hocuspocus.documents) {
		if (scope.documentName !== undefined && documentName !== scope.documentName) continue;
		for (const connection of document.getConnections()) {
			const context = userContext(connection);
			if (context && (!users || users.has(context.userId))) open.push({ connection, context, documentName });
		}
	}
	const result: RecheckResult = { ended: 0, revoked: 0, changed: 0 };
	if (!open.length) return result;
	const credentials = open.flatMap((o) => (o.context.credential ? [o.context.credential] : []));
	const live = await liveCredentials(sql, credentials);
	const decisions = new Map<string, ReturnType<typeof authorize>>();
	const ended = new Set<WebSocket>();
	const changed = new Set<WebSocket>();
	for (const { connection, context, documentName } of open) {
		const ws = connection.webSocket as unknown as WebSocket;
		if (!context.credential || !live.has(credentialKey(context.credential))) {
			ended.add(ws);
			continue;
		}
		const key = `${context.userId}\u0000${documentName}\u0000${context.orgScope ?? ''}`;
		if (!decisions.has(key)) decisions.set(key, authorize(sql, context.userId, documentName, context.orgScope ?? null));
		const access = await decisions.get(key)!;
		if (!access) {
			connection.close(REVOKED);
			result.revoked++;
		} else if (access.readOnly !== connection.readOnly || access.role !== context.role) changed.add(ws);
	}
	for (const ws of ended) closeSocket(ws, SESSION_ENDED);
	for (const ws of changed) if (!ended.has(ws)) closeSocket(ws, ACCESS_CHANGED);
	result.ended = ended.size;
	result.changed = [...changed].filter((ws) => !ended.has(ws)).length;
	return result;
}

/** Re-checks the connections of an interview's notes (after a change of its panel); kept for callers by name. */
export async function revokeNotesAccess(hocuspocus: Hocuspocus, sql: Sql, interviewId: string): Promise<number> {
	return (await recheckConnections(hocuspocus, sql, { documentName: notesDocName(interviewId) })).revoked;
}

/** The Hocuspocus extension that listens to the bus, sweeps, and re-checks new connections. */
export function revocation(sql: Sql, bus: EventBus, recheckMs: number): Extension {
	let unsubscribe: (() => void) | null = null;
	let sweep: NodeJS.Timeout | null = null;
	const report = (what: string) => (err: unknown) => console.error(`[collab] re-checking ${what} failed`, err);
	return {
		extensionName: 'parley-revocation',
		async onConfigure({ instance }: onConfigurePayload) {
			unsubscribe?.();
			unsubscribe = bus.subscribe((event: ParleyEvent) => {
				if (event.type === 'interview.changed' && event.interviewId)
					recheckConnections(instance, sql, { documentName: notesDocName(event.interviewId) }).catch(
						report(`access to the notes of ${event.interviewId}`)
					);
				else if (event.type === ACCESS_CHANGED_EVENT && event.userIds?.length)
					recheckConnections(instance, sql, { userIds: event.userIds }).catch(report('connections after a sign-out'));
			});
			if (sweep) clearInterval(sweep);
			let sweeping = false;
			sweep = setInterval(() => {
				if (sweeping || instance.getConnectionsCount() === 0) return;
				sweeping = true;
				recheckConnections(instance, sql)
					.catch(report('the open connections'))
					.finally(() => (sweeping = false));
			}, recheckMs);
			sweep.unref();
		},
		// A sign-out or a panel change that lands while a connection is being set up (authenticated,
		// document still loading) finds no connection to close: check this one once it is established.
		async connected({ documentName, context, connection }: connectedPayload) {
			const ctx = context as CollabContext | undefined;
			if (ctx?.kind !== 'user' || !ctx.userId) return;
			const credential = ctx.credential;
			if (!credential || !(await liveCredentials(sql, [credential])).has(credentialKey(credential))) {
				closeSocket(connection.webSocket as unknown as WebSocket, SESSION_ENDED);
				return;
			}
			if (!(await authorize(sql, ctx.userId, documentName, ctx.orgScope ?? null))) connection.close(REVOKED);
		},
		async onDestroy() {
			unsubscribe?.();
			unsubscribe = null;
			if (sweep) clearInterval(sweep);
			sweep = null;
		}
	};
}
