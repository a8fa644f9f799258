import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConflictIndex, naiveConflicts, type IndexedSubject } from './conflicts';
import type { InterviewStatus } from './types';

function iv(
	id: string,
	start: string,
	durationMin: number,
	panel: string[],
	candidateId: string,
	status: InterviewStatus = 'scheduled'
): IndexedSubject {
	return { id, start, durationMin, panel, candidateId, status };
}

describe('ConflictIndex', () => {
	it('flags a panel member booked twice', () => {
		const index = new ConflictIndex([
			iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1'),
			iv('b', '2026-11-24T10:30:00.000Z', 60, ['alice', 'bob'], 'c2')
		]);
		expect(index.conflictsFor(iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1'))).toEqual([
			{
				interviewId: 'b',
				personId: 'alice',
				role: 'interviewer',
				start: '2026-11-24T10:30:00.000Z',
				end: '2026-11-24T11:30:00.000Z'
			}
		]);
		const all = index.allConflicts();
		expect([...all.keys()].sort()).toEqual(['a', 'b']);
		expect(all.get('b')?.map((c) => c.interviewId)).toEqual(['a']);
	});

	it('flags a candidate booked twice', () => {
		const index = new ConflictIndex([iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'carol')]);
		expect(
			index.conflictsFor({ start: '2026-11-24T10:45:00.000Z', durationMin: 30, panel: ['bob'], candidateId: 'carol' })
		).toEqual([expect.objectContaining({ interviewId: 'a', personId: 'carol', role: 'candidate' })]);
	});

	it('finds someone who interviews at the same time as they are a candidate elsewhere', () => {
		const index = new ConflictIndex([iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'dave')]);
		expect(
			index.conflictsFor({ start: '2026-11-24T10:00:00.000Z', durationMin: 60, panel: ['dave'], candidateId: 'erin' })
		).toEqual([expect.objectContaining({ interviewId: 'a', personId: 'dave', role: 'interviewer' })]);
	});

	it('does not count back-to-back interviews as a conflict when the buffer is 0', () => {
		const index = new ConflictIndex([
			iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1'),
			iv('b', '2026-11-24T11:00:00.000Z', 60, ['alice'], 'c2')
		]);
		expect(index.allConflicts().size).toBe(0);
	});

	it('counts interviews closer than the buffer as a conflict', () => {
		const interviews = [
			iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1'),
			iv('b', '2026-11-24T11:10:00.000Z', 60, ['alice'], 'c2')
		];
		expect(new ConflictIndex(interviews, { bufferMin: 10 }).allConflicts().size).toBe(0);
		expect(new ConflictIndex(interviews, { bufferMin: 11 }).allConflicts().size).toBe(2);
	});

	it('ignores cancelled, completed and no-show interviews', () => {
		const index = new ConflictIndex([
			iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1', 'cancelled'),
			iv('b', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c2', 'completed'),
			iv('c', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c3', 'no_show')
		]);
		expect(index.size).toBe(0);
		expect(
			index.conflictsFor({ start: '2026-11-24T10:00:00.000Z', durationMin: 60, panel: ['alice'], candidateId: 'c9' })
		).toEqual([]);
	});

	it('never reports an interview as conflicting with itself', () => {
		const a = iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1');
		const index = new ConflictIndex([a]);
		expect(index.conflictsFor(a)).toEqual([]);
		expect(index.conflictsFor({ ...a, start: '2026-11-24T10:30:00.000Z' })).toEqual([]);
	});

	it('follows an interview that moves and forgets one that is removed or cancelled', () => {
		const index = new ConflictIndex([
			iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1'),
			iv('b', '2026-11-24T12:00:00.000Z', 60, ['alice'], 'c2')
		]);
		expect(index.allConflicts().size).toBe(0);
		index.upsert(iv('b', '2026-11-24T10:30:00.000Z', 60, ['alice'], 'c2'));
		expect(index.allConflicts().size).toBe(2);
		index.upsert(iv('b', '2026-11-24T10:30:00.000Z', 60, ['alice'], 'c2', 'cancelled'));
		expect(index.allConflicts().size).toBe(0);
		index.upsert(iv('b', '2026-11-24T10:30:00.000Z', 60, ['alice'], 'c2'));
		expect(index.remove('b')).toBe(true);
		expect(index.remove('b')).toBe(false);
		expect(index.allConflicts().size).toBe(0);
	});

	it('lists the busy time of a person for the slot finder', () => {
		const index = new ConflictIndex([
			iv('a', '2026-11-24T10:00:00.000Z', 60, ['alice'], 'c1'),
			iv('b', '2026-11-25T10:00:00.000Z', 60, ['alice'], 'c2')
		]);
		expect(index.busyFor('alice', '2026-11-24T10:30:00Z', '2026-11-25T00:00:00Z')).toEqual([
			{ interviewId: 'a', start: '2026-11-24T10:00:00.000Z', end: '2026-11-24T11:00:00.000Z' }
		]);
		expect(index.busyMap(['bob'], '2026-11-24T00:00:00Z', '2026-11-26T00:00:00Z').get('bob')).toEqual([]);
	});
});

// Random calendars packed into two days with few people, so that overlaps, back-to-back pairs,
// equal starts and shared panel members are all common.
const BASE = Date.UTC(2026, 10, 24, 8);
const people = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const candidates = ['c0', 'c1', 'c2', 'c3', 'p0'];
const ids = Array.from({ length: 24 }, (_, i) => `i${String(i).padStart(2, '0')}`);

const subjectArb = (id: fc.Arbitrary<string>) =>
	fc.record({
		id,
		start: fc
			.oneof(
				fc.integer({ min: 0, max: 64 }).map((q) => q * 15),
				fc.integer({ min: 0, max: 960 })
			)
			.map((min) => new Date(BASE + min * 60_000).toISOString()),
		durationMin: fc.constantFrom(0, 15, 30, 45, 60, 90, 240),
		panel: fc.uniqueArray(fc.constantFrom(...people), { minLength: 1, maxLength: 3 }),
		candidateId: fc.constantFrom(...candidates),
		status: fc.constantFrom<InterviewStatus>(
			'scheduled',
			'scheduled',
			'in_progress',
			'cancelled',
			'completed',
			'no_show'
		)
	});

const calendarArb = fc.uniqueArray(subjectArb(fc.constantFrom(...ids)), { selector: (s) => s.id, maxLength: 24 });
const bufferArb = fc.constantFrom(0, 0, 5, 15);

function expectIndexMatchesNaive(index: ConflictIndex, interviews: readonly IndexedSubject[], bufferMin: number): void {
	const naive = naiveConflicts(interviews, bufferMin);
	expect(index.allConflicts()).toEqual(naive);
	for (const interview of interviews) {
		expect(index.conflictsFor(interview)).toEqual(naive.get(interview.id) ?? []);
	}
}

describe('ConflictIndex against the pairwise definition', () => {
	it('finds exactly the conflicts of naiveConflicts on random calendars', () => {
		fc.assert(
			fc.property(calendarArb, bufferArb, (interviews, bufferMin) => {
				expectIndexMatchesNaive(new ConflictIndex(interviews, { bufferMin }), interviews, bufferMin);
			}),
			{ numRuns: 150 }
		);
	});

	it('checks a new proposal exactly as if it were booked', () => {
		fc.assert(
			fc.property(calendarArb, subjectArb(fc.constant('new')), bufferArb, (interviews, proposal, bufferMin) => {
				const { id: _id, ...withoutId } = proposal;
				const index = new ConflictIndex(interviews, { bufferMin });
				const expected = naiveConflicts([...interviews, proposal], bufferMin).get('new') ?? [];
				expect(index.conflictsFor(withoutId)).toEqual(expected);
			}),
			{ numRuns: 150 }
		);
	});

	it('stays equal to naiveConflicts through random upserts and removals', () => {
		const opArb = fc.oneof(
			{ weight: 3, arbitrary: subjectArb(fc.constantFrom(...ids)).map((s) => ({ kind: 'upsert' as const, s })) },
			{ weight: 1, arbitrary: fc.constantFrom(...ids).map((id) => ({ kind: 'remove' as const, id })) }
		);
		fc.assert(
			fc.property(fc.array(opArb, { maxLength: 60 }), bufferArb, (ops, bufferMin) => {
				const index = new ConflictIndex([], { bufferMin });
				const model = new Map<string, IndexedSubject>();
				ops.forEach((op, step) => {
					if (op.kind === 'upsert') {
						index.upsert(op.s);
						model.set(op.s.id, op.s);
					} else {
						index.remove(op.id);
						model.delete(op.id);
					}
					if (step % 10 === 9) expectIndexMatchesNaive(index, [...model.values()], bufferMin);
				});
				expectIndexMatchesNaive(index, [...model.values()], bufferMin);
				expect(index.size).toBe(
					[...model.values()].filter((s) => s.status === 'scheduled' || s.status === 'in_progress').length
				);
			}),
			{ numRuns: 100 }
		);
	});
});
