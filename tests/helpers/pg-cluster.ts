/**
 * A private Postgres cluster for tests that stop and start Postgres: its own data directory, port and
 * socket directory, so the shared server other tests use is never touched. Needs the Postgres server
 * binaries (`PG_BIN`, default /usr/lib/postgresql/15/bin); run as root, the cluster runs as `postgres`.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes';

const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why no private cluster can be started here, or null when it can. */
export function clusterUnavailable(): string | null {
	for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
		if (!existsSync(join(PG_BIN, tool))) return `no Postgres server binaries in ${PG_BIN} (set PG_BIN)`;
	}
	return null;
}

export interface Cluster {
	/** postgres:// URL of the cluster's `postgres` database. */
	url: string;
	/** Stops the server the hard way (`pg_ctl stop -m immediate`), like a crash of Postgres. */
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Stops it and removes its files. */
	destroy(): Promise<void>;
}

/** Creates and starts a throwaway cluster on a free port. */
export async function startCluster(): Promise<Cluster> {
	const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
	const asRoot = userInfo().uid === 0;
	if (asRoot) {
		const { stdout } = await run('id', ['-u', 'postgres']);
		const { stdout: gid } = await run('id', ['-g', 'postgres']);
		chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
	}
	const pg = (tool: string, args: string[]) =>
		asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args]) : run(join(PG_BIN, tool), args);
	const data = join(dir, 'data');
	await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions']);
	const port = await freePort();
	// Loopback only; the socket lives in the cluster's own directory. fsync off: a test never loses the machine.
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const start = async () => {
		await pg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
	};
	const stop = async () => {
		await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
	};
	await start();
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stop,
		start,
		async destroy() {
			await stop().catch(() => {});
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
