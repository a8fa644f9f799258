/**
 * The update journal and its folding (collab-server/journal.ts, journaling.ts, persistence.ts), one
 * contract suite for the embedded and the real Postgres, through bare Hocuspocus instances with only
 * those two extensions: what is in Postgres after a change, after a store, and what a fresh load sees.
 */
import { Hocuspocus, type Document } from '@hocuspocus/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { UpdateJournal } from '../../collab-server/journal';
import { journaling } from '../../collab-server/journaling';
import { persistence } from '../../collab-server/persistence';
import type { Database, DbKind } from '../../db/client';
import { migrate } from '../../db/migrate';
import { createTestDatabase, databaseKinds } from '../helpers/db';

describe.each(await databaseKinds())('the update journal on the %s database', (kind: DbKind) => {
	let db: Database;
	let counter = 0;
	beforeAll(async () => {
		db = await createTestDatabase(kind);
		await migrate(db.sql);
	});
	afterAll(async () => {
		await db?.close();
	});

	/** An instance with persistence and journaling only; stores happen only when a test asks. */
	function instance() {
		const journal = new UpdateJournal(db.sql);
		const hocuspocus = new Hocuspocus({
			quiet: true,
			debounce: 60_000,
			maxDebounce: 60_000,
			extensions: [persistence(db.sql, journal), journaling(journal)]
		});
		return {
			hocuspocus,
			journal,
			async open(name: string): Promise<Document> {
				await hocuspocus.openDirectConnection(name);
				return hocuspocus.documents.get(name)!;
			},
			store(document: Document) {
				return hocuspocus.storeDocumentHooks(
					document,
					{
						clientsCount: 1,
						context: {},
						document,
						documentName: document.name,
						instance: hocuspocus,
						requestHeaders: {},
						requestParameters: new URLSearchParams(),
						socketId: 'test'
					},
					true
				);
			}
		};
	}

	/** What a fresh instance loads from Postgres. */
	async function reload(name: string): Promise<Record<string, unknown>> {
		const doc = await instance().open(name);
		return doc.getMap('m').toJSON();
	}

	const rows = async (name: string) =>
		(await db.sql<{ n: number }[]>`select count(*)::int as n from yjs_update_journal where name = ${name}`)[0]!.n;
	const uniqueName = () => `test:${kind}:${++counter}:${Date.now()}`;

	it('journals a change before anything waiting on it goes on, with no snapshot written', async () => {
		const name = uniqueName();
		const a = instance();
		const doc = await a.open(name);
		doc.getMap('m').set('room', 'A1');
		await a.journal.settled(doc);
		expect(await rows(name)).toBe(1);
		expect(await db.sql`select 1 from yjs_documents where name = ${name}`).toHaveLength(0);
		expect(await reload(name)).toEqual({ room: 'A1' });
	});

	it('folds on store: the snapshot takes in the journal and its rows are deleted', async () => {
		const name = uniqueName();
		const a = instance();
		const doc = await a.open(name);
		for (const room of ['A1', 'A2', 'A3']) {
			doc.getMap('m').set('room', room);
			await a.journal.settled(doc);
		}
		expect(await rows(name)).toBe(3);
		await a.store(doc);
		expect(await rows(name)).toBe(0);
		expect(await reload(name)).toEqual({ room: 'A3' });
	});

	it('keeps a journal row this copy had not seen when it stored, and loads it after the snapshot', async () => {
		const name = uniqueName();
		const a = instance();
		const doc = await a.open(name);
		doc.getMap('m').set('room', 'A1');
		await a.journal.settled(doc);
		// Another instance's update, journaled there and not (yet) received here.
		const elsewhere = new Y.Doc();
		Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(doc));
		elsewhere.getMap('m').set('floor', 3);
		await db.sql`insert into yjs_update_journal (name, update)
			values (${name}, ${Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(doc))})`;
		await a.store(doc);
		expect(await rows(name)).toBe(1);
		expect(await reload(name)).toEqual({ room: 'A1', floor: 3 });
	});

	it('keeps what another instance stored: two copies folding in turn lose nothing', async () => {
		const name = uniqueName();
		const a = instance();
		const b = instance();
		const docA = await a.open(name);
		const docB = await b.open(name);
		docA.getMap('m').set('room', 'A1');
		docB.getMap('m').set('floor', 3);
		await Promise.all([a.journal.settled(docA), b.journal.settled(docB)]);
		await a.store(docA);
		// B never received A's change (no Redis here); its store must not overwrite it.
		await b.store(docB);
		expect(await rows(name)).toBe(0);
		expect(await reload(name)).toEqual({ room: 'A1', floor: 3 });
	});

	it('loads past a journal row that does not apply, and keeps that row', async () => {
		const name = uniqueName();
		const a = instance();
		const doc = await a.open(name);
		doc.getMap('m').set('room', 'A1');
		await a.journal.settled(doc);
		await db.sql`insert into yjs_update_journal (name, update) values (${name}, ${new Uint8Array([255, 255, 255, 1])})`;
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const again = instance();
			const loaded = await again.open(name);
			expect(loaded.getMap('m').toJSON()).toEqual({ room: 'A1' });
			expect(errors).toHaveBeenCalledWith(expect.stringContaining('does not apply'), expect.anything());
			await again.store(loaded);
			expect(await rows(name)).toBe(1);
		} finally {
			errors.mockRestore();
		}
	});
});
