/**
 * A bound on each open document (decision 87): a client that keeps writing (a modified one) is refused
 * once its next update would take the document past `COLLAB_MAX_DOCUMENT_BYTES`; the refused update
 * reaches nobody and is not stored, the other clients go on editing, and deleting always passes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, listInterviews, updateInterview } from '../../src/lib/collab/calendar';
import { DOCUMENT_FULL } from '../../src/lib/contract/collab';
import { startTestApp, type TestApp } from '../helpers/app';
import { connectDoc, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';

const MAX_DOCUMENT = 512 * 1024;
const CHUNK = 100 * 1024;
const kinds = await databaseKinds();

describe.each(kinds)('the document size bound on the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	const clients: CollabClient[] = [];

	beforeAll(async () => {
		app = await startTestApp(kind, { COLLAB_MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT) });
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
	});
	afterAll(async () => {
		for (const c of clients) c.close();
		await app?.close();
	});

	async function connect(): Promise<CollabClient> {
		const c = connectDoc(app, calendarDocName(app.orgId), { cookie: admin });
		clients.push(c);
		await c.ready;
		return c;
	}
	const serverDoc = () => app.runtime.collab.hocuspocus.documents.get(calendarDocName(app.orgId))!;
	const junkKeys = (doc: Y.Doc) => [...doc.getMap<string>('junk').keys()].sort();

	it('refuses the update past the bound, keeps it from everyone, and lets the others edit and delete', async () => {
		const writer = await connect();
		const other = await connect();
		const closes: string[] = [];
		writer.provider.on('close', ({ event }: { event: { reason?: string } }) => closes.push(event?.reason ?? ''));

		// Junk a modified client could write, 100 kB at a time, until the server says no.
		const written: string[] = [];
		for (let i = 0; i < 8 && closes.length === 0; i++) {
			const key = `chunk-${i}`;
			writer.doc.getMap<string>('junk').set(key, randomBytes(CHUNK).toString('base64').slice(0, CHUNK));
			written.push(key);
			await eventually(() => closes.length > 0 || writer.provider.unsyncedChanges === 0, 10_000);
		}
		expect(closes).toContain(DOCUMENT_FULL.reason);
		const refused = written.at(-1)!;

		// What the server holds stays within the bound and lacks the refused chunk; so does the other client.
		expect(Y.encodeStateAsUpdate(serverDoc()).byteLength).toBeLessThanOrEqual(MAX_DOCUMENT);
		expect(junkKeys(serverDoc())).not.toContain(refused);
		expect(junkKeys(serverDoc()).length).toBeGreaterThan(0);
		await eventually(() => junkKeys(other.doc).length === junkKeys(serverDoc()).length);
		expect(junkKeys(other.doc)).not.toContain(refused);

		// The other client's ordinary edit still goes through and is stored.
		const iv = listInterviews(other.doc).find((i) => i.status === 'scheduled')!;
		const moved = new Date(Date.parse(iv.start) + 86400_000).toISOString();
		expect(updateInterview(other.doc, iv.id, { start: moved }, { actor: null, now: new Date() }).ok).toBe(true);
		await eventually(() => other.provider.unsyncedChanges === 0, 10_000);
		await eventually(async () => {
			const [row] = await app.runtime.db.sql<{ start_at: Date }[]>`select start_at from interviews where id = ${iv.id}`;
			return row?.start_at.toISOString() === moved;
		}, 10_000);

		// Deleting always passes, and makes room again.
		const before = Y.encodeStateAsUpdate(serverDoc()).byteLength;
		other.doc.transact(() => {
			for (const key of junkKeys(other.doc)) other.doc.getMap('junk').delete(key);
		});
		await eventually(() => other.provider.unsyncedChanges === 0, 10_000);
		expect(junkKeys(serverDoc())).toEqual([]);
		expect(Y.encodeStateAsUpdate(serverDoc()).byteLength).toBeLessThan(before - CHUNK);
		// A client that sends a reasonable change afterwards is served as usual.
		const later = await connect();
		later.doc.getMap<string>('junk').set('small', 'x'.repeat(1024));
		await eventually(() => later.provider.unsyncedChanges === 0, 10_000);
		expect(junkKeys(serverDoc())).toEqual(['small']);
	}, 90_000);
});
