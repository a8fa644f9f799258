/**
 * The composition root: one database, one event bus, the collab-server and the peer-server, shared
 * by every part of one process. The app gets them as its context (`Runtime.app`, an AppContext): the
 * HTTP server puts it on each request (server/http.ts), the jobs are handed it here. Nothing is kept
 * in a global, so two runtimes in one process (the scale-out test) each serve their own database.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { openDatabase, type Database } from '../db/client';
import { createEventBus, type EventBus } from '../db/events';
import { migrate } from '../db/migrate';
import { refreshStatistics } from '../db/statistics';
import { completeDemo, isEmpty, seedDemo } from '../db/seed';
import { COLLAB_PATH, createCollabServer, type CollabServer } from '../collab-server/index';
import { createPeerServer, PEER_PATH, PEER_WS_PATH, type PeerServer } from '../peer-server/index';
import { roomPeerAccess } from '../src/lib/server/room';
import type { Config } from './config';
import type { AppContext } from '../src/lib/server/context';
import { createMailTransport, type MailTransport } from '../src/lib/server/mail/transport';
import { createOutboxWorker, OUTBOX_DEFAULTS, type OutboxWorker } from '../src/lib/server/notifications/worker';
import { startJobs } from './jobs';

export interface Runtime {
	config: Config;
	/** What the app's services are given: on `event.locals.ctx` for a request, directly for the jobs. */
	app: AppContext;
	db: Database;
	bus: EventBus;
	collab: CollabServer;
	mail: MailTransport;
	/** Sends the outbox; started with the jobs, or drained by hand (tests). */
	outbox: OutboxWorker;
	/** The origin links in messages point to: `ORIGIN`, else this process's own address once it listens. */
	origin: string;
	/** Present once attached to an HTTP server. */
	peer: PeerServer | null;
	/** Did this start seed the demo data? */
	seeded: boolean;
	/** Routes `/collab` and `/peerjs` upgrades and PeerJS HTTP requests of an HTTP server. */
	attach(
		server: HttpServer,
		parts?: { collab: boolean; peer: boolean }
	): { handleRequest(req: IncomingMessage, res: ServerResponse): boolean };
	close(): Promise<void>;
}

/** Loads an organization's calendar once so the projection brings the tables up to date. */
export async function projectCalendar(collab: CollabServer, orgId: string): Promise<void> {
	const connection = await collab.hocuspocus.openDirectConnection(
		await collab.calendarDoc(orgId),
		collab.systemContext(orgId, null)
	);
	try {
		await collab.projection.flush(orgId);
	} finally {
		await connection.disconnect();
	}
}

export interface RuntimeOptions {
	/** Use this database instead of opening one from the configuration (tests). */
	db?: Database;
	log?: (line: string) => void;
}

/** Opens the database, migrates, seeds a fresh embedded database, and builds the servers. */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
	const log = opts.log ?? ((line: string) => console.log(line));
	const db = opts.db ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR }));
	const applied = await migrate(db.sql);
	if (applied.length) log(`[db] applied migrations: ${applied.join(', ')}`);
	let seededOrg: string | null = null;
	const seedStarted = Date.now();
	if (db.kind === 'embedded' && config.PARLEY_SEED_DEMO && (await isEmpty(db.sql))) {
		seededOrg = await seedDemo(db.sql, { demo: 'full' });
	}
	const bus = await createEventBus(db);
	const collab = createCollabServer({
		sql: db.sql,
		dbKind: db.kind,
		bus,
		maxMessageBytes: config.COLLAB_MAX_MESSAGE_BYTES,
		maxDocumentBytes: config.COLLAB_MAX_DOCUMENT_BYTES,
		journal: config.COLLAB_JOURNAL,
		redisUrl: config.REDIS_URL,
		authTimeoutMs: config.COLLAB_AUTH_TIMEOUT_MS,
		maxPendingPerAddress: config.COLLAB_MAX_PENDING_PER_ADDRESS,
		recheckMs: config.COLLAB_RECHECK_MS,
		projectionSpacingMs: config.COLLAB_PROJECTION_SPACING_MS
	});
	if (seededOrg) {
		await projectCalendar(collab, seededOrg);
		await completeDemo(db.sql, seededOrg);
		log(`[db] seeded the demo organization (${Date.now() - seedStarted} ms with its projection)`);
	}
	await refreshStatistics(db);

	const leaseMs = config.OUTBOX_LEASE_MS ?? OUTBOX_DEFAULTS.leaseMs;
	const concurrency = config.OUTBOX_CONCURRENCY ?? OUTBOX_DEFAULTS.concurrency;
	const mail = createMailTransport({
		smtpUrl: config.SMTP_URL,
		from: config.MAIL_FROM,
		maxConnections: concurrency,
		// A silent server is given up on well before another worker may take the message over.
		socketTimeoutMs: Math.max(1_000, Math.floor(leaseMs / 2)),
		log
	});
	const outbox = createOutboxWorker({
		sql: db.sql,
		transport: mail,
		from: config.MAIL_FROM,
		origin: () => runtime.origin,
		embedded: db.kind === 'embedded',
		bus,
		pollMs: config.OUTBOX_POLL_MS,
		leaseMs,
		concurrency,
		retry: {
			...OUTBOX_DEFAULTS.retry,
			...(config.OUTBOX_RETRY_BASE_MS ? { baseMs: config.OUTBOX_RETRY_BASE_MS } : {}),
			...(config.OUTBOX_MAX_ATTEMPTS ? { maxAttempts: config.OUTBOX_MAX_ATTEMPTS } : {})
		},
		log
	});
	const app: AppContext = {
		sql: db.sql,
		dbKind: db.kind,
		bus,
		collab,
		mail,
		config,
		get origin() {
			return runtime.origin;
		},
		from: config.MAIL_FROM,
		peerStats: () => runtime.peer?.stats() ?? null
	};
	const runtime: Runtime = {
		config,
		app,
		db,
		bus,
		collab,
		mail,
		outbox,
		origin: config.ORIGIN ?? `http://localhost:${config.PORT}`,
		peer: null,
		seeded: seededOrg !== null,
		attach(server, parts = { collab: true, peer: true }) {
			const peer = createPeerServer({
				httpServer: server,
				// Peer id + secret checked against room_peers; the bus says when a room's sockets need a re-check.
				access: roomPeerAccess(db.sql, bus)
			});
			runtime.peer = peer;
			server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
				const path = (req.url ?? '/').split('?')[0];
				if (parts.collab && (path === COLLAB_PATH || path?.startsWith(`${COLLAB_PATH}/`)))
					collab.handleUpgrade(req, socket, head);
				else if (parts.peer && path === PEER_WS_PATH) void peer.handleUpgrade(req, socket, head);
				// Anything else (Vite's HMR socket in dev) belongs to another listener; leave it alone.
			});
			return {
				handleRequest(req, res) {
					const path = (req.url ?? '/').split('?')[0] ?? '/';
					if (parts.peer && (path === PEER_PATH || path.startsWith(`${PEER_PATH}/`))) {
						peer.handleRequest(req, res);
						return true;
					}
					return false;
				}
			};
		},
		async close() {
			await stopJobs?.();
			await outbox.stop();
			mail.close();
			await runtime.peer?.close();
			await collab.close();
			await bus.close();
			if (!opts.db) await db.close();
		}
	};
	const stopJobs = config.PARLEY_JOBS ? startJobs(runtime, log) : null;
	return runtime;
}
