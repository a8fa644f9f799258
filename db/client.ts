/**
 * The one database client. `DATABASE_URL` set: postgres.js against that server. Unset: an embedded
 * PGlite, served over the Postgres wire protocol on a loopback port so the very same postgres.js
 * code talks to it. PGlite serves exactly one connection safely (decision 2 in docs/decisions.md), so the
 * embedded client is pinned to `max: 1`.
 */
import postgres from 'postgres';
import { mkdirSync } from 'node:fs';

export type Sql = postgres.Sql<Record<string, unknown>>;
export type DbKind = 'embedded' | 'postgres';

export interface Database {
	sql: Sql;
	kind: DbKind;
	/** The URL postgres.js connects to (for an embedded database: the private loopback socket). */
	url: string;
	close(): Promise<void>;
}

/**
 * Where the embedded database lives: files in `dataDir` (default `.data`), or memory (`memory://`),
 * which alone may start from a template.
 */
type EmbeddedPlace =
	| { dataDir?: string; template?: undefined }
	| {
			dataDir: `memory://${string}`;
			/**
			 * The database starts as a copy of this data directory (a `dumpDataDir` of another PGlite)
			 * instead of running initdb: a third of the time (tests open one per suite).
			 */
			template?: Blob;
	  };

export type OpenOptions = EmbeddedPlace & {
	/** A real Postgres; when absent the embedded database is used. */
	url?: string;
	/** Connection pool size against a real Postgres. */
	maxConnections?: number;
};

/** Longest wait between reconnection attempts (postgres.js' own backoff grows to 20 s after an outage). */
const RECONNECT_MAX_S = 1;

const COMMON = {
	onnotice: () => {},
	// Back within a second once Postgres answers again: edits waiting in the journal are acknowledged then.
	backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, RECONNECT_MAX_S)
};

/** Opens the database described by the options (real Postgres or embedded PGlite). */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
	if (opts.url) {
		const sql = postgres(opts.url, { ...COMMON, max: opts.maxConnections ?? 10 }) as unknown as Sql;
		await sql`select 1`;
		return { sql, kind: 'postgres', url: opts.url, close: () => sql.end({ timeout: 5 }) };
	}
	return openEmbedded(opts.dataDir ?? '.data', opts.template);
}

async function openEmbedded(dataDir: string, template?: Blob): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
	const memory = dataDir.startsWith('memory://');
	if (!memory) mkdirSync(dataDir, { recursive: true });
	if (template && !memory) throw new Error('a template seeds an embedded database in memory only');
	const pglite = await PGlite.create(memory ? { loadDataDir: template } : { dataDir });
	const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
	await server.start();
	const address = server.getServerConn();
	const url = `postgres://postgres@${address}/postgres`;
	const sql = postgres(url, { ...COMMON, max: 1, idle_timeout: 0, max_lifetime: null }) as unknown as Sql;
	await sql`select 1`;
	return {
		sql,
		kind: 'embedded',
		url,
		async close() {
			await sql.end({ timeout: 5 });
			await server.stop();
			await pglite.close();
		}
	};
}
