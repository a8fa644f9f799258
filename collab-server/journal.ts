/**
 * The update journal (`yjs_update_journal`), with group commit: every update appended while one batch
 * is being written (or in the same tick) goes into the next batch, one insert, one row per document.
 * An append resolves once its row is committed. A failed insert keeps the batch in memory, in order,
 * and is retried with backoff until Postgres answers again: nothing is dropped, and nothing waiting
 * on it is acknowledged meanwhile.
 *
 * It also remembers, per loaded copy of a document, the journal rows that copy already contains (the
 * ones it loaded and the ones it wrote), so that storing the document folds exactly those rows.
 */
import * as Y from 'yjs';
import type { Sql } from '../db/client';

export const JOURNAL_RETRY_FIRST_MS = 100;
export const JOURNAL_RETRY_MAX_MS = 2_000;

/** A loaded copy of a document: Hocuspocus' Document is a Y.Doc with its name. */
export type NamedDoc = Y.Doc & { name: string };

interface Batch {
	updates: Map<NamedDoc, Uint8Array[]>;
	committed: Promise<void>;
	resolve: () => void;
}

export class UpdateJournal {
	private next: Batch | null = null;
	private writing: Promise<void> | null = null;
	/** The batch holding each copy's latest append. */
	private latest = new WeakMap<NamedDoc, Promise<void>>();
	/** Rows each copy contains (loaded or written by it) and that no store has folded yet. */
	private contained = new WeakMap<NamedDoc, string[]>();

	constructor(private readonly sql: Sql) {}

	/** Appends an update this instance applied to `doc`; resolves once it is in Postgres. */
	append(doc: NamedDoc, update: Uint8Array): Promise<void> {
		if (!this.next) {
			let resolve!: () => void;
			const committed = new Promise<void>((r) => (resolve = r));
			this.next = { updates: new Map(), committed, resolve };
		}
		const list = this.next.updates.get(doc) ?? [];
		list.push(update);
		this.next.updates.set(doc, list);
		this.latest.set(doc, this.next.committed);
		// One batch per tick at least; the appends made while a batch is written form the next one.
		this.writing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.run());
		return this.next.committed;
	}

	/** Resolves once every update appended to `doc` so far is in Postgres. */
	settled(doc: NamedDoc): Promise<void> {
		return this.latest.get(doc) ?? Promise.resolve();
	}

	/** Rows loaded into `doc` from Postgres: it contains them, so its next store may fold them. */
	loaded(doc: NamedDoc, ids: string[]): void {
		this.contained.set(doc, [...ids]);
	}

	/** The rows `doc` contains now (take them before encoding the state that folds them). */
	foldable(doc: NamedDoc): string[] {
		return [...(this.contained.get(doc) ?? [])];
	}

	/** Forgets rows a store deleted. */
	folded(doc: NamedDoc, ids: string[]): void {
		const gone = new Set(ids);
		this.contained.set(
			doc,
			(this.contained.get(doc) ?? []).filter((id) => !gone.has(id))
		);
	}

	/** Waits, at most `timeoutMs`, until every update appended so far is written. */
	async flushed(timeoutMs: number): Promise<void> {
		await Promise.race([this.writing, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
	}

	/** Writes batch after batch, in order, until none is left. */
	private async run(): Promise<void> {
		while (this.next) {
			const batch = this.next;
			this.next = null;
			await this.writeWithRetry(batch);
			batch.resolve();
		}
		this.writing = null;
	}

	private async writeWithRetry(batch: Batch): Promise<void> {
		for (let delay = JOURNAL_RETRY_FIRST_MS, failures = 0; ; delay = Math.min(delay * 2, JOURNAL_RETRY_MAX_MS)) {
			try {
				await this.write(batch);
				if (failures) console.warn(`[journal] written again after ${failures} failed attempts`);
				return;
			} catch (err) {
				// Logged once per outage: the batch stays in memory and nothing in it is acknowledged.
				if (failures++ === 0) console.error('[journal] writing updates failed; kept in memory, retrying', err);
				await new Promise((r) => setTimeout(r, delay));
			}
		}
	}

	private async write(batch: Batch): Promise<void> {
		const docs = [...batch.updates.keys()];
		const rows = docs.map((doc) => {
			const updates = batch.updates.get(doc)!;
			return { name: doc.name, update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates) };
		});
		// RETURNING follows the order of the VALUES list.
		const ids = await this.sql<
			{ id: string }[]
		>`insert into yjs_update_journal ${this.sql(rows, 'name', 'update')} returning id`;
		docs.forEach((doc, i) => {
			const list = this.contained.get(doc);
			if (list) list.push(ids[i]!.id);
			else this.contained.set(doc, [ids[i]!.id]);
		});
	}
}
