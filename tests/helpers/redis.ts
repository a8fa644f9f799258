/** The Redis the scale-out tests use, and whether it answers. */
import { createConnection } from 'node:net';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when something listens at `REDIS_URL` within a second. */
export async function redisAnswers(): Promise<boolean> {
	const url = new URL(REDIS_URL);
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
