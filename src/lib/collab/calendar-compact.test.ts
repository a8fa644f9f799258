import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { Interview } from '$lib/domain/types';
import { changedEntries, compactCalendar, forwardChanges } from './calendar-compact';
import {
	createInterview,
	deleteInterview,
	getInterview,
	getLastChange,
	readCalendar,
	rescheduleInterview,
	setStatus,
	updateInterview
} from './calendar';

const NOW = new Date('2026-11-24T08:00:00.000Z');
const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const ids = Array.from({ length: 12 }, (_, i) => idOf(i));

function interview(id: string, over: Partial<Interview> = {}): Interview {
	return {
		id,
		applicationId: `app-${id.slice(-2)}`,
		candidateId: 'cand-1',
		cycleId: 'cycle-1',
		start: '2026-11-25T10:00:00.000Z',
		durationMin: 60,
		timezone: 'Europe/Paris',
		type: 'technical',
		mode: 'online',
		location: '',
		round: 1,
		panel: ['alice', 'bob'],
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: 'admin',
		updatedAt: '2026-11-24T07:00:00.000Z',
		...over
	};
}

/** A calendar with history: every interview moved `moves` times, some cancelled. */
function historyDoc(n: number, moves: number): Y.Doc {
	const doc = new Y.Doc();
	for (let i = 0; i < n; i++) {
		const id = idOf(i);
		createInterview(doc, interview(id));
		for (let m = 0; m < moves; m++) {
			const start = new Date(Date.parse('2026-12-01T09:00:00Z') + (i * 7 + m) * 3_600_000).toISOString();
			updateInterview(doc, id, { start, panel: m % 2 ? ['alice'] : ['bob', 'carol'] }, { actor: 'admin', now: NOW });
		}
	}
	return doc;
}

describe('compacting the calendar', () => {
	it('keeps exactly the entries it is told to, read for read, without their history', () => {
		const doc = historyDoc(200, 4);
		const all = readCalendar(doc).interviews;
		const keep = new Set(all.filter((_, i) => i % 3 === 0).map((i) => i.id));
		const fresh = compactCalendar(doc, (id) => keep.has(id));
		expect(readCalendar(fresh).interviews).toEqual(all.filter((i) => keep.has(i.id)));
		for (const id of keep) expect(getLastChange(fresh, id)).toEqual(getLastChange(doc, id));
		// The history (four moves of each, the removed two thirds) does not travel.
		const before = Y.encodeStateAsUpdate(doc).byteLength;
		const after = Y.encodeStateAsUpdate(fresh).byteLength;
		expect(after).toBeLessThan(before / 3);
	});

	it('stays the same size however long the history behind the kept entries is', () => {
		const short = compactCalendar(historyDoc(50, 1), () => true);
		const long = compactCalendar(historyDoc(50, 12), () => true);
		const size = (d: Y.Doc) => Y.encodeStateAsUpdate(d).byteLength;
		expect(Math.abs(size(long) - size(short)) / size(short)).toBeLessThan(0.05);
	});
});

describe('forwarding edits made to an old generation', () => {
	/** The old generation on the server, an offline client's copy of it, and the compacted new generation. */
	function setup() {
		const old = new Y.Doc();
		for (const id of ids.slice(0, 4)) createInterview(old, interview(id));
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(old));
		const base = Y.encodeStateAsUpdate(old);
		// ids[3] is archived: it does not reach the new generation.
		const next = compactCalendar(old, (id) => id !== ids[3]);
		return { old, offline, base, next };
	}

	function forward(base: Uint8Array, offline: Y.Doc, next: Y.Doc, archived = new Set<string>()) {
		const baseDoc = new Y.Doc();
		Y.applyUpdate(baseDoc, base);
		const changes = changedEntries(baseDoc, Y.encodeStateAsUpdate(offline));
		return forwardChanges(baseDoc, next, changes, 'forward', (id) => archived.has(id));
	}

	it('carries an offline edit field by field, keeping what others changed meanwhile', () => {
		const { offline, base, next } = setup();
		updateInterview(offline, ids[0]!, { location: 'Room 4', mode: 'offline' }, { actor: 'ann', now: NOW });
		// Meanwhile, in the new generation, another admin moved the same interview.
		updateInterview(next, ids[0]!, { start: '2026-11-26T14:00:00.000Z' }, { actor: 'bo', now: NOW });
		const result = forward(base, offline, next);
		expect(result).toEqual({ applied: [ids[0]], missing: [] });
		const merged = getInterview(next, ids[0]!)!;
		expect(merged.location).toBe('Room 4');
		expect(merged.mode).toBe('offline');
		expect(merged.start).toBe('2026-11-26T14:00:00.000Z');
	});

	it('carries offline creations, cancellations, reschedules and removals', () => {
		const { offline, base, next } = setup();
		createInterview(offline, interview(ids[5]!, { start: '2026-12-02T09:00:00.000Z' }));
		setStatus(offline, ids[1]!, 'cancelled', { actor: 'ann', now: NOW, reason: 'Candidate withdrew' });
		const moved = rescheduleInterview(
			offline,
			ids[2]!,
			{ start: '2026-12-03T09:00:00.000Z' },
			{ actor: 'ann', now: NOW, newId: ids[6]! }
		);
		expect(moved.ok).toBe(true);
		deleteInterview(offline, ids[0]!);
		forward(base, offline, next);
		const read = new Map(readCalendar(next).interviews.map((i) => [i.id, i]));
		expect(read.get(ids[5]!)?.start).toBe('2026-12-02T09:00:00.000Z');
		expect(read.get(ids[1]!)?.status).toBe('cancelled');
		expect(getLastChange(next, ids[1]!)?.reason).toBe('Candidate withdrew');
		expect(read.get(ids[2]!)?.status).toBe('cancelled');
		expect(read.get(ids[6]!)?.rescheduledFrom).toBe(ids[2]);
		expect(read.has(ids[0]!)).toBe(false);
	});

	it('reports an edit of an archived interview instead of reviving it', () => {
		const { offline, base, next } = setup();
		updateInterview(offline, ids[3]!, { location: 'Late edit' }, { actor: 'ann', now: NOW });
		const result = forward(base, offline, next, new Set([ids[3]!]));
		expect(result.applied).toEqual([]);
		expect(result.missing).toEqual([{ id: ids[3], keys: ['lastChange', 'location', 'updatedAt', 'updatedBy'] }]);
		expect(getInterview(next, ids[3]!)).toBeNull();
	});

	it('forwards nothing twice: a second pass over the same update changes nothing', () => {
		const { offline, base, next } = setup();
		updateInterview(offline, ids[0]!, { location: 'Room 9' }, { actor: 'ann', now: NOW });
		const baseDoc = new Y.Doc();
		Y.applyUpdate(baseDoc, base);
		const first = changedEntries(baseDoc, Y.encodeStateAsUpdate(offline));
		forwardChanges(baseDoc, next, first, 'forward');
		const again = changedEntries(baseDoc, Y.encodeStateAsUpdate(offline));
		expect(again.size).toBe(0);
	});

	it('converges: any offline edits, forwarded, read as if made on the new generation', () => {
		const field = fc.constantFrom('location', 'durationMin', 'round', 'panel', 'start');
		const edit = fc.record({ who: fc.nat(2), field, n: fc.nat(40) });
		fc.assert(
			fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
				const { offline, base, next } = setup();
				const direct = compactCalendar(next, () => true);
				for (const { who, field, n } of edits) {
					const id = ids[who]!;
					const patch =
						field === 'location'
							? { location: `Room ${n}` }
							: field === 'durationMin'
								? { durationMin: 15 + n }
								: field === 'round'
									? { round: 1 + n }
									: field === 'panel'
										? { panel: n % 2 ? ['alice'] : ['bob', `p${n}`] }
										: { start: new Date(Date.parse('2026-12-01T08:00:00Z') + n * 900_000).toISOString() };
					updateInterview(offline, id, patch, { actor: 'ann', now: NOW });
					updateInterview(direct, id, patch, { actor: 'ann', now: NOW });
				}
				forward(base, offline, next);
				expect(readCalendar(next).interviews).toEqual(readCalendar(direct).interviews);
			}),
			{ numRuns: 60 }
		);
	});
});
