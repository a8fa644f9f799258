/** The Redis the scale-out tests use, and whether it answers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type AddressInfo } from 'node:net';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when something listens at `REDIS_URL` within a second. */
export async function redisAnswers(): Promise<boolean> {
	return answers(REDIS_URL);
}

async function answers(at: string): Promise<boolean> {
	const url = new URL(at);
	return new Promise((resolve) => {
		const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
		socket.setTimeout(1_000);
		socket.once('connect', () => {
			socket.end();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** A Redis of the test's own, in its own process, that the test may kill and start again. */
export interface PrivateRedis {
	url: string;
	/** `kill -9`: every connection drops at once, nothing is said to the clients. */
	crash(): Promise<void>;
	/** Starts it again on the same port (empty: it keeps nothing on disk). */
	start(): Promise<void>;
}

/** Starts `redis-server` on a free port of 127.0.0.1. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
			stdio: 'ignore'
		});
		const deadline = Date.now() + 10_000;
		const url = `redis://127.0.0.1:${port}`;
		while (!(await answers(url))) {
			if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		async crash() {
			const running = child;
			if (!running || running.exitCode !== null || running.signalCode !== null) return;
			const exited = new Promise((r) => running.once('exit', r));
			running.kill('SIGKILL');
			await exited;
		},
		start
	};
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
