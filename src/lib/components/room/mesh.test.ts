import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callsFirst, keepsOurs, RECALL_DELAY_MS, recallDelayMs, whomToCall } from './mesh';

const person = (user: string, peer: string) => ({ user_id: user, peer_id: peer });

describe('the mesh rule', () => {
	it('has a newcomer call everybody it is not connected to, and nobody else', () => {
		const present = [person('me', 'p-5'), person('ana', 'p-1'), person('ben', 'p-9'), person('cy', 'p-3')];
		const connected = (u: string) => u === 'cy';
		const called = whomToCall('arrived', { userId: 'me', peerId: 'p-5' }, present, connected);
		expect(called.map((p) => p.user_id)).toEqual(['ana', 'ben']);
	});

	it('has only the smaller peer id call when the room is re-read', () => {
		const present = [person('ana', 'p-1'), person('ben', 'p-9')];
		const called = whomToCall('reread', { userId: 'me', peerId: 'p-5' }, present, () => false);
		expect(called.map((p) => p.user_id)).toEqual(['ben']);
	});

	it('calls everybody again, connected or not, once back online', () => {
		const present = [person('ana', 'p-1'), person('ben', 'p-9'), person('me', 'p-5')];
		const called = whomToCall('back-online', { userId: 'me', peerId: 'p-5' }, present, () => true);
		expect(called.map((p) => p.user_id)).toEqual(['ana', 'ben']);
	});

	it('lets the smaller id call again first after a drop, and the other wait longer', () => {
		expect(recallDelayMs('p-1', 'p-2')).toBe(RECALL_DELAY_MS);
		expect(recallDelayMs('p-2', 'p-1')).toBeGreaterThan(RECALL_DELAY_MS);
	});

	it('keeps exactly one of two crossing calls, the same one on both sides (property)', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				fc.pre(a !== b);
				// Each side keeps its own call when it wins; the winner is the same call seen from both sides.
				expect(keepsOurs(a, b)).not.toBe(keepsOurs(b, a));
				expect(callsFirst(a, b)).not.toBe(callsFirst(b, a));
				expect(recallDelayMs(a, b) === RECALL_DELAY_MS).not.toBe(recallDelayMs(b, a) === RECALL_DELAY_MS);
			})
		);
	});

	it('ends with exactly one call per pair, whoever arrives, drops or re-reads when (property)', () => {
		// A room of peers with distinct ids. Calls are placed by the rule; two placed at once cross and
		// one of them is dropped by the rule; a dropped pair is re-connected by whoever the rule says.
		const step = fc.record({ who: fc.nat(5), what: fc.constantFrom('arrive', 'reread', 'drop') });
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 6 }),
				fc.array(step),
				(ids, steps) => {
					const n = ids.length;
					const inRoom = new Set<number>();
					/** calls[i][j]: i placed a call to j that is up. */
					const calls = ids.map(() => ids.map(() => false));
					const connected = (i: number, j: number) => calls[i]![j]! || calls[j]![i]!;
					const place = (i: number, occasion: 'arrived' | 'reread') => {
						const present = [...inRoom].map((k) => person(String(k), ids[k]!));
						for (const p of whomToCall(occasion, { userId: String(i), peerId: ids[i]! }, present, (u) =>
							connected(i, Number(u))
						)) {
							const j = Number(p.user_id);
							if (calls[j]![i]) {
								// Crossing: both sides apply the rule and agree on the one that stays.
								if (keepsOurs(ids[i]!, ids[j]!)) calls[j]![i] = false;
								else continue;
							}
							calls[i]![j] = true;
						}
					};
					for (const s of steps) {
						const i = s.who % n;
						if (s.what === 'arrive' && !inRoom.has(i)) {
							inRoom.add(i);
							place(i, 'arrived');
						} else if (s.what === 'drop') {
							for (let j = 0; j < n; j++) calls[i]![j] = calls[j]![i] = false;
						} else if (inRoom.has(i)) place(i, 'reread');
					}
					// Everybody re-reads the room once (the poll): every pair present is joined by one call.
					for (const i of inRoom) place(i, 'reread');
					for (const i of inRoom)
						for (const j of inRoom) {
							if (i >= j) continue;
							expect(Number(calls[i]![j]) + Number(calls[j]![i]), `${ids[i]} and ${ids[j]}`).toBe(1);
						}
				}
			)
		);
	});
});
