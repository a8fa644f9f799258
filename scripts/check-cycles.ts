/**
 * Fails when the project's own modules import each other in a cycle at run time (`import type` is
 * erased and ignored). Resolves relative paths and `$lib/...`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIRS = ['src', 'collab-server', 'peer-server', 'server', 'db'];
const EXTS = ['.ts', '.svelte.ts', '.svelte', '.js'];
const IMPORT_RE = /(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(ts|svelte|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = join(ROOT, 'src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [base, ...EXTS.map((e) => base + e), ...EXTS.map((e) => join(base, 'index' + e))]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

const graph = new Map<string, string[]>();
for (const file of DIRS.flatMap((d) => files(join(ROOT, d)))) {
	const text = readFileSync(file, 'utf8');
	const deps: string[] = [];
	for (const m of text.matchAll(IMPORT_RE)) {
		const target = resolveImport(file, m[1] ?? m[2] ?? '');
		if (target) deps.push(target);
	}
	graph.set(file, deps);
}

const cycles: string[][] = [];
const state = new Map<string, 'visiting' | 'done'>();
function visit(node: string, stack: string[]) {
	state.set(node, 'visiting');
	for (const next of graph.get(node) ?? []) {
		if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
		else if (!state.has(next)) visit(next, [...stack, next]);
	}
	state.set(node, 'done');
}
for (const node of graph.keys()) if (!state.has(node)) visit(node, [node]);

if (cycles.length) {
	for (const c of cycles) console.error(`import cycle: ${c.map((f) => relative(ROOT, f)).join(' -> ')}`);
	process.exit(1);
}
console.log(`no import cycles among ${graph.size} modules`);
