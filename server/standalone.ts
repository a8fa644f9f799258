/**
 * Runs one part (collab-server or peer-server) in a process of its own, for deployments that scale
 * the parts separately against a real Postgres (and Redis, for several collab-servers).
 */
import { createServer } from 'node:http';
import { loadConfig } from './config';
import { createRuntime } from './runtime';

/** Starts a bare HTTP server that serves only the given part's paths, plus /api/health. */
export async function startPart(part: 'collab' | 'peer') {
	const config = loadConfig();
	if (!config.DATABASE_URL) {
		console.warn(
			`[${part}] DATABASE_URL is not set: using the embedded database in ${config.PARLEY_DATA_DIR}, which no other process can share.`
		);
	}
	const runtime = await createRuntime({ ...config, PARLEY_JOBS: false });
	const server = createServer();
	const routes = runtime.attach(server, { collab: part === 'collab', peer: part === 'peer' });
	server.on('request', (req, res) => {
		if (req.url === '/api/health') {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ status: 'ok', db: runtime.db.kind, part }));
			return;
		}
		if (routes.handleRequest(req, res)) return;
		res.statusCode = 404;
		res.end();
	});
	await new Promise<void>((r) => server.listen(config.PORT, config.HOST, () => r()));
	console.log(`[${part}] listening on :${config.PORT}`);
	const stop = async () => {
		server.close();
		await runtime.close();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => void stop());
}
