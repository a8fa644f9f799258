/**
 * Archiving an organization's calendar (decision 69): the interviews that can no longer change and
 * ended before the organization's window (`archiveAfterDays`, 30 by default), and every rescheduled
 * original, leave the live document. They stay in Postgres with their logs, scorecards and notes,
 * marked `archived_at`, and the lists and the API read them as before. The entries that stay are
 * copied into a fresh document, the next generation, so the document's size follows the live window,
 * not the years of history. In one transaction, under the projection's lock of the organization: the
 * new generation's snapshot, the replaced one's forwarding state, the archive marks, and each kept
 * row's version rebased on the new document's items (so the projection reads it as current).
 * Afterwards every instance is told (clients of the old generation move over) and whatever reached
 * the old generation meanwhile is forwarded (generations.ts).
 */
import * as Y from 'yjs';
import { compactCalendar } from '../src/lib/collab/calendar-compact';
import { readCalendar } from '../src/lib/collab/calendar-read';
import { interviewsMap } from '../src/lib/collab/calendar-schema';
import { calendarDocName } from '../src/lib/collab/doc-names';
import { resolvePolicy, type PolicyOverrides } from '../src/lib/domain/policy';
import { FINAL_STATUSES } from '../src/lib/domain/status';
import type { Interview } from '../src/lib/domain/types';
import { withAdvisoryLock } from '../src/lib/server/booking-lock';
import { calendarGeneration } from '../src/lib/server/calendar-generation';
import { forwardStale, GENERATION_EVENT, type GenerationHost } from './generations';
import { LOCK_NAMESPACE } from './projection/store';
import { entryVersion } from './projection/version';

const ARCHIVE_LOCK = 0x5052_4d00;
const DAY_MS = 86_400_000;
const FINAL: ReadonlySet<Interview['status']> = new Set(FINAL_STATUSES);

/** What an archive pass did. */
export interface ArchiveOutcome {
	orgId: string;
	/** The live generation after the pass. */
	generation: number;
	archived: number;
	kept: number;
	bytesBefore: number;
	bytesAfter: number;
}

/** True when the interview leaves the live document: it can no longer change, and is old or replaced. */
export function isArchivable(interview: Interview, before: Date, replaced: ReadonlySet<string>): boolean {
	if (!FINAL.has(interview.status)) return false;
	if (interview.status === 'cancelled' && replaced.has(interview.id)) return true;
	return Date.parse(interview.start) + interview.durationMin * 60_000 < before.getTime();
}

/**
 * Archives what is due in the organization's calendar and compacts it into the next generation;
 * null when nothing is due (the document is left as it is).
 */
export async function archiveCalendar(
	host: GenerationHost,
	orgId: string,
	opts: { now?: Date; afterDays?: number } = {}
): Promise<ArchiveOutcome | null> {
	const { sql } = host;
	const outcome = await withAdvisoryLock(sql, host.dbKind, ARCHIVE_LOCK, orgId, async () => {
		const generation = await calendarGeneration(sql, orgId);
		const name = calendarDocName(orgId, generation);
		const [org] = await sql<{ policy: PolicyOverrides | null }[]>`select policy from organizations where id = ${orgId}`;
		if (!org) return null;
		const afterDays = opts.afterDays ?? resolvePolicy(org.policy).archiveAfterDays;
		const before = new Date((opts.now ?? new Date()).getTime() - afterDays * DAY_MS);
		const connection = await host.hocuspocus.openDirectConnection(name, host.systemContext(orgId, null));
		try {
			// The tables are current and the document is stored: the archive marks describe what was seen.
			await host.projection.flush(orgId);
			await host.durable(name);
			let copy: { base: Uint8Array; fresh: Y.Doc; leaving: string[]; kept: string[] } | null = null;
			await connection.transact((d) => {
				const doc = d as unknown as Y.Doc;
				const { interviews } = readCalendar(doc);
				const replaced = new Set(interviews.flatMap((i) => (i.rescheduledFrom ? [i.rescheduledFrom] : [])));
				const out = new Set(interviews.filter((i) => isArchivable(i, before, replaced)).map((i) => i.id));
				if (out.size === 0) return;
				const fresh = compactCalendar(doc, (id) => !out.has(id));
				// Every entry copied, damaged ones too: their rows' versions move to the new items as well.
				copy = { base: Y.encodeStateAsUpdate(doc), fresh, leaving: [...out], kept: [...interviewsMap(fresh).keys()] };
			});
			if (!copy) return null;
			const { base, fresh, leaving, kept } = copy as {
				base: Uint8Array;
				fresh: Y.Doc;
				leaving: string[];
				kept: string[];
			};
			const next = generation + 1;
			const state = Y.encodeStateAsUpdate(fresh);
			const versions = kept.map((id) => ({ id, version: entryVersion(fresh, id) }));
			await sql.begin(async (tx) => {
				// The projection's lock: no batch stores a version of the old generation in between.
				await tx`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${orgId}))`;
				const [row] = await tx<{ generation: number }[]>`
					select generation from calendar_generations where org_id = ${orgId} for update`;
				if ((row?.generation ?? 0) !== generation) throw new Error(`the calendar of ${orgId} moved meanwhile`);
				await tx`insert into yjs_documents (name, state) values (${calendarDocName(orgId, next)}, ${state})`;
				await tx`insert into calendar_stale_generations (org_id, generation, forwarded_state)
					values (${orgId}, ${generation}, ${base})`;
				await tx`insert into calendar_generations (org_id, generation, archived_before, archived_count)
					values (${orgId}, ${next}, ${before}, ${leaving.length})
					on conflict (org_id) do update set generation = excluded.generation,
						archived_before = excluded.archived_before, archived_count = excluded.archived_count, created_at = now()`;
				await tx`update interviews set archived_at = now()
					where org_id = ${orgId} and id::text = any(${leaving}::text[]) and archived_at is null`;
				// What the summary cards add of the archived, counted once here rather than on every page load.
				await tx`update calendar_generations g set archived_completed = c.completed, archived_cancelled = c.cancelled
					from (select count(*) filter (where status = 'completed')::int as completed,
							count(*) filter (where status = 'cancelled')::int as cancelled
						from interviews where org_id = ${orgId} and archived_at is not null and removed_at is null) c
					where g.org_id = ${orgId}`;
				await tx`update interviews i set doc_version = v.version
					from jsonb_to_recordset(${tx.json(versions as never)}) as v(id uuid, version jsonb)
					where i.id = v.id and i.org_id = ${orgId}`;
			});
			return {
				orgId,
				generation: next,
				archived: leaving.length,
				kept: kept.length,
				bytesBefore: base.byteLength,
				bytesAfter: state.byteLength
			};
		} finally {
			await connection.disconnect();
		}
	});
	if (!outcome) return null;
	await host.bus.publish({ type: GENERATION_EVENT, orgId, generation: outcome.generation } as never).catch(() => {});
	// Whatever reached the old generation between the copy and the switch.
	await forwardStale(host, orgId, outcome.generation - 1, null);
	return outcome;
}

/** The organizations with something to archive, whose calendar was not compacted in the last `minIntervalMs`. */
export async function organizationsDue(host: Pick<GenerationHost, 'sql'>, now: Date, minIntervalMs: number) {
	const rows = await host.sql<{ org_id: string }[]>`
		select o.id as org_id from organizations o
		left join calendar_generations g on g.org_id = o.id
		where (g.created_at is null or g.created_at < ${new Date(now.getTime() - minIntervalMs)})
			and exists (select 1 from interviews i where i.org_id = o.id and i.archived_at is null
				and i.removed_at is null and i.status in ('completed', 'cancelled', 'no_show')
				and (i.end_at < ${now}::timestamptz - make_interval(days => coalesce((o.policy ->> 'archiveAfterDays')::int, 30))
					or exists (select 1 from interviews n where n.rescheduled_from = i.id)))`;
	return rows.map((r) => r.org_id);
}

/**
 * Forwards what replaced generations received and no pass has forwarded yet (a pass that failed,
 * Postgres being down, or an instance that stopped in between).
 */
export async function forwardPending(host: GenerationHost): Promise<number> {
	const stale = (
		await host.sql<{ org_id: string; generation: number; since: Date }[]>`
			select org_id, generation, coalesce(forwarded_at, created_at) as since from calendar_stale_generations`
	).map((s) => ({ ...s, name: calendarDocName(s.org_id, s.generation) }));
	if (stale.length === 0) return 0;
	// Only the replaced generations that received something (stored or journaled) since the last pass.
	const received = new Set(
		(
			await host.sql<{ name: string }[]>`
			select s.name from unnest(${stale.map((s) => s.name)}::text[],
				${stale.map((s) => s.since.toISOString())}::timestamptz[]) as s(name, since)
			where exists (select 1 from yjs_documents d where d.name = s.name and d.updated_at > s.since)
				or exists (select 1 from yjs_update_journal j where j.name = s.name and j.created_at > s.since)`
		).map((r) => r.name)
	);
	const rows = stale.filter((s) => received.has(s.name));
	let forwarded = 0;
	for (const r of rows) {
		const outcome = await forwardStale(host, r.org_id, r.generation, null);
		forwarded += outcome.applied.length;
	}
	return forwarded;
}
