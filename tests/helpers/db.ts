/**
 * One contract suite, two databases: every integration suite runs against the embedded PGlite and,
 * when one answers, a real Postgres in a database of its own that the run creates and drops.
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database, type DbKind } from '../../db/client';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function realPostgresAnswers(): Promise<boolean> {
	const probe = postgres(ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
	try {
		await probe`select 1`;
		return true;
	} catch {
		return false;
	} finally {
		await probe.end({ timeout: 1 }).catch(() => {});
	}
}

/** The database kinds this run can test against (embedded always; postgres when reachable). */
export async function databaseKinds(): Promise<DbKind[]> {
	if (process.env.PARLEY_TEST_EMBEDDED_ONLY === '1') return ['embedded'];
	const answers = await realPostgresAnswers();
	// A Postgres asked for by name must be there; the default one is used when it happens to run.
	if (!answers && process.env.TEST_DATABASE_URL) {
		throw new Error(`TEST_DATABASE_URL is set but ${new URL(ADMIN_URL).host} does not answer`);
	}
	return answers ? ['embedded', 'postgres'] : ['embedded'];
}

let emptyCluster: Promise<Blob> | undefined;

/**
 * A freshly initialized embedded cluster, made once per test process: opening a copy of it skips
 * PGlite's initdb, which took 3-4 s of the 4-5 s that every suite's embedded database cost.
 */
function emptyEmbeddedCluster(): Promise<Blob> {
	emptyCluster ??= (async () => {
		const { PGlite } = await import('@electric-sql/pglite');
		const pglite = await PGlite.create();
		try {
			return await pglite.dumpDataDir('none');
		} finally {
			await pglite.close();
		}
	})();
	return emptyCluster;
}

/** A fresh, empty database of the given kind; closing it drops a real one. */
export async function createTestDatabase(kind: DbKind, opts: { maxConnections?: number } = {}): Promise<Database> {
	if (kind === 'embedded') return openDatabase({ dataDir: 'memory://', template: await emptyEmbeddedCluster() });
	const name = `parley_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(ADMIN_URL);
	url.pathname = `/${name}`;
	const db = await openDatabase({ url: url.toString(), maxConnections: opts.maxConnections ?? 5 });
	return {
		...db,
		async close() {
			await db.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end({ timeout: 2 });
		}
	};
}
