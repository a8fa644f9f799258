/**
 * Replaced generations of a calendar document (decision 69). After a compaction the live calendar is
 * `org:<id>:calendar:g<N>`; a client that was offline then still holds generation N-1 and, when it
 * comes back, connects to it to send what it changed. Nothing it sent is lost: every change to a
 * replaced generation is forwarded, entry by entry and field by field, to the live one as a write of
 * the person who made it (projected, judged and audited like any other), and an edit of an interview
 * that was archived meanwhile is refused, recorded and told to its author. The client is told where
 * the calendar moved and follows once its changes are confirmed.
 *
 * What was forwarded so far is kept per replaced generation (`calendar_stale_generations`), so a
 * change is forwarded once, whichever instance received it, and a pass repeated after a crash
 * writes the same values again, which changes nothing.
 */
import type { Extension, Hocuspocus, connectedPayload, onChangePayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Sql } from '../db/client';
import type { EventBus, ParleyEvent } from '../db/events';
import { changedEntries, forwardChanges } from '../src/lib/collab/calendar-compact';
import { calendarDocName, parseDocName } from '../src/lib/collab/doc-names';
import { CALENDAR_MOVED, type CalendarMoved } from '../src/lib/contract/collab';
import { withAdvisoryLock } from '../src/lib/server/booking-lock';
import { calendarGeneration } from '../src/lib/server/calendar-generation';
import type { CollabContext } from './auth';
import { loadStored } from './persistence';

/** The bus event of a compaction: the organization's live generation is now `generation`. */
export const GENERATION_EVENT = 'calendar.generation';
/** Advisory-lock namespace of forwarding (the other key is organization and generation). */
const FORWARD_LOCK = 0x5052_4c00;
/** How long a read of an organization's live generation is trusted (the bus usually says sooner). */
const LIVE_CACHE_MS = 2_000;

/** What forwarding needs of the collab-server. */
export interface GenerationHost {
	sql: Sql;
	dbKind: 'embedded' | 'postgres';
	bus: EventBus;
	hocuspocus: Hocuspocus;
	/** Resolves once the changes of the named loaded document so far are in the update journal. */
	durable(documentName: string): Promise<void>;
	systemContext(orgId: string, userId: string | null): CollabContext;
	projection: { flush(orgId: string, ids?: Iterable<string>): Promise<void>; retire(documentName: string): void };
}

/** The state of a stored document: its snapshot and every journal row that applies. */
export async function storedState(sql: Sql, name: string): Promise<Uint8Array> {
	const doc = new Y.Doc();
	await loadStored(sql, name, doc);
	return Y.encodeStateAsUpdate(doc);
}

/** What one forwarding pass did. */
export interface ForwardOutcome {
	applied: string[];
	refused: { id: string; keys: string[] }[];
}

/**
 * Forwards what generation `generation` of the organization's calendar received since the last pass
 * into the live generation, as `actor`'s write. A generation that is live (or unknown) has nothing
 * to forward.
 */
export async function forwardStale(
	host: GenerationHost,
	orgId: string,
	generation: number,
	actor: string | null
): Promise<ForwardOutcome> {
	const { sql } = host;
	return withAdvisoryLock(sql, host.dbKind, FORWARD_LOCK, `${orgId}:${generation}`, async () => {
		const [row] = await sql<{ forwarded_state: Uint8Array }[]>`
			select forwarded_state from calendar_stale_generations where org_id = ${orgId} and generation = ${generation}`;
		if (!row) return { applied: [], refused: [] };
		const base = new Y.Doc();
		Y.applyUpdate(base, row.forwarded_state);
		const changes = changedEntries(base, await storedState(sql, calendarDocName(orgId, generation)));
		if (changes.size === 0) {
			await sql`update calendar_stale_generations set forwarded_at = now()
				where org_id = ${orgId} and generation = ${generation}`;
			return { applied: [], refused: [] };
		}
		const ids = [...changes.keys()];
		const archived = new Set(
			(
				await sql<{ id: string }[]>`
				select id::text from interviews where org_id = ${orgId} and archived_at is not null
					and id::text = any(${ids}::text[])`
			).map((r) => r.id)
		);
		const live = calendarDocName(orgId, await calendarGeneration(sql, orgId));
		const context = host.systemContext(orgId, actor);
		const connection = await host.hocuspocus.openDirectConnection(live, context);
		let outcome: ForwardOutcome = { applied: [], refused: [] };
		try {
			await connection.transact((doc) => {
				const result = forwardChanges(base, doc as unknown as Y.Doc, changes, { context }, (id) => archived.has(id));
				outcome = { applied: result.applied, refused: result.missing };
			});
			await host.durable(live);
			if (outcome.applied.length) await host.projection.flush(orgId, outcome.applied).catch(() => {});
		} finally {
			await connection.disconnect();
		}
		await sql.begin(async (tx) => {
			for (const r of outcome.refused) {
				await tx`insert into calendar_refused_edits (org_id, interview_id, user_id, fields)
					values (${orgId}, ${r.id}, ${actor}, ${r.keys})`;
			}
			await tx`update calendar_stale_generations set forwarded_state = ${Y.encodeStateAsUpdate(base)},
				forwarded_at = now() where org_id = ${orgId} and generation = ${generation}`;
		});
		if (outcome.applied.length || outcome.refused.length)
			console.log(
				`[collab] forwarded ${outcome.applied.length} interview(s) of ${calendarDocName(orgId, generation)}` +
					(outcome.refused.length ? `, refused ${outcome.refused.length} archived` : '')
			);
		return outcome;
	});
}

/** The message that tells a client the calendar moved to `generation`. */
function moved(generation: number, refused: string[] = []): string {
	const message: CalendarMoved = { type: CALENDAR_MOVED, generation, refused };
	return JSON.stringify(message);
}

/** The extension: tells clients of a replaced generation where to go, and forwards what they send. */
export function generations(host: GenerationHost): Extension {
	/** The forwarding pass scheduled per replaced document, chained so passes never overlap. */
	const passes = new Map<string, Promise<unknown>>();
	let unsubscribe: (() => void) | null = null;

	/** The live generation per organization, as last read (every change asks: one query per few seconds at most). */
	const known = new Map<string, { live: number; at: number }>();

	async function staleGeneration(documentName: string): Promise<{ orgId: string; live: number } | null> {
		const ref = parseDocName(documentName);
		if (ref?.kind !== 'calendar') return null;
		let entry = known.get(ref.orgId);
		if (!entry || Date.now() - entry.at > LIVE_CACHE_MS) {
			// Postgres down: keep what was known (0 when nothing was), and ask again a little later.
			const live = await calendarGeneration(host.sql, ref.orgId).catch(() => entry?.live ?? 0);
			entry = { live, at: Date.now() };
			known.set(ref.orgId, entry);
		}
		return ref.generation < entry.live ? { orgId: ref.orgId, live: entry.live } : null;
	}

	function onGeneration(event: ParleyEvent & { generation?: unknown }) {
		if (event.type !== GENERATION_EVENT || typeof event.generation !== 'number') return;
		known.set(event.orgId, { live: event.generation, at: Date.now() });
		for (const [name, document] of host.hocuspocus.documents) {
			const ref = parseDocName(name);
			if (ref?.kind !== 'calendar' || ref.orgId !== event.orgId || ref.generation >= event.generation) continue;
			host.projection.retire(name);
			document.broadcastStateless(moved(event.generation));
		}
	}

	return {
		extensionName: 'parley-generations',
		async onListen() {
			unsubscribe ??= host.bus.subscribe(onGeneration);
		},
		async onConfigure() {
			unsubscribe ??= host.bus.subscribe(onGeneration);
		},
		async connected({ documentName, connection }: connectedPayload) {
			// Postgres may be down: then the client hears of the move on its next change or connection.
			const stale = await staleGeneration(documentName).catch(() => null);
			if (stale) connection.sendStateless(moved(stale.live));
		},
		async onChange({ documentName, document, context }: onChangePayload) {
			// Hocuspocus neither awaits nor catches this hook: it must never reject (Postgres down, say),
			// or the process would die of an unhandled rejection. A change missed here is forwarded by the
			// jobs pass (`forwardPending`) or with the document's next change.
			const stale = await staleGeneration(documentName).catch(() => null);
			if (!stale) return;
			const ref = parseDocName(documentName) as { generation: number };
			const actor = (context as Partial<CollabContext> | undefined)?.userId ?? null;
			const previous = passes.get(documentName) ?? Promise.resolve();
			const pass = previous
				.catch(() => {})
				.then(() => host.durable(documentName))
				.then(() => forwardStale(host, stale.orgId, ref.generation, actor))
				.then((outcome) => {
					const refused = outcome.refused.map((r) => r.id);
					document.broadcastStateless(moved(stale.live, refused));
				})
				.catch((err: unknown) =>
					console.error(`[collab] forwarding ${documentName} failed; retried on its next change`, err)
				);
			passes.set(documentName, pass);
			void pass.finally(() => {
				if (passes.get(documentName) === pass) passes.delete(documentName);
			});
		},
		async onDestroy() {
			unsubscribe?.();
			unsubscribe = null;
			await Promise.all(passes.values());
		}
	};
}
