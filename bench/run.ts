/**
 * `npm run bench [-- name ...]`: runs every `bench/*.ts` module that exports `main()`, one after
 * another, so benches never compete for the CPU. A failing bench is reported and the rest still
 * run; the exit code is non-zero when any failed. Arguments filter by file name (`sync`, `slots`).
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const SELF = basename(fileURLToPath(import.meta.url));

interface Outcome {
	name: string;
	ok: boolean;
	durationMs: number;
	error?: string;
}

/** The bench modules in this directory, sorted, optionally filtered by name. */
export function discoverBenches(filters: string[]): string[] {
	return readdirSync(BENCH_DIR)
		.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== SELF)
		.filter((file) => !file.endsWith('.test.ts'))
		.map((file) => file.slice(0, -'.ts'.length))
		.filter((name) => filters.length === 0 || filters.includes(name))
		.sort();
}

/** Imports one bench module and awaits its `main()`; skips modules without one. */
async function runOne(name: string): Promise<Outcome | null> {
	const started = performance.now();
	try {
		const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}.ts`)).href)) as {
			main?: unknown;
		};
		if (typeof mod.main !== 'function') return null;
		console.log(`\n=== bench ${name} ===`);
		await (mod.main as () => Promise<void> | void)();
		return { name, ok: true, durationMs: performance.now() - started };
	} catch (err) {
		const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
		console.error(`bench ${name} FAILED: ${message}`);
		return { name, ok: false, durationMs: performance.now() - started, error: message };
	}
}

/** Runs the selected benches sequentially and prints a summary. */
export async function main(filters: string[] = process.argv.slice(2)): Promise<number> {
	const names = discoverBenches(filters);
	if (names.length === 0) {
		console.error(`no bench matches ${filters.join(', ') || '(any)'}`);
		return 1;
	}
	const outcomes: Outcome[] = [];
	for (const name of names) {
		const outcome = await runOne(name);
		if (outcome) outcomes.push(outcome);
	}
	console.log('\n=== summary ===');
	for (const o of outcomes) {
		console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${(o.durationMs / 1000).toFixed(1)} s)`);
	}
	return outcomes.some((o) => !o.ok) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(err);
			process.exit(1);
		}
	);
}
