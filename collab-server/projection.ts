/**
 * Projection of each calendar document into Postgres (invariant 1), a thin Hocuspocus extension: it
 * watches `org:<orgId>:calendar`, queues the ids each change touched with who made it and when, and
 * drains the queue a batch at a time, at most once per spacing (`projection/pace.ts`), through the
 * store (`projection/store.ts`: locks the organization, asks the pure planner `projection/plan.ts`,
 * writes in one transaction). A failed batch is retried interview by interview, then later. Changes
 * from another instance are projected there; this instance only keeps its conflict index current.
 */
import { Redis } from '@hocuspocus/extension-redis';
import type {
	Document,
	Extension,
	afterLoadDocumentPayload,
	afterUnloadDocumentPayload,
	beforeHandleMessagePayload,
	onConfigurePayload
} from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Sql } from '../db/client';
import type { EventBus } from '../db/events';
import {
	getInterview,
	getLastChange,
	interviewsMap,
	listInterviews,
	malformedFields,
	observeInterviews,
	parseDocName,
	readCalendar
} from '../src/lib/collab/calendar';
import { ConflictIndex } from '../src/lib/domain/conflicts';
import { calendarGeneration } from '../src/lib/server/calendar-generation';
import type { Interview, InterviewStatus } from '../src/lib/domain/types';
import type { CollabContext } from './auth';
import { ConnectionClock } from './projection/clock';
import { finishAll, Pacer, PROJECTION_SPACING_MS } from './projection/pace';
import type { ChangeFact } from './projection/plan';
import { announceNotices } from '../src/lib/server/notifications/outbox';
import { storeBatch, type BatchFacts, type StoredPlan } from './projection/store';
import { coverageOf, entryVersion, type EntryVersion } from './projection/version';

export type { AuditAction } from './projection/views';

/** How long this instance lets another one audit its change to an interview before projecting its own. */
export const REMOTE_GRACE_MS = 3_000;
/** How often waiting or failed changes are tried again, and how long a change may wait for its document. */
export const RETRY_MS = 250;
export const DEFER_LIMIT_MS = 30_000;
export const RETRY_MAX_MS = 30_000;

/** Who made a queued change, and the earliest time the server allows for it. */
interface Source {
	actor: string | null;
	notBeforeMs: number | null;
	queuedAt: number;
}

interface DocState {
	name: string;
	orgId: string;
	doc: Y.Doc;
	index: ConflictIndex;
	/** What the index holds for each interview (the version last projected). */
	indexed: Map<string, Interview>;
	pending: Map<string, Source>;
	/** Failed alone (bad data or a database error), or waiting for the document or another instance. */
	waiting: Map<string, Source>;
	/** Interviews another instance changed: the entry as it left that change, and until when to wait. */
	remote: Map<string, { version: EntryVersion | null; until: number }>;
	chain: Promise<void>;
	pace: Pacer;
	timer: ReturnType<typeof setTimeout> | null;
	/** Batches that failed in a row: the retry backs off. */
	failures: number;
	unobserve: () => void;
}

export interface Projection extends Extension {
	/**
	 * Resolves once every change of the org's calendar seen so far is in Postgres (or, given `ids`,
	 * the changes of those interviews); rejects with a ProjectionError naming what could not be stored.
	 */
	flush(orgId: string, ids?: Iterable<string>): Promise<void>;
	/** Stops projecting a calendar generation that was replaced (its changes are forwarded instead). */
	retire(documentName: string): void;
}

/** Some changes could not be stored in Postgres; they stay queued and are retried. */
export class ProjectionError extends Error {
	override readonly name = 'ProjectionError';
	constructor(readonly ids: string[]) {
		super(`The projection could not store ${ids.length} interview(s): ${ids.slice(0, 5).join(', ')}`);
	}
}

/** The context of a transaction origin: a Hocuspocus connection or a server write. */
function contextOf(origin: unknown): Partial<CollabContext> | null {
	const holder = (origin as { connection?: unknown } | null)?.connection ?? origin;
	const ctx = (holder as { context?: unknown } | null)?.context;
	return ctx && typeof ctx === 'object' ? (ctx as Partial<CollabContext>) : null;
}

/** The projection extension. */
export function projection(
	sql: Sql,
	bus: EventBus,
	/** Resolves once the document's changes so far are in Postgres (the update journal). */
	durable: (doc: Y.Doc) => Promise<unknown> = async () => {},
	/** The least time between two batches of one document (tests shorten or lengthen it). */
	spacingMs = PROJECTION_SPACING_MS
): Projection {
	const docs = new Map<string, DocState>();
	const detaching = new Set<DocState>();
	const clock = new ConnectionClock();
	/** The origin the Redis extension gives changes from other instances (its public field). */
	let remoteOrigin: unknown = Symbol('no redis');

	function sourceOf(origin: unknown): Source | 'remote' {
		const queuedAt = Date.now();
		if (origin === remoteOrigin || (origin as { source?: unknown } | null)?.source === 'redis') return 'remote';
		const ctx = contextOf(origin);
		if (ctx?.kind === 'system') return { actor: ctx.userId ?? null, notBeforeMs: -Infinity, queuedAt };
		if (ctx?.kind === 'user') {
			const connection = (origin as { connection?: object }).connection ?? (origin as object);
			return { actor: ctx.userId ?? null, notBeforeMs: clock.notBefore(connection) ?? queuedAt, queuedAt };
		}
		return { actor: null, notBeforeMs: null, queuedAt };
	}

	function enqueue(state: DocState, ids: Iterable<string>, source: Source) {
		for (const id of ids) state.pending.set(id, source);
		// Paced (the latest state wins), and only what is durable: the table never leads the stored document.
		if (!state.pace.claim()) return;
		state.chain = state.chain.then(() => state.pace.turn(() => durable(state.doc))).then(() => drain(state));
	}

	function retryLater(state: DocState) {
		if (state.timer || state.waiting.size === 0) return;
		const delay = Math.min(RETRY_MS * 2 ** state.failures, RETRY_MAX_MS);
		state.timer = setTimeout(() => {
			state.timer = null;
			if (docs.get(state.name) === state) state.chain = state.chain.then(() => drain(state));
		}, delay);
		state.timer.unref?.();
	}

	/** Projects everything queued in one batch; when it fails, each interview alone. */
	async function drain(state: DocState): Promise<void> {
		if (state.pending.size === 0 && state.waiting.size === 0) return;
		state.pace.started();
		const batch = new Map([...state.waiting, ...state.pending]);
		state.pending.clear();
		state.waiting.clear();
		try {
			await projectBatch(state, batch);
			state.failures = 0;
		} catch (err) {
			state.failures = Math.min(state.failures + 1, 10);
			if (batch.size === 1) putBack(state, batch, err);
			else {
				for (const [id, source] of batch) {
					const one = new Map([[id, source]]);
					await projectBatch(state, one).catch((e: unknown) => putBack(state, one, e));
				}
			}
		}
		retryLater(state);
	}

	/** Puts a batch that could not be stored back in the queue, to be retried. */
	function putBack(state: DocState, batch: Map<string, Source>, err: unknown) {
		for (const [id, source] of batch) if (!state.pending.has(id)) state.waiting.set(id, source);
		console.error(`[projection] org ${state.orgId}: ${[...batch.keys()].join(', ')} not stored; retried later`, err);
	}

	function setIndexed(state: DocState, id: string, interview: Interview | null | undefined) {
		if (interview) {
			state.index.upsert(interview);
			state.indexed.set(id, interview);
		} else {
			state.index.remove(id);
			state.indexed.delete(id);
		}
	}

	async function projectBatch(state: DocState, batch: Map<string, Source>) {
		const previous = new Map([...batch.keys()].map((id) => [id, state.indexed.get(id)]));
		const facts = capture(state, batch);
		let plan: StoredPlan;
		try {
			plan = await storeBatch(sql, facts);
		} catch (err) {
			// A retry must see the old neighbours again, or their stale conflicts would stay.
			for (const [id, interview] of previous) setIndexed(state, id, interview);
			throw err;
		}
		await settle(state, batch, plan);
	}

	/** Reads, synchronously, everything the planner needs from the document. */
	function capture(state: DocState, batch: Map<string, Source>): BatchFacts {
		const { doc, index } = state;
		const now = Date.now();
		const { interviews } = readCalendar(doc);
		const byId = new Map(interviews.map((i) => [i.id, i]));
		// Whose stored conflicts may change: the changed ones and everything they clash with, before and after.
		const touched = new Set<string>();
		for (const id of batch.keys()) {
			const old = state.indexed.get(id);
			if (old) for (const c of index.conflictsFor(old)) touched.add(c.interviewId);
			setIndexed(state, id, byId.get(id));
		}
		for (const id of batch.keys()) {
			const now = byId.get(id);
			if (now) for (const c of index.conflictsFor(now)) touched.add(c.interviewId);
		}
		const changes: ChangeFact[] = [...batch].map(([id, source]) => {
			const entry = byId.get(id) ?? null;
			const raw = interviewsMap(doc).get(id);
			const last = entry && getLastChange(doc, id);
			const remote = state.remote.get(id);
			if (remote && remote.until <= now) state.remote.delete(id);
			return {
				id,
				entry,
				malformed: !entry && raw !== undefined ? malformedFields(raw, id) : null,
				version: entryVersion(doc, id),
				reason: last && entry && last.at === entry.updatedAt ? last.reason : null,
				actor: source.actor,
				notBeforeMs: source.notBeforeMs,
				awaitRemote: remote && remote.until > now ? remote.version : null
			};
		});
		const neighbours = [...touched].filter((id) => !batch.has(id) && byId.has(id));
		const conflicts = new Map(
			[...batch.keys(), ...neighbours].flatMap((id) => {
				const i = byId.get(id);
				return i ? [[id, index.conflictsFor(i)] as const] : [];
			})
		);
		return { orgId: state.orgId, calendar: interviews, changes, conflicts, neighbours, coverage: coverageOf(doc) };
	}

	/** After the commit: waits, reverts in the document, events, warnings. */
	async function settle(state: DocState, batch: Map<string, Source>, plan: StoredPlan) {
		const now = Date.now();
		for (const id of plan.deferred) {
			const source = batch.get(id)!;
			// A reload older than the table has nothing to do; a live change waits for its document.
			if (source.notBeforeMs === null && source.actor === null && !state.remote.has(id)) continue;
			if (now - source.queuedAt > DEFER_LIMIT_MS) {
				console.warn(`[projection] org ${state.orgId}: ${id} waited ${DEFER_LIMIT_MS} ms for the document; dropped`);
			} else if (!state.pending.has(id)) state.waiting.set(id, source);
		}
		for (const id of batch.keys()) if (!plan.deferred.includes(id)) state.remote.delete(id);
		for (const { id, status } of plan.reverts) revert(state, id, status);
		for (const line of plan.warnings) console.warn(line);
		// Published before the batch counts as done, so whoever flushed sees the event already sent.
		for (const [interviewId, userIds] of plan.notify) {
			await bus.publish({ type: 'interview.changed', orgId: state.orgId, interviewId, userIds }).catch(() => {});
		}
		// The notifications the batch wrote: the bells of those concerned, and the outbox workers.
		await announceNotices(bus, plan.notices, state.orgId);
	}

	/** Puts back a status the machine does not allow, as a server write (projected like any other). */
	function revert(state: DocState, id: string, status: InterviewStatus) {
		const entry = interviewsMap(state.doc).get(id);
		if (!(entry instanceof Y.Map) || entry.get('status') === status) return;
		const context: CollabContext = {
			userId: null,
			kind: 'system',
			orgId: state.orgId,
			role: 'system',
			readOnly: false
		};
		state.doc.transact(() => entry.set('status', status), { context });
	}

	function attach(documentName: string, document: Document) {
		const ref = parseDocName(documentName);
		if (ref?.kind !== 'calendar' || docs.has(documentName)) return;
		const doc = document as unknown as Y.Doc;
		const state: DocState = {
			name: documentName,
			orgId: ref.orgId,
			doc,
			index: new ConflictIndex(),
			indexed: new Map(),
			pending: new Map(),
			waiting: new Map(),
			remote: new Map(),
			chain: Promise.resolve(),
			pace: new Pacer(spacingMs),
			timer: null,
			failures: 0,
			unobserve: () => {}
		};
		state.unobserve = observeInterviews(doc, ({ ids, origin }) => {
			const source = sourceOf(origin);
			if (source !== 'remote') return enqueue(state, ids, source);
			const until = Date.now() + REMOTE_GRACE_MS;
			for (const id of ids) {
				setIndexed(state, id, getInterview(doc, id));
				state.remote.set(id, { version: entryVersion(doc, id), until });
			}
			// What waited for this document may be current now.
			if (state.waiting.size) state.chain = state.chain.then(() => drain(state));
		});
		docs.set(documentName, state);
		// Reconcile everything once: the database may lag the document (a crash between store and projection).
		const reload = { actor: null, notBeforeMs: null, queuedAt: Date.now() };
		enqueue(state, new Set(listInterviews(doc).map((i) => i.id)), reload);
		state.chain = state.chain
			.then(() => reconcileRemovals(state))
			.catch((err: unknown) => console.error(`[projection] org ${state.orgId}: reconciling removals failed`, err));
	}

	/** Stops watching a document; resolves once its last batch is done. */
	async function detach(documentName: string) {
		const state = docs.get(documentName);
		if (!state) return;
		// Forget it at once: it may be attached afresh while this copy's last batch finishes.
		docs.delete(documentName);
		detaching.add(state);
		state.unobserve();
		if (state.timer) clearTimeout(state.timer);
		state.pace.hurry();
		await state.chain.finally(() => detaching.delete(state));
	}

	/** Interviews deleted from the document whose removal never reached the table (archived ones left on purpose). */
	async function reconcileRemovals(state: DocState) {
		const rows = await sql<{ id: string }[]>`
			select id from interviews where org_id = ${state.orgId} and removed_at is null and archived_at is null`;
		const { interviews, malformedIds } = readCalendar(state.doc);
		const present = new Set([...interviews.map((i) => i.id), ...malformedIds]);
		const missing = rows.map((r) => r.id).filter((id) => !present.has(id));
		if (missing.length === 0) return;
		if (present.size === 0) {
			// An empty document beside a full table is a lost document, not a mass cancellation.
			console.warn(
				`[projection] org ${state.orgId}: the calendar is empty but ${missing.length} interviews are stored`
			);
			return;
		}
		for (const id of missing)
			if (!state.pending.has(id)) state.pending.set(id, { actor: null, notBeforeMs: null, queuedAt: Date.now() });
		await drain(state);
	}

	return {
		extensionName: 'parley-projection',
		async onConfigure({ instance }: onConfigurePayload) {
			const redis = instance.configuration.extensions.find((e) => e instanceof Redis);
			if (redis) remoteOrigin = redis.redisTransactionOrigin;
		},
		async beforeHandleMessage({ connection, documentName, context, update }: beforeHandleMessagePayload) {
			clock.message(connection, documentName, (context as Partial<CollabContext>)?.userId ?? null, update);
		},
		async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
			// A replaced generation is never projected: what reaches it is forwarded to the live one (generations.ts).
			const ref = parseDocName(documentName);
			if (ref?.kind === 'calendar' && ref.generation !== (await calendarGeneration(sql, ref.orgId))) return;
			attach(documentName, document);
		},
		async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
			await detach(documentName);
		},
		async onDestroy() {
			// Shutting down: a paced or in-flight batch reaches the tables before the database closes.
			await finishAll([...docs.values(), ...detaching]);
		},
		retire(documentName: string) {
			void detach(documentName);
		},
		async flush(orgId: string, ids?: Iterable<string>) {
			const wanted = ids ? new Set(ids) : null;
			for (const state of docs.values()) {
				if (state.orgId !== orgId) continue;
				const stuck = () =>
					[...state.pending.keys(), ...state.waiting.keys()].filter((id) => !wanted || wanted.has(id));
				state.pace.hurry();
				await state.chain;
				// Another instance's change to the same interview is audited there first: wait for it.
				const until = Math.max(0, ...stuck().map((id) => state.remote.get(id)?.until ?? 0));
				for (let t = Date.now(); stuck().length && t < until + RETRY_MS; t = Date.now()) {
					await new Promise((r) => setTimeout(r, RETRY_MS));
					await state.chain;
				}
				if (stuck().length === 0) continue;
				// Something failed and waits for a retry: try once more now, and tell the caller if it fails again.
				state.chain = state.chain.then(() => drain(state));
				await state.chain;
				const left = stuck();
				if (left.length) throw new ProjectionError(left);
			}
		}
	};
}
