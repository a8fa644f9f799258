/**
 * One organization's calendar document over the years, with and without archiving (decision 69).
 *
 * Simulates 10,000 interviews a year, week by week: each booked two weeks ahead, moved in place
 * twice, one in ten rescheduled formally (a new entry, the original cancelled), 30% cancelled, the
 * rest completed or no-show after their end. With archiving, every simulated week the pass of
 * collab-server/archive.ts (its `isArchivable` and `compactCalendar`, window 30 days) runs on the
 * document (the jobs may run it daily; weekly keeps ten years quick to simulate and bounds the
 * document the same way, a week later); without it, the document keeps everything. For 2, 5 and 10
 * years it reports the encoded size, the time to load it into a fresh document (median of 3) and the
 * heap it takes once loaded (measured in a child process with --expose-gc), as ratios to 2 years.
 *
 *   npm run bench -- document        (BENCH_DOCUMENT_YEARS=2,5,10 to choose)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { isArchivable } from '../collab-server/archive';
import { compactCalendar } from '../src/lib/collab/calendar-compact';
import {
	createInterview,
	readCalendar,
	rescheduleInterview,
	setStatus,
	updateInterview
} from '../src/lib/collab/calendar';
import type { Interview } from '../src/lib/domain/types';
import { prng } from '../tests/helpers/prng';

const YEARS = (process.env.BENCH_DOCUMENT_YEARS ?? '2,5,10').split(',').map(Number);
const PER_YEAR = 10_000;
const WINDOW_DAYS = 30;
/** The jobs compact at most once a day; a weekly pass keeps the ten-year run short and bounds the same. */
const ARCHIVE_EVERY_DAYS = 7;
const DAY_MS = 86_400_000;
const START = Date.UTC(2021, 0, 4, 9);
const PANEL = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];

/** The calendar after `years` of history; archived daily when `archive` is on. */
export function simulate(years: number, archive: boolean): Y.Doc {
	const rand = prng(years * 7 + (archive ? 1 : 0));
	let doc = new Y.Doc();
	const perDay = PER_YEAR / 365;
	let made = 0;
	const open: { id: string; end: number }[] = [];
	for (let day = 0; day < years * 365; day++) {
		const today = START + day * DAY_MS;
		const now = new Date(today);
		const opts = { actor: 'admin', now };
		// Book today's share, two weeks ahead, between 9:00 and 17:00.
		for (; made < (day + 1) * perDay; made++) {
			const start = today + 14 * DAY_MS + Math.floor(rand() * 16) * 1_800_000;
			const id = `00000000-0000-4000-8000-${String(made).padStart(12, '0')}`;
			const iv: Interview = {
				id,
				applicationId: `app-${made}`,
				candidateId: `cand-${made}`,
				cycleId: `cycle-${Math.floor(day / 365)}`,
				start: new Date(start).toISOString(),
				durationMin: 45,
				timezone: 'Europe/Paris',
				type: 'video',
				mode: 'online',
				location: '',
				round: 1,
				panel: [PANEL[made % 8]!, PANEL[(made + 3) % 8]!],
				status: 'scheduled',
				rescheduledFrom: null,
				updatedBy: 'admin',
				updatedAt: now.toISOString()
			};
			createInterview(doc, iv);
			// Moved twice in place, then one in ten rescheduled formally.
			for (let k = 1; k <= 2; k++)
				updateInterview(doc, id, { start: new Date(start + k * 1_800_000).toISOString() }, opts);
			let current = id;
			if (made % 10 === 0) {
				const next = `10000000-0000-4000-8000-${String(made).padStart(12, '0')}`;
				rescheduleInterview(doc, id, { start: new Date(start + DAY_MS).toISOString() }, { ...opts, newId: next });
				current = next;
			}
			open.push({ id: current, end: start + 2 * DAY_MS });
		}
		// Settle what ended: 30% were cancelled, the rest completed or no-show.
		while (open.length && open[0]!.end < today) {
			const { id } = open.shift()!;
			const r = rand();
			setStatus(doc, id, r < 0.3 ? 'cancelled' : r < 0.95 ? 'completed' : 'no_show', { ...opts, reason: 'bench' });
		}
		if (archive && day % ARCHIVE_EVERY_DAYS === 0) {
			const { interviews } = readCalendar(doc);
			const replaced = new Set(interviews.flatMap((i) => (i.rescheduledFrom ? [i.rescheduledFrom] : [])));
			const before = new Date(today - WINDOW_DAYS * DAY_MS);
			const out = new Set(interviews.filter((i) => isArchivable(i, before, replaced)).map((i) => i.id));
			if (out.size) doc = compactCalendar(doc, (id) => !out.has(id));
		}
	}
	return doc;
}

interface Figures {
	entries: number;
	bytes: number;
	loadMs: number;
	heapBytes: number;
}

/** Heap taken by the decoded document, measured in a fresh process with garbage collection on demand. */
function heapOf(state: Uint8Array): number {
	const dir = mkdtempSync(join(tmpdir(), 'parley-bench-doc-'));
	try {
		const file = join(dir, 'state.bin');
		writeFileSync(file, state);
		const yjs = createRequire(import.meta.url).resolve('yjs');
		const script = `const Y = require(${JSON.stringify(yjs)}); const fs = require('fs');
			const bytes = fs.readFileSync(${JSON.stringify(file)}); gc(); const before = process.memoryUsage().heapUsed;
			const doc = new Y.Doc(); Y.applyUpdate(doc, bytes); gc(); const after = process.memoryUsage().heapUsed;
			console.log(after - before + (doc.clientID ? 0 : 0));`;
		return Number(execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' }).trim());
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function measure(doc: Y.Doc): Figures {
	const state = Y.encodeStateAsUpdate(doc);
	const times: number[] = [];
	for (let i = 0; i < 3; i++) {
		const t = performance.now();
		Y.applyUpdate(new Y.Doc(), state);
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	return {
		entries: doc.getMap('interviews').size,
		bytes: state.byteLength,
		loadMs: times[1]!,
		heapBytes: heapOf(state)
	};
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(2)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export async function main(): Promise<void> {
	console.log(
		`${PER_YEAR} interviews a year, archive window ${WINDOW_DAYS} days, archived every ${ARCHIVE_EVERY_DAYS} days`
	);
	const rows: { years: number; archived: Figures; whole: Figures | null }[] = [];
	for (const years of YEARS) {
		const archived = measure(simulate(years, true));
		// Without archiving only the shortest history: the longer ones take minutes and gigabytes to build.
		const whole = years === YEARS[0] ? measure(simulate(years, false)) : null;
		rows.push({ years, archived, whole });
	}
	const first = rows[0]!.archived;
	for (const { years, archived: a, whole: w } of rows) {
		console.log(
			`${String(years).padStart(2)} years, archived: ${a.entries} entries, ${mb(a.bytes)} (${ratio(a.bytes, first.bytes)} of ${YEARS[0]} years), ` +
				`load ${a.loadMs.toFixed(1)} ms (${ratio(a.loadMs, first.loadMs)}), heap ${mb(a.heapBytes)} (${ratio(a.heapBytes, first.heapBytes)})`
		);
		if (w)
			console.log(
				`${String(years).padStart(2)} years, never archived: ${w.entries} entries, ${mb(w.bytes)} (${ratio(w.bytes, a.bytes)} the archived one), ` +
					`load ${w.loadMs.toFixed(1)} ms (${ratio(w.loadMs, a.loadMs)}), heap ${mb(w.heapBytes)} (${ratio(w.heapBytes, a.heapBytes)})`
			);
	}
	const last = rows.at(-1)!.archived;
	// Size and heap are counted, not timed: the aim is judged on them; the load time is shown beside.
	const flat = last.bytes / first.bytes <= 1.2 && last.heapBytes / first.heapBytes <= 1.2;
	console.log(
		`aim: flat, bounded by the live window: ${YEARS.at(-1)} years is ${ratio(last.bytes, first.bytes)} the size of ${YEARS[0]} years → ${flat ? 'met' : 'NOT met'}`
	);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
