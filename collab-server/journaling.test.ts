import { OutgoingMessage } from '@hocuspocus/server';
import { describe, expect, it } from 'vitest';
import { writeSyncStep1, writeSyncStep2 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { updateOf } from './journaling';

describe('updateOf', () => {
	const doc = new Y.Doc();
	doc.getMap('m').set('room', 'A1');
	const update = Y.encodeStateAsUpdate(doc);

	it('reads the update a client sends as a sync update or as its sync step 2', () => {
		const asUpdate = new OutgoingMessage('doc').createSyncMessage().writeUpdate(update).toUint8Array();
		expect(updateOf(asUpdate)).toEqual(update);
		const step2 = new OutgoingMessage('doc').createSyncMessage();
		writeSyncStep2(step2.encoder, doc);
		expect(updateOf(step2.toUint8Array())).toEqual(update);
	});

	it('finds no update in a sync step 1, an awareness message or garbage', () => {
		const step1 = new OutgoingMessage('doc').createSyncMessage();
		writeSyncStep1(step1.encoder, doc);
		expect(updateOf(step1.toUint8Array())).toBeNull();
		expect(updateOf(new OutgoingMessage('doc').writeQueryAwareness().toUint8Array())).toBeNull();
		expect(updateOf(new Uint8Array([255, 255, 255]))).toBeNull();
	});
});
