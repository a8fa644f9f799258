/**
 * Dates and times for people are written by src/lib/format only. This test reads the sources and
 * refuses the ways a date string gets built by hand elsewhere; the few machine formats that must
 * build strings (zone arithmetic, iCalendar values) are listed with their reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SCANNED = ['src', 'server', 'collab-server', 'peer-server', 'db'];

/** A pattern, what it catches, and the files allowed to use it (with why). */
const RULES: { pattern: RegExp; what: string; allowed: Record<string, string> }[] = [
	{
		pattern: /\.toLocale(Date|Time)String\(/,
		what: 'toLocaleDateString/toLocaleTimeString (the runtime’s locale and zone, not the viewer’s)',
		allowed: {}
	},
	{
		pattern: /new Intl\.DateTimeFormat\(/,
		what: 'a date formatter outside the module',
		allowed: {
			'src/lib/domain/time.ts': 'zone arithmetic: reads numeric parts, never shown to people',
			'src/lib/domain/zone.ts': 'checks that a zone name is known, formats nothing',
			'src/lib/server/profile.ts': 'canonicalizes a zone name (resolvedOptions), formats nothing'
		}
	},
	{
		pattern: /\.padStart\(\s*2/,
		what: 'a date or time assembled from padded numbers',
		allowed: {
			'src/lib/domain/time.ts': 'ISO calendar dates (YYYY-MM-DD) for machines',
			'src/lib/server/ics.ts': 'RFC 5545 DATE-TIME values (20261126T143000), not human text'
		}
	},
	{
		pattern: /\.(getHours|getMinutes|getDate|getMonth)\(\)\s*\}/,
		what: 'a local-time field put into a template string',
		allowed: {}
	}
];

function sources(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		if (name === 'node_modules' || name.startsWith('.')) continue;
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...sources(path));
		else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(path);
	}
	return out;
}

describe('one formatting module for dates and times', () => {
	const files = SCANNED.flatMap((d) => sources(join(ROOT, d))).map((p) => relative(ROOT, p));

	it('scans the sources (the guard would pass vacuously on an empty list)', () => {
		expect(files.length).toBeGreaterThan(100);
		expect(files).toContain('src/lib/format/dates.ts');
	});

	it('finds no hand-built date strings outside src/lib/format', () => {
		const found: string[] = [];
		for (const file of files) {
			if (file.startsWith('src/lib/format/')) continue;
			const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
			for (const rule of RULES) {
				if (file in rule.allowed) continue;
				lines.forEach((line, i) => {
					if (rule.pattern.test(line)) found.push(`${file}:${i + 1}: ${rule.what}: ${line.trim()}`);
				});
			}
		}
		expect(found).toEqual([]);
	});
});
