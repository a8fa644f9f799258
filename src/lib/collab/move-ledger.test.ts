import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createInterview, observeInterviews, updateInterview } from '$lib/collab/calendar';
import type { Interview } from '$lib/domain/types';
import { MoveLedger, type LostMove } from './move-ledger';

const ID = '11111111-1111-4111-8111-111111111111';
const NOW = new Date('2026-11-24T08:00:00.000Z');

function interview(): Interview {
	return {
		id: ID,
		applicationId: 'app-1',
		candidateId: 'cand-1',
		cycleId: 'cycle-1',
		start: '2026-11-30T10:00:00.000Z',
		durationMin: 45,
		timezone: 'Europe/London',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel: ['ines'],
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: 'seed',
		updatedAt: NOW.toISOString()
	};
}

class MemoryStorage {
	#m = new Map<string, string>();
	getItem(k: string) {
		return this.#m.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.#m.set(k, v);
	}
	removeItem(k: string) {
		this.#m.delete(k);
	}
}

/** One admin's replica with a ledger wired as the calendar wires it. */
function replica(me: string, base: Y.Doc, storage = new MemoryStorage()) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base), 'remote');
	const ledger = new MoveLedger({ storage, key: 'moves', me, now: NOW });
	const lost: LostMove[] = [];
	observeInterviews(doc, ({ ids, local }) => {
		if (local) ledger.noteLocal(doc, ids, NOW);
		else lost.push(...ledger.checkRemote(doc, ids));
	});
	const move = (start: string) => updateInterview(doc, ID, { start }, { actor: me, now: NOW, reason: 'test' });
	return { doc, ledger, lost, storage, move };
}

function exchange(a: Y.Doc, b: Y.Doc) {
	const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, fromA, 'remote');
	Y.applyUpdate(a, fromB, 'remote');
}

function base(): Y.Doc {
	const doc = new Y.Doc();
	createInterview(doc, interview());
	return doc;
}

describe('MoveLedger', () => {
	it('tells exactly the admin whose move lost the merge of two moves made apart, and whose move won', () => {
		const seed = base();
		const a = replica('avery', seed);
		const b = replica('blake', seed);
		a.move('2026-11-30T11:00:00.000Z');
		b.move('2026-11-30T12:00:00.000Z');
		exchange(a.doc, b.doc);

		const all = [...a.lost, ...b.lost];
		expect(all).toHaveLength(1);
		const loser = a.lost.length === 1 ? 'avery' : 'blake';
		const winner = loser === 'avery' ? 'blake' : 'avery';
		expect(all[0]).toEqual({
			interviewId: ID,
			mine: { start: loser === 'avery' ? '2026-11-30T11:00:00.000Z' : '2026-11-30T12:00:00.000Z', durationMin: 45 },
			theirs: {
				start: winner === 'avery' ? '2026-11-30T11:00:00.000Z' : '2026-11-30T12:00:00.000Z',
				durationMin: 45,
				by: winner
			}
		});
	});

	it('says nothing when the other admin moved the interview after seeing my move', () => {
		const seed = base();
		const a = replica('avery', seed);
		const b = replica('blake', seed);
		a.move('2026-11-30T11:00:00.000Z');
		exchange(a.doc, b.doc);
		b.move('2026-11-30T12:00:00.000Z');
		exchange(a.doc, b.doc);
		expect([...a.lost, ...b.lost]).toEqual([]);
		expect(a.ledger.size).toBe(0);
	});

	it('says nothing when a move of mine merely reaches the others, or they change something else', () => {
		const seed = base();
		const a = replica('avery', seed);
		const b = replica('blake', seed);
		a.move('2026-11-30T11:00:00.000Z');
		updateInterview(b.doc, ID, { location: 'Hall B' }, { actor: 'blake', now: NOW });
		exchange(a.doc, b.doc);
		expect([...a.lost, ...b.lost]).toEqual([]);
		expect(a.ledger.size).toBe(1);
	});

	it('remembers an offline move across a reload and still reports it when the merge comes later', () => {
		const seed = base();
		const a = replica('avery', seed);
		const b = replica('blake', seed);
		a.move('2026-11-30T11:00:00.000Z');
		// A reloads: a fresh Y.Doc (a new client id) from the same stored state, and a fresh ledger.
		const reloaded = replica('avery', a.doc, a.storage);
		expect(reloaded.ledger.size).toBe(1);
		b.move('2026-11-30T12:00:00.000Z');
		exchange(reloaded.doc, b.doc);
		expect([...reloaded.lost, ...b.lost]).toHaveLength(1);
	});
});
