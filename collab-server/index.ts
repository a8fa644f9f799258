/**
 * The collab-server: Hocuspocus with Parley's extensions (authentication, persistence, projection,
 * and Redis for scale-out). It does not own an HTTP server: `handleUpgrade` takes WebSocket upgrades
 * routed to it, so it shares one port with the app and the peer-server.
 */
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Sql } from '../db/client';
import type { EventBus } from '../db/events';
import { archiveCalendar, forwardPending, type ArchiveOutcome } from './archive';
import { authentication, type CollabContext } from './auth';
import { capacity, MAX_DOCUMENT_BYTES } from './capacity';
import { generations, type GenerationHost } from './generations';
import { liveCalendarDocName } from '../src/lib/server/calendar-generation';
import { UpdateJournal, type NamedDoc } from './journal';
import { journaling } from './journaling';
import { persistence } from './persistence';
import { projection, type Projection } from './projection';
import { PROJECTION_SPACING_MS } from './projection/pace';
import { ScaleOutRedis } from './redis';
import { revocation } from './revocation';
import { createSocketGuard } from './sockets';

export const COLLAB_PATH = '/collab';
export const STORE_DEBOUNCE_MS = 1_000;
export const STORE_MAX_DEBOUNCE_MS = 5_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** How long a server-side write waits for Postgres before its caller is told it is not stored yet. */
export const DURABLE_WAIT_MS = 5_000;

export interface CollabOptions {
	sql: Sql;
	/** Which database `sql` talks to (the embedded one has a single connection: no reserved ones). */
	dbKind: 'embedded' | 'postgres';
	bus: EventBus;
	maxMessageBytes: number;
	/** Largest encoded size of a document that a client's update may make (default 64 MiB; decision 87). */
	maxDocumentBytes?: number;
	redisUrl?: string;
	/** Acknowledge updates only once journaled (default). Off only to measure what it costs (bench/durability.ts). */
	journal?: boolean;
	/** A socket that has not authenticated a document within this long is closed (default 10 s). */
	authTimeoutMs?: number;
	/** Unauthenticated sockets one address may hold (default 20); more are refused with 429. */
	maxPendingPerAddress?: number;
	/** How often every open connection is re-checked against its credential and access (default 10 s). */
	recheckMs?: number;
	/** Least time between two projection batches of one calendar (default 250 ms; none with Redis; decision 83). */
	projectionSpacingMs?: number;
}

export const AUTH_TIMEOUT_MS = 10_000;
export const MAX_PENDING_PER_ADDRESS = 20;
export const RECHECK_MS = 10_000;

export interface CollabServer {
	hocuspocus: Hocuspocus;
	projection: Projection;
	/** Takes over an HTTP upgrade request for the collab path. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Resolves once every change made to the document so far is in Postgres; throws NotDurableError after a while. */
	durable(documentName: string): Promise<void>;
	/** The context of the server's own writes (the JSON API, jobs). */
	systemContext(orgId: string, userId: string | null): CollabContext;
	/** The name of the organization's live calendar document (its current generation). */
	calendarDoc(orgId: string): Promise<string>;
	/** Archives what is due in the organization's calendar and compacts it (decision 69); null when nothing is. */
	archive(orgId: string, opts?: { now?: Date; afterDays?: number }): Promise<ArchiveOutcome | null>;
	/** Forwards what replaced calendar generations received and was not forwarded yet. */
	forwardPending(): Promise<number>;
	/** Closes every connection and stores every loaded document. */
	close(): Promise<void>;
}

/** A change is in the document (and will be written) but not in Postgres yet. Recognised by name. */
export class NotDurableError extends Error {
	override name = 'NotDurableError';
	constructor(documentName: string) {
		super(`the latest changes of ${documentName} are not in the database yet`);
	}
}

/** Builds the collab-server around a database. */
export function createCollabServer(opts: CollabOptions): CollabServer {
	const journal = new UpdateJournal(opts.sql);
	const projector = projection(
		opts.sql,
		opts.bus,
		(doc) => journal.settled(doc as NamedDoc),
		// Several instances (Redis) are not paced: a paced change could still wait here when another
		// instance's later change to the same interview arrives, and each would wait for the other's row.
		opts.redisUrl ? 0 : (opts.projectionSpacingMs ?? PROJECTION_SPACING_MS)
	);
	const sockets = createSocketGuard({
		authTimeoutMs: opts.authTimeoutMs ?? AUTH_TIMEOUT_MS,
		maxPendingPerAddress: opts.maxPendingPerAddress ?? MAX_PENDING_PER_ADDRESS
	});
	const extensions: Extension[] = [
		authentication(opts.sql),
		sockets.extension(),
		capacity(opts.maxDocumentBytes ?? MAX_DOCUMENT_BYTES),
		persistence(opts.sql, journal),
		projector,
		revocation(opts.sql, opts.bus, opts.recheckMs ?? RECHECK_MS)
	];
	const generationHost: GenerationHost = {
		sql: opts.sql,
		dbKind: opts.dbKind,
		bus: opts.bus,
		get hocuspocus() {
			return hocuspocus;
		},
		durable: (name) => durable(name),
		systemContext,
		projection: projector
	};
	extensions.push(generations(generationHost));
	if (opts.journal !== false) extensions.push(journaling(journal));
	const redis = opts.redisUrl ? new ScaleOutRedis(opts.redisUrl) : null;
	if (redis) extensions.unshift(redis);
	const hocuspocus = new Hocuspocus({
		name: 'parley-collab',
		quiet: true,
		debounce: STORE_DEBOUNCE_MS,
		maxDebounce: STORE_MAX_DEBOUNCE_MS,
		extensions
	});
	// maxPayload: ws closes a connection whose message is larger (code 1009); nobody else is affected.
	const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes });
	wss.on('connection', (ws, req) => {
		sockets.watch(ws, req);
		hocuspocus.handleConnection(ws, req);
	});

	function systemContext(orgId: string, userId: string | null): CollabContext {
		return { userId, kind: 'system', orgId, role: 'system', readOnly: false };
	}

	async function durable(documentName: string): Promise<void> {
		const document = hocuspocus.documents.get(documentName);
		if (!document) return;
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new NotDurableError(documentName)), DURABLE_WAIT_MS);
		});
		await Promise.race([journal.settled(document), late]).finally(() => clearTimeout(timer));
	}

	return {
		hocuspocus,
		projection: projector,
		handleUpgrade(req, socket, head) {
			if (!sockets.admit(req, socket)) return;
			wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
		},
		durable,
		systemContext,
		calendarDoc: (orgId) => liveCalendarDocName(opts.sql, orgId),
		archive: (orgId, archiveOpts) => archiveCalendar(generationHost, orgId, archiveOpts),
		forwardPending: () => forwardPending(generationHost),
		async close() {
			// Other instances' updates stop first: nothing arrives to answer while the rest shuts down.
			await redis?.beginShutdown();
			hocuspocus.closeConnections();
			for (const client of wss.clients) client.terminate();
			wss.close();
			// Store every loaded document now (pending debounces, documents held by direct connections).
			const stores = [...hocuspocus.documents.values()].map((document) =>
				hocuspocus
					.storeDocumentHooks(
						document,
						{
							clientsCount: document.getConnectionsCount(),
							context: {},
							document,
							documentName: document.name,
							instance: hocuspocus,
							requestHeaders: {},
							requestParameters: new URLSearchParams(),
							socketId: 'shutdown'
						},
						true
					)
					.catch((err: unknown) => console.error(`[collab] storing ${document.name} at shutdown failed`, err))
			);
			await Promise.race([Promise.all(stores), new Promise((r) => setTimeout(r, SHUTDOWN_TIMEOUT_MS).unref())]);
			// The projection's last batches before Redis' publisher goes: they may still write to a document.
			await projector.onDestroy?.({ instance: hocuspocus });
			await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
		}
	};
}
