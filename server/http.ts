/**
 * One HTTP server for the three parts: the built SvelteKit app, the collab-server (`/collab`) and the
 * peer-server (`/peerjs`). Used by `npm start` and by the integration and browser tests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Database } from '../db/client';
import type { Config } from './config';
import { attachContext } from '../src/lib/server/context';
import { createRuntime, type Runtime } from './runtime';

const PROTO_HEADER = 'x-parley-forwarded-proto';

export const BUILD_HANDLER = resolve(import.meta.dirname, '../build/handler.js');

export interface StartOptions {
	config: Config;
	db?: Database;
	log?: (line: string) => void;
}

export interface Running {
	url: string;
	port: number;
	server: Server;
	runtime: Runtime;
	close(): Promise<void>;
}

type Handler = (
	req: import('node:http').IncomingMessage,
	res: import('node:http').ServerResponse,
	next: () => void
) => void;

/** Starts Parley on `config.PORT` (0 picks a free port) and resolves once it listens. */
export async function startParley(opts: StartOptions): Promise<Running> {
	// The app enforces its own 1 MiB limit with the API's error shape (src/lib/server/validate.ts).
	process.env.BODY_SIZE_LIMIT ??= 'Infinity';
	// adapter-node assumes https unless told; without ORIGIN we serve plain http ourselves, so say so
	// through a header this server sets on every request (overwriting anything a client sent).
	if (opts.config.ORIGIN) process.env.ORIGIN = opts.config.ORIGIN;
	else {
		process.env.PROTOCOL_HEADER = PROTO_HEADER;
		process.env.HOST_HEADER = 'host';
	}
	const { handler } = (await import(pathToFileURL(BUILD_HANDLER).href)) as { handler: Handler };
	const runtime = await createRuntime(opts.config, { db: opts.db, log: opts.log });
	const server = createServer();
	const routes = runtime.attach(server);
	server.on('request', (req, res) => {
		if (!opts.config.ORIGIN) req.headers[PROTO_HEADER] = 'http';
		if (routes.handleRequest(req, res)) return;
		// The app reads this runtime's context from the request (adapter-node's `platform.req`).
		attachContext(req, runtime.app);
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	await new Promise<void>((resolveListen, reject) => {
		server.once('error', reject);
		server.listen(opts.config.PORT, opts.config.HOST, () => resolveListen());
	});
	const port = (server.address() as AddressInfo).port;
	runtime.origin = opts.config.ORIGIN ?? `http://localhost:${port}`;
	let closing: Promise<void> | null = null;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		server,
		runtime,
		close() {
			closing ??= (async () => {
				const closed = new Promise<void>((r) => server.close(() => r()));
				await runtime.close();
				server.closeAllConnections();
				await closed;
			})();
			return closing;
		}
	};
}
