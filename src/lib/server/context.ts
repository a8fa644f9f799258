/**
 * The app's context: what services need from the process (database, event bus, collab-server, mail,
 * configuration), built once by the composition root (server/runtime.ts) and handed to every part.
 * A request carries its process's context on the Node request object, where the hooks read it into
 * `event.locals.ctx` (`contextOf`); jobs and the servers are given theirs when they are built. There
 * is no module-level runtime: two runtimes in one process (the scale-out test) each serve their own.
 */
import type * as Y from 'yjs';
import type { DbKind, Sql } from '../../../db/client';
import type { EventBus } from '../../../db/events';
import type { MailTransport } from './mail/transport';

/** A direct connection to one collab document (Hocuspocus' `DirectConnection`). */
export interface DocConnection {
	transact(fn: (doc: Y.Doc) => void): Promise<void>;
	disconnect(): Promise<void>;
}

/** What the services use of the collab-server: write a document as the server, wait until it is stored. */
export interface CollabHost {
	hocuspocus: { openDirectConnection(documentName: string, context?: unknown): Promise<DocConnection> };
	/** Resolves once the document's changes so far are in the update journal. */
	durable(documentName: string): Promise<void>;
	/** The context of the server's own writes (the JSON API, jobs). */
	systemContext(orgId: string, userId: string | null): unknown;
	/** Resolves once the organization's changes (or those of `ids`) are projected into the tables. */
	projection: { flush(orgId: string, ids?: Iterable<string>): Promise<void> };
	/** The name of the organization's live calendar document (decision 69). */
	calendarDoc(orgId: string): Promise<string>;
	/** Archives what is due in the organization's calendar and compacts it; null when nothing is due. */
	archive(
		orgId: string
	): Promise<{ archived: number; generation: number; bytesBefore: number; bytesAfter: number } | null>;
}

/** The settings the app reads (a part of server/config.ts's `Config`). */
export interface AppConfig {
	/** Where browsers reach the collab-server when it runs apart from the app. */
	COLLAB_URL?: string;
	/** Where browsers reach the peer-server when it runs apart from the app. */
	PEER_URL?: string;
	MAIL_FROM: string;
	ICE_SERVERS: { urls: string | string[]; username?: string; credential?: string }[];
}

export interface AppContext {
	sql: Sql;
	/** Which database `sql` talks to. */
	dbKind: DbKind;
	bus: EventBus;
	collab: CollabHost;
	mail: Pick<MailTransport, 'kind'>;
	config: AppConfig;
	/** The origin links in messages point to (known once the server listens). */
	readonly origin: string;
	/** The sender of messages (`MAIL_FROM`). */
	readonly from: string;
	/** What this process's peer-server relayed and dropped; null before it is attached (or in a part without it). */
	peerStats(): PeerStats | null;
}

/** The peer-server's counters, as `/api/health` reports them. */
export interface PeerStats {
	connections: number;
	relayed: number;
	dropped: number;
	droppedBy: Record<'malformed' | 'type' | 'room' | 'revoked', number>;
}

/**
 * Where a Node request carries its context. `Symbol.for`, not a module's own symbol: the built app
 * is a module graph apart from the server that puts the context there.
 */
const CONTEXT_KEY = Symbol.for('parley.app-context');

/** Puts the context on a request before the app sees it (the HTTP server, the dev server). */
export function attachContext(req: object, ctx: AppContext): void {
	(req as Record<symbol, unknown>)[CONTEXT_KEY] = ctx;
}

/** The context the server put on this request; throws when the app was started without one. */
export function contextOf(platform: unknown): AppContext {
	// adapter-node's `platform.req` (svelte.config.js emulates it in dev).
	const req = (platform as { req?: Record<symbol, unknown> } | undefined)?.req;
	const ctx = req?.[CONTEXT_KEY] as AppContext | undefined;
	if (!ctx) {
		throw new Error(
			'This request came without the app context: run the app through `npm start` or `npm run dev` (server/http.ts).'
		);
	}
	return ctx;
}
