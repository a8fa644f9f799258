/**
 * Slot finding for a five-person panel spread over four time zones, across four weeks that
 * include the European and US daylight-saving changes, against a realistic busy calendar.
 *
 *   npx tsx bench/slots.ts
 *
 * The baseline is the brute-force reference (every grid start checked minute by minute) run on
 * the same input; the two must return the same slots. The last line is machine-readable.
 */
import { pathToFileURL } from 'node:url';
import { ConflictIndex } from '../src/lib/domain/conflicts';
import {
	bruteForceSlots,
	findSlots,
	workingWindows,
	type FindSlotsInput,
	type SlotPerson
} from '../src/lib/domain/slots';
import type { Interview } from '../src/lib/domain/types';
import { prng } from '../tests/helpers/prng';

const FROM = Date.UTC(2026, 9, 19); // Monday 19 Oct 2026; Europe changes on 25 Oct, the US on 1 Nov
const TO = FROM + 28 * 86_400_000;
const DURATION_MIN = 60;
const STEP_MIN = 15;
const BUFFER_MIN = 10;
const REPEATS = 15;

/** The panel: working hours in each person's own zone; all five overlap three to four hours a day. */
const PANEL: SlotPerson[] = [
	{
		id: 'berlin-a',
		timezone: 'Europe/Berlin',
		workingHours: { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] }
	},
	{
		id: 'berlin-b',
		timezone: 'Europe/Berlin',
		workingHours: { startTime: '08:30', endTime: '17:30', weekdays: [1, 2, 3, 4] }
	},
	{
		id: 'london',
		timezone: 'Europe/London',
		workingHours: { startTime: '09:00', endTime: '17:30', weekdays: [1, 2, 3, 4, 5] }
	},
	{
		id: 'new-york',
		timezone: 'America/New_York',
		workingHours: { startTime: '08:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] }
	},
	{
		id: 'kolkata',
		timezone: 'Asia/Kolkata',
		workingHours: { startTime: '13:00', endTime: '22:00', weekdays: [1, 2, 3, 4, 5, 6] }
	}
];

/** A busy calendar: each panel member has 0–3 other interviews on each working day, in their hours. */
function busyCalendar(seed = 42): Interview[] {
	const rand = prng(seed);
	const out: Interview[] = [];
	for (const person of PANEL) {
		for (const [ws, we] of workingWindows(person, FROM, TO)) {
			const count = Math.floor(rand() * 4);
			for (let k = 0; k < count; k++) {
				const durationMin = [30, 45, 60, 90][Math.floor(rand() * 4)]!;
				const quarters = Math.floor((we - ws - durationMin * 60_000) / 900_000);
				const start = ws + Math.floor(rand() * (quarters + 1)) * 900_000;
				// Some interviews share panel members, as real panels do.
				const panel = [person.id, ...PANEL.filter((p) => p !== person && rand() < 0.1).map((p) => p.id)];
				out.push({
					id: `${person.id}-${out.length}`,
					applicationId: `app-${out.length}`,
					candidateId: `candidate-${out.length}`,
					cycleId: 'cycle-1',
					start: new Date(start).toISOString(),
					durationMin,
					timezone: person.timezone,
					type: 'video',
					mode: 'online',
					location: '',
					round: 1,
					panel,
					status: rand() < 0.9 ? 'scheduled' : 'cancelled',
					rescheduledFrom: null,
					updatedBy: 'admin',
					updatedAt: '2026-10-01T00:00:00.000Z'
				});
			}
		}
	}
	return out;
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

/** Runs the benchmark and prints the summary line. */
export async function main(): Promise<void> {
	const calendar = busyCalendar();
	const index = new ConflictIndex(calendar, { bufferMin: BUFFER_MIN });
	const ids = PANEL.map((p) => p.id);
	const input = (): FindSlotsInput => ({
		people: PANEL,
		busy: index.busyMap(ids, FROM, TO),
		durationMin: DURATION_MIN,
		from: new Date(FROM),
		to: new Date(TO),
		stepMin: STEP_MIN,
		bufferMin: BUFFER_MIN,
		notBefore: new Date(FROM + 2 * 3_600_000)
	});
	const busyCount = [...input().busy.values()].reduce((n, l) => n + l.length, 0);
	console.log(
		`panel of ${PANEL.length} in ${new Set(PANEL.map((p) => p.timezone)).size} zones, 4 weeks from ${new Date(FROM).toISOString().slice(0, 10)}, ${busyCount} busy intervals, ${DURATION_MIN} min, step ${STEP_MIN} min, buffer ${BUFFER_MIN} min`
	);

	// The first call pays for building Intl formatters and filling the offset cache.
	const cold0 = performance.now();
	let slots = findSlots(input());
	const coldMs = performance.now() - cold0;
	const times: number[] = [];
	for (let r = 0; r < REPEATS; r++) {
		const t0 = performance.now();
		slots = findSlots(input()); // busy extraction from the index included
		times.push(performance.now() - t0);
	}
	const finderMs = median(times);

	const bruteInput = input();
	const t0 = performance.now();
	const brute = bruteForceSlots(bruteInput);
	const bruteMs = performance.now() - t0;
	if (JSON.stringify(brute) !== JSON.stringify(slots)) throw new Error('findSlots and bruteForceSlots disagree');

	const days = new Set(slots.map((s) => s.slice(0, 10))).size;
	console.log(
		`finder ${finderMs.toFixed(2)} ms (median of ${REPEATS}; first call ${coldMs.toFixed(2)} ms), brute force ${bruteMs.toFixed(1)} ms; ${slots.length} slots on ${days} days; results identical`
	);
	console.log(`first slots: ${slots.slice(0, 3).join(', ')}`);
	console.log(
		`bench slots: finder_ms=${finderMs.toFixed(2)} brute_ms=${bruteMs.toFixed(1)} ratio=${(bruteMs / finderMs).toFixed(1)} slots=${slots.length}`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((err: unknown) => {
		console.error(err);
		process.exitCode = 1;
	});
}
