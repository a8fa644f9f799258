/** `npm start`: builds the app if the build is missing or stale, then serves Parley on one port. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seed';
import { EXTRA_APPLICANTS, EXTRA_INTERVIEWERS } from '../db/demo/applicants';
import { loadConfig } from './config';
import { BUILD_HANDLER, startParley } from './http';

const ROOT = resolve(import.meta.dirname, '..');

function newestMtime(path: string): number {
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function buildIfNeeded() {
	const inputs = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => join(ROOT, p));
	const built = existsSync(BUILD_HANDLER) ? statSync(BUILD_HANDLER).mtimeMs : 0;
	if (built > Math.max(...inputs.filter(existsSync).map(newestMtime))) return;
	console.log('[parley] building the app (first start or changed sources)…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
	const config = loadConfig();
	if (config.PARLEY_AUTO_BUILD) buildIfNeeded();
	const running = await startParley({ config });
	const { runtime } = running;
	const host = config.ORIGIN ?? `http://localhost:${running.port}`;
	console.log(
		`\n  Parley is running at ${host}  (database: ${runtime.db.kind}${runtime.db.kind === 'embedded' ? `, ${config.PARLEY_DATA_DIR}` : ''})`
	);
	if (runtime.db.kind === 'embedded' && config.PARLEY_SEED_DEMO) {
		console.log(`\n  Demo accounts (password: ${DEMO_PASSWORD})`);
		console.log(`    admin        ${DEMO_ACCOUNTS.admin.email}`);
		for (const i of [...DEMO_ACCOUNTS.interviewers, ...EXTRA_INTERVIEWERS])
			console.log(`    interviewer  ${i.email}  (${i.timezone})`);
		for (const c of DEMO_ACCOUNTS.candidates.slice(0, 3)) console.log(`    candidate    ${c.email}`);
		const more = DEMO_ACCOUNTS.candidates.length + EXTRA_APPLICANTS.length - 3;
		console.log(`    … and ${more} more candidates (see README)`);
	}
	console.log('');
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`[parley] ${signal}: storing documents and closing connections…`);
		await running.close();
		console.log('[parley] stopped cleanly');
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
