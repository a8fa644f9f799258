import { OutgoingMessage } from '@hocuspocus/server';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import { writeSyncStep1, writeSyncStep2 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { frameProblem } from './sockets';

const doc = new Y.Doc();
doc.getMap('interviews').set('a', 'Room A1');
const frame = (m: OutgoingMessage) => Buffer.from(m.toUint8Array());

describe('frameProblem', () => {
	it('lets every message a provider sends through', () => {
		const step1 = new OutgoingMessage('org:x:calendar').createSyncMessage();
		writeSyncStep1(step1.encoder, doc);
		const step2 = new OutgoingMessage('org:x:calendar').createSyncMessage();
		writeSyncStep2(step2.encoder, doc);
		const awareness = new Awareness(doc);
		awareness.setLocalState({ user: { name: 'Ines' } });
		const messages = [
			step1,
			step2,
			new OutgoingMessage('org:x:calendar').createSyncMessage().writeUpdate(Y.encodeStateAsUpdate(doc)),
			new OutgoingMessage('org:x:calendar').createAwarenessUpdateMessage(awareness),
			new OutgoingMessage('org:x:calendar').writeQueryAwareness(),
			new OutgoingMessage('org:x:calendar').writeStateless('hello'),
			new OutgoingMessage('org:x:calendar').writeCloseMessage('bye')
		];
		for (const m of messages) expect(frameProblem(frame(m), true)).toBeNull();
		// Hocuspocus re-emits what it queued during authentication without the binary flag.
		expect(frameProblem(frame(step1), undefined)).toBeNull();
	});

	it('names what is wrong with anything else', () => {
		expect(frameProblem(Buffer.from('hello'), false)).toBe('a text frame');
		expect(frameProblem(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x99]), true)).toBe('a message that does not decode');
		expect(frameProblem(Buffer.from([0]), true)).toBe('a message without a document name');
		const bad = Buffer.concat([frame(new OutgoingMessage('doc')), Buffer.from([42])]);
		expect(frameProblem(bad, true)).toBe('a message of unknown type 42');
		const garbledUpdate = new OutgoingMessage('doc').createSyncMessage().writeUpdate(new Uint8Array([9, 200, 1, 7, 7]));
		expect(frameProblem(frame(garbledUpdate), true)).toMatch(/does not decode|truncated/);
		const truncated = frame(new OutgoingMessage('doc').createSyncMessage().writeUpdate(Y.encodeStateAsUpdate(doc)));
		expect(frameProblem(truncated.subarray(0, truncated.length - 3), true)).not.toBeNull();
		expect(frameProblem('text as a string', undefined)).toBe('a frame of an unknown kind');
	});
});
