import { OutgoingMessage, type Document, type Extension } from '@hocuspocus/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FULL } from '../src/lib/contract/collab';
import { capacity, DocumentFullError } from './capacity';

const NAME = 'org:x:calendar';

/** A loaded document, the extension watching it, and a way to send it a client's change. */
async function setUp(maxBytes: number, remeasureMs: number) {
	let now = 0;
	const ext = capacity(maxBytes, remeasureMs, () => now) as Required<Extension>;
	const document = new Y.Doc() as unknown as Document;
	Object.assign(document, { name: NAME });
	await ext.afterLoadDocument({ document, documentName: NAME } as never);
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(document));
	/** The client changes its copy; the server judges the update, and applies it if let through. */
	const send = async (change: (doc: Y.Doc) => void) => {
		const before = Y.encodeStateVector(client);
		change(client);
		const update = Y.encodeStateAsUpdate(client, before);
		const message = new OutgoingMessage(NAME).createSyncMessage().writeUpdate(update).toUint8Array();
		await ext.beforeHandleMessage({
			connection: { readOnly: false },
			document,
			documentName: NAME,
			update: message
		} as never);
		Y.applyUpdate(document, update);
	};
	const size = () => Y.encodeStateAsUpdate(document).byteLength;
	return { send, size, tick: (ms: number) => (now += ms) };
}

describe('the document size bound', () => {
	it('lets changes through up to the bound and refuses the one past it, with the close the client knows', async () => {
		const { send, size } = await setUp(10_000, 0);
		for (let i = 0; i < 4; i++) await send((d) => d.getMap('m').set(`k${i}`, 'x'.repeat(2_000)));
		const refusal = await send((d) => d.getMap('m').set('k4', 'x'.repeat(2_000))).catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(DocumentFullError);
		expect(refusal).toMatchObject({ code: DOCUMENT_FULL.code, reason: DOCUMENT_FULL.reason });
		expect(size()).toBeLessThanOrEqual(10_000);
	});

	it('always lets a deletion through, and the room it makes is used again after a new measure', async () => {
		const { send, size, tick } = await setUp(10_000, 5_000);
		for (let i = 0; i < 4; i++) await send((d) => d.getMap('m').set(`k${i}`, 'x'.repeat(2_000)));
		await send((d) => d.getMap('m').delete('k0'));
		await send((d) => d.getMap('m').delete('k1'));
		expect(size()).toBeLessThan(5_000);
		// Until the next measure the estimate still counts what was deleted: refused.
		const early = await send((d) => d.getMap('m').set('k5', 'x'.repeat(3_000))).catch((e: unknown) => e);
		expect(early).toBeInstanceOf(DocumentFullError);
		tick(5_000);
		await send((d) => d.getMap('m').set('k6', 'x'.repeat(3_000)));
		expect(size()).toBeLessThanOrEqual(10_000);
	});

	it('leaves read-only connections (Hocuspocus refuses their writes) and messages without an update alone', async () => {
		const ext = capacity(1_000, 0) as Required<Extension>;
		const document = new Y.Doc() as unknown as Document;
		await ext.afterLoadDocument({ document, documentName: NAME } as never);
		const judge = (readOnly: boolean, update: Uint8Array) =>
			ext.beforeHandleMessage({ connection: { readOnly }, document, documentName: NAME, update } as never);
		const big = new Y.Doc();
		big.getMap('m').set('k', 'x'.repeat(5_000));
		const write = new OutgoingMessage(NAME).createSyncMessage().writeUpdate(Y.encodeStateAsUpdate(big)).toUint8Array();
		await expect(judge(true, write)).resolves.toBeUndefined();
		await expect(judge(false, write)).rejects.toBeInstanceOf(DocumentFullError);
		await expect(judge(false, new OutgoingMessage(NAME).writeQueryAwareness().toUint8Array())).resolves.toBeUndefined();
	});
});
