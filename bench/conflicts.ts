/**
 * Conflict detection at the scale of a busy organization: 10,000 interviews over about three
 * months, ~60 interviewers, ~5,000 candidates, panels of 1–3.
 *
 *   npx tsx bench/conflicts.ts
 *
 * Times the full check (building a ConflictIndex and listing every conflict) against the pairwise
 * definition, and the incremental check of one moved interview, which is what the calendar runs
 * on every drag. The last line is machine-readable.
 */
import { pathToFileURL } from 'node:url';
import { ConflictIndex, naiveConflicts } from '../src/lib/domain/conflicts';
import type { Interview, InterviewStatus } from '../src/lib/domain/types';
import { prng } from '../tests/helpers/prng';

const INTERVIEWS = 10_000;
const INTERVIEWERS = 60;
const CANDIDATES = 5_000;
const DAYS = 91;
const INCREMENTAL_SAMPLES = 1_000;
const FULL_REPEATS = 9;

/**
 * A synthetic calendar shaped like a real one: weekday office hours, 15-minute starts, mostly
 * scheduled. Bookings were checked when made, so each interview takes the first of a few random
 * times at which its people are free; about 1 % were booked offline without the check, which
 * leaves the double bookings a merged calendar really has.
 */
export function syntheticCalendar(seed = 42, count = INTERVIEWS): Interview[] {
	const rand = prng(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
	const interviewers = Array.from({ length: INTERVIEWERS }, (_, i) => `interviewer-${i}`);
	const base = Date.UTC(2026, 8, 7); // a Monday
	const weekdays: number[] = [];
	for (let d = 0; d < DAYS; d++) if (new Date(base + d * 86_400_000).getUTCDay() % 6 !== 0) weekdays.push(d);
	const statuses: InterviewStatus[] = [
		'scheduled',
		'scheduled',
		'scheduled',
		'scheduled',
		'scheduled',
		'scheduled',
		'in_progress',
		'completed',
		'cancelled',
		'no_show'
	];
	const booked = new ConflictIndex();
	const out: Interview[] = [];
	for (let i = 0; i < count; i++) {
		const panelSize = 1 + Math.floor(rand() * 3);
		const panel = new Set<string>();
		while (panel.size < panelSize) panel.add(pick(interviewers));
		const checked = rand() >= 0.01;
		const randomStart = (): string => {
			const day = pick(weekdays);
			const quarter = 8 * 4 + Math.floor(rand() * 9 * 4); // 08:00–16:45 UTC
			return new Date(base + day * 86_400_000 + quarter * 15 * 60_000).toISOString();
		};
		const interview: Interview = {
			id: `iv-${String(i).padStart(5, '0')}`,
			applicationId: `app-${i}`,
			candidateId: `candidate-${Math.floor(rand() * CANDIDATES)}`,
			cycleId: 'cycle-1',
			start: randomStart(),
			durationMin: pick([30, 45, 60, 60, 90]),
			timezone: pick(['Europe/Berlin', 'Europe/London', 'America/New_York']),
			type: pick(['phone', 'video', 'technical', 'hr', 'final'] as const),
			mode: rand() < 0.8 ? 'online' : 'offline',
			location: '',
			round: 1,
			panel: [...panel],
			status: pick(statuses),
			rescheduledFrom: null,
			updatedBy: 'admin',
			updatedAt: '2026-09-01T00:00:00.000Z'
		};
		for (let attempt = 0; checked && attempt < 30 && booked.conflictsFor(interview).length > 0; attempt++) {
			interview.start = randomStart();
		}
		booked.upsert(interview);
		out.push(interview);
	}
	return out;
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

function percentile(values: number[], p: number): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Runs the benchmark and prints the summary line. */
export async function main(): Promise<void> {
	const calendar = syntheticCalendar();
	const active = calendar.filter((i) => i.status === 'scheduled' || i.status === 'in_progress').length;
	console.log(
		`calendar: ${calendar.length} interviews (${active} active), ${INTERVIEWERS} interviewers, ${CANDIDATES} candidates, ${DAYS} days`
	);

	// Full check: build the index and list everything, best of a few runs after a warm-up.
	let index = new ConflictIndex(calendar);
	let all = index.allConflicts();
	const fullTimes: number[] = [];
	for (let r = 0; r < FULL_REPEATS; r++) {
		const t0 = performance.now();
		index = new ConflictIndex(calendar);
		all = index.allConflicts();
		fullTimes.push(performance.now() - t0);
	}
	const fullMs = median(fullTimes);

	const t0 = performance.now();
	const naive = naiveConflicts(calendar);
	const naiveMs = performance.now() - t0;

	const same =
		all.size === naive.size && [...naive].every(([id, list]) => JSON.stringify(all.get(id)) === JSON.stringify(list));
	if (!same) throw new Error('ConflictIndex and naiveConflicts disagree');
	const pairs = [...all.values()].reduce((n, l) => n + l.length, 0) / 2;
	console.log(
		`full check: index build + allConflicts ${fullMs.toFixed(2)} ms (median of ${FULL_REPEATS}), pairwise ${naiveMs.toFixed(1)} ms; ${all.size} interviews in ${pairs} double bookings; results identical`
	);

	// Incremental check: an admin drags one interview to another time; check only that one.
	const rand = prng(7);
	const samples: number[] = [];
	let found = 0;
	for (let s = -200; s < INCREMENTAL_SAMPLES; s++) {
		const target = calendar[Math.floor(rand() * calendar.length)]!;
		const moved = {
			...target,
			start: new Date(Date.parse(target.start) + (Math.floor(rand() * 17) - 8) * 15 * 60_000).toISOString()
		};
		const t = performance.now();
		const conflicts = index.conflictsFor(moved);
		const dt = performance.now() - t;
		if (s >= 0) {
			samples.push(dt * 1000);
			found += conflicts.length;
		}
	}
	const p50 = percentile(samples, 50);
	const p99 = percentile(samples, 99);
	console.log(
		`incremental check of one moved interview: p50 ${p50.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs over ${INCREMENTAL_SAMPLES} samples (${found} conflicts found)`
	);

	const speedup = naiveMs / fullMs;
	console.log(
		`bench conflicts: full_ms=${fullMs.toFixed(2)} naive_ms=${naiveMs.toFixed(1)} speedup=${speedup.toFixed(1)}x incremental_p50_us=${p50.toFixed(1)} incremental_p99_us=${p99.toFixed(1)}`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((err: unknown) => {
		console.error(err);
		process.exitCode = 1;
	});
}
