/** The process's runtime (database, bus, collab-server) as the SvelteKit app sees it. */
import type { Runtime } from '../../../server/runtime';

const RUNTIME_KEY = Symbol.for('parley.runtime');

/** The runtime the entry point started; throws if the app runs without one. */
export function runtime(): Runtime {
	const r = (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] as Runtime | undefined;
	if (!r) throw new Error('Parley runtime is not started: run the app through `npm start` or `npm run dev`.');
	return r;
}

/** The SQL client of the runtime. */
export function db() {
	return runtime().db.sql;
}
