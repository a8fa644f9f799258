/** Parley in its own process (`node --import tsx server/index.ts`, what `npm start` runs), for fault tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DbKind } from '../../db/client';
import { migrate } from '../../db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../../db/seed';
import { createTestDatabase } from './db';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Instance {
	url: string;
	child: ChildProcess;
	output: () => string;
	/** Sends SIGTERM and resolves with the exit code. */
	stop(): Promise<number | null>;
	/** `kill -9`: no shutdown hook runs, nothing is stored on the way out. */
	crash(): Promise<void>;
}

/** Starts `server/index.ts` in its own process and waits until it prints its URL. */
export async function launch(env: Record<string, string>): Promise<Instance> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		// The run built the app already; sources edited since must not trigger a build mid-test.
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PARLEY_AUTO_BUILD: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
	const url = await new Promise<string>((res, rej) => {
		const timer = setTimeout(() => rej(new Error(`no URL within 60 s:\n${out}`)), 60_000);
		const check = () => {
			const m = /running at (http:\/\/\S+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				res(m[1]!.replace('localhost', '127.0.0.1'));
			}
		};
		child.stdout!.on('data', check);
		void exited.then((code) => rej(new Error(`exited with ${code} before serving:\n${out}`)));
	});
	return {
		url,
		child,
		output: () => out,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			return exited;
		},
		async crash() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}

/** A TCP port nobody listens on right now (so a restarted process can take the same one). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
	const { port } = server.address() as { port: number };
	await new Promise((res) => server.close(res));
	return port;
}

/** The calls of a signed-in person against one instance. */
export function apiClient(url: string) {
	let cookie = '';
	const call = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(url + path, {
			method,
			headers: {
				cookie,
				origin: url,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual'
		});
		const text = await res.text();
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
	};
	return {
		call,
		get cookie() {
			return cookie;
		},
		async login(email: string) {
			const res = await fetch(`${url}/api/v1/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, password: DEMO_PASSWORD })
			});
			if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
			cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
		}
	};
}

/** Where a process-level test keeps its data: a real Postgres database, or an embedded data directory. */
export interface ProcessDatabase {
	/** What `launch` needs to run on it, a fixed port (a restart takes the same one) and no jobs. */
	env: Record<string, string>;
	/** Drops the database or deletes the directory. */
	close(): Promise<void>;
}

/** A database of `kind` seeded with the demo (the embedded one seeds itself on first start). */
export async function processDatabase(kind: DbKind, tag: string): Promise<ProcessDatabase> {
	const port = String(await freePort());
	if (kind === 'postgres') {
		const db = await createTestDatabase('postgres');
		await migrate(db.sql);
		await seedDemo(db.sql);
		return { env: { DATABASE_URL: db.url, PORT: port, PARLEY_JOBS: '0' }, close: () => db.close() };
	}
	const dataDir = mkdtempSync(join(tmpdir(), `parley-${tag}-`));
	return {
		env: { PARLEY_DATA_DIR: dataDir, PORT: port, PARLEY_JOBS: '0' },
		close: async () => rmSync(dataDir, { recursive: true, force: true })
	};
}
