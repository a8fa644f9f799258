/**
 * Projection of each calendar document into Postgres (ARCHITECTURE.md invariant 1): every change of
 * `org:<orgId>:calendar` updates `interviews` and `interview_panel`, stores the conflicts and broken
 * rules the pure domain finds, appends `interview_logs` rows naming the user behind the change, and
 * moves a newly scheduled application to `interview_scheduled`. It is idempotent (a row equal to the
 * document is left alone, and logs only follow real differences), so a re-projection after a restart
 * or from a second instance writes nothing twice.
 */
import type { Document, Extension, afterLoadDocumentPayload, afterUnloadDocumentPayload } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { Sql } from '../db/client';
import type { EventBus } from '../db/events';
import {
	getInterview,
	getLastChange,
	isUuid,
	listInterviews,
	observeInterviews,
	parseDocName,
	readCalendar
} from '../src/lib/collab/calendar';
import { ConflictIndex } from '../src/lib/domain/conflicts';
import { resolvePolicy, type Policy, type PolicyOverrides } from '../src/lib/domain/policy';
import { endOf } from '../src/lib/domain/time';
import type { ApplicationFacts, Conflict, Interview, Problem } from '../src/lib/domain/types';
import { validateInterview } from '../src/lib/domain/validation';
import type { CollabContext } from './auth';

/** Origin of Hocuspocus' Redis extension: changes another instance already projected. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';

export type AuditAction =
	'scheduled' | 'rescheduled' | 'updated' | 'cancelled' | 'started' | 'completed' | 'no_show' | 'removed';

/** Rules judged at the moment a start is set (a later look finds any start "in the past"). */
const TIMING_CODES: ReadonlySet<string> = new Set(['start_in_past', 'min_notice', 'too_far_ahead']);
/** Rules judged when an interview is booked (booking moves the application on). */
const ELIGIBILITY_CODES: ReadonlySet<string> = new Set([
	'application_not_eligible',
	'interview_disabled',
	'online_disabled'
]);

/** The context of a transaction origin: a Hocuspocus connection or a server write. */
export function contextOf(origin: unknown): Partial<CollabContext> | null {
	if (origin && typeof origin === 'object' && 'context' in origin) {
		const ctx = (origin as { context: unknown }).context;
		if (ctx && typeof ctx === 'object') return ctx as Partial<CollabContext>;
	}
	return null;
}

interface DocState {
	orgId: string;
	doc: Y.Doc;
	index: ConflictIndex;
	/** What the index holds for each interview (the version last projected). */
	indexed: Map<string, Interview>;
	/** Interview id → the actor of its latest unprojected change. */
	pending: Map<string, string | null>;
	/** Interviews whose projection failed on its own (bad data or a database error); retried alone. */
	failed: Map<string, string | null>;
	chain: Promise<void>;
	unobserve: () => void;
}

interface Row {
	id: string;
	org_id: string;
	application_id: string;
	candidate_id: string;
	start_at: Date;
	duration_min: number;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	round: number;
	status: string;
	rescheduled_from: string | null;
	conflicts: unknown;
	problems: unknown;
	removed_at: Date | null;
	panel: string[];
}

/** The comparable, audited view of an interview (what old_values/new_values hold). */
function auditView(i: {
	start: string;
	durationMin: number;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	round: number;
	status: string;
	panel: readonly string[];
}) {
	return {
		start: i.start,
		duration_min: i.durationMin,
		timezone: i.timezone,
		type: i.type,
		mode: i.mode,
		location: i.location,
		round: i.round,
		status: i.status,
		panel: [...i.panel].sort()
	};
}
type AuditView = ReturnType<typeof auditView>;

function rowView(r: Row): AuditView {
	return auditView({
		start: r.start_at.toISOString(),
		durationMin: r.duration_min,
		timezone: r.timezone,
		type: r.type,
		mode: r.mode,
		location: r.location,
		round: r.round,
		status: r.status,
		panel: r.panel
	});
}

function diff(a: AuditView, b: AuditView): { old: Partial<AuditView>; new: Partial<AuditView> } {
	const o: Record<string, unknown> = {};
	const n: Record<string, unknown> = {};
	for (const key of Object.keys(b) as (keyof AuditView)[]) {
		if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
			o[key] = a[key];
			n[key] = b[key];
		}
	}
	return { old: o as Partial<AuditView>, new: n as Partial<AuditView> };
}

function actionFor(before: AuditView | null, after: AuditView): AuditAction | null {
	if (!before) return 'scheduled';
	if (before.status !== after.status) {
		if (after.status === 'in_progress') return 'started';
		if (after.status === 'scheduled') return 'updated';
		return after.status as AuditAction;
	}
	if (before.start !== after.start || before.duration_min !== after.duration_min) return 'rescheduled';
	return JSON.stringify(before) === JSON.stringify(after) ? null : 'updated';
}

const conflictJson = (c: Conflict) => ({
	interview_id: c.interviewId,
	person_id: c.personId,
	role: c.role,
	start: c.start,
	end: c.end
});
const problemJson = (p: Problem) => ({ code: p.code, field: p.field ?? null, message: p.message });

export interface Projection extends Extension {
	/**
	 * Resolves once every change of the org's calendar seen so far is in Postgres (or, given `ids`,
	 * the changes of those interviews); rejects with a ProjectionError naming what could not be stored.
	 */
	flush(orgId: string, ids?: Iterable<string>): Promise<void>;
}

/** Some changes could not be stored in Postgres; they stay queued and are retried. */
export class ProjectionError extends Error {
	override readonly name = 'ProjectionError';
	constructor(readonly ids: string[]) {
		super(`The projection could not store ${ids.length} interview(s): ${ids.slice(0, 5).join(', ')}`);
	}
}

/** The projection extension. */
export function projection(sql: Sql, bus: EventBus): Projection {
	const docs = new Map<string, DocState>();

	async function policyOf(orgId: string): Promise<Policy> {
		const [org] = await sql<{ policy: PolicyOverrides | null }[]>`select policy from organizations where id = ${orgId}`;
		return resolvePolicy(org?.policy ?? null);
	}

	function enqueue(state: DocState, ids: Iterable<string>, actor: string | null) {
		for (const id of ids) state.pending.set(id, actor);
		state.chain = state.chain.then(() => drain(state));
	}

	/**
	 * Projects everything queued in one batch. When the batch fails, each interview is tried alone,
	 * so one interview that cannot be stored never holds back the rest of the organization; those
	 * that fail alone wait in `failed` and are tried again with the next change.
	 */
	async function drain(state: DocState): Promise<void> {
		if (state.pending.size === 0 && state.failed.size === 0) return;
		const batch = new Map([...state.failed, ...state.pending]);
		state.pending.clear();
		state.failed.clear();
		try {
			await projectBatch(state, batch);
			return;
		} catch (err) {
			if (batch.size === 1) {
				fail(state, batch, err);
				return;
			}
		}
		for (const [id, actor] of batch) {
			const one = new Map([[id, actor]]);
			try {
				await projectBatch(state, one);
			} catch (err) {
				fail(state, one, err);
			}
		}
	}

	function fail(state: DocState, batch: Map<string, string | null>, err: unknown) {
		for (const [id, actor] of batch) if (!state.pending.has(id)) state.failed.set(id, actor);
		console.error(`[projection] org ${state.orgId}: ${[...batch.keys()].join(', ')} not stored; retried later`, err);
	}

	async function projectBatch(state: DocState, batch: Map<string, string | null>) {
		const { doc, index } = state;
		const { interviews: all, malformedIds } = readCalendar(doc);
		const malformed = new Set(malformedIds);
		const byId = new Map(all.map((i) => [i.id, i]));
		// Ids whose stored conflicts may change: the changed ones and everything they clash with, before and after.
		const touched = new Set<string>(batch.keys());
		for (const id of batch.keys()) {
			const old = state.indexed.get(id);
			if (old) for (const c of index.conflictsFor(old)) touched.add(c.interviewId);
		}
		// What the index held before, to put back if the batch cannot be stored: a retry must see the
		// old neighbours again, or their stale conflicts would stay.
		const previous = new Map([...batch.keys()].map((id) => [id, state.indexed.get(id)]));
		const setIndexed = (id: string, interview: Interview | undefined) => {
			if (interview) {
				index.upsert(interview);
				state.indexed.set(id, interview);
			} else {
				index.remove(id);
				state.indexed.delete(id);
			}
		};
		for (const id of batch.keys()) setIndexed(id, byId.get(id));
		try {
			await storeBatch(state, batch, { all, byId, malformed, touched });
		} catch (err) {
			for (const [id, interview] of previous) setIndexed(id, interview);
			throw err;
		}
	}

	async function storeBatch(
		state: DocState,
		batch: Map<string, string | null>,
		ctx: { all: Interview[]; byId: Map<string, Interview>; malformed: Set<string>; touched: Set<string> }
	) {
		const { orgId, doc, index } = state;
		const { all, byId, malformed, touched } = ctx;
		for (const id of batch.keys()) {
			const now = byId.get(id);
			if (now) for (const c of index.conflictsFor(now)) touched.add(c.interviewId);
		}

		const policy = await policyOf(orgId);
		const interviewerIds = new Set(
			(
				await sql<
					{ user_id: string }[]
				>`select user_id from memberships where org_id = ${orgId} and role = 'interviewer'`
			).map((r) => r.user_id)
		);
		// Only uuids reach Postgres' uuid columns: a key or link a modified client made up is skipped.
		const changedIds = [...batch.keys()].filter((id) => {
			if (isUuid(id)) return true;
			console.warn(`[projection] org ${orgId}: interview id ${JSON.stringify(id).slice(0, 80)} is not a uuid; ignored`);
			return false;
		});
		if (changedIds.length === 0) return;
		const appIds = [
			...new Set(changedIds.map((id) => byId.get(id)?.applicationId).filter((x): x is string => isUuid(x)))
		];
		const apps = new Map(
			(
				await sql<
					{
						id: string;
						candidate_id: string;
						cycle_id: string;
						status: ApplicationFacts['status'];
						interview_enabled: boolean;
						online_interview_enabled: boolean;
					}[]
				>`select id, candidate_id, cycle_id, status, interview_enabled, online_interview_enabled
					from applications where org_id = ${orgId} and id = any(${appIds}::uuid[])`
			).map((a) => [
				a.id,
				{
					id: a.id,
					candidateId: a.candidate_id,
					cycleId: a.cycle_id,
					status: a.status,
					interviewEnabled: a.interview_enabled,
					onlineInterviewEnabled: a.online_interview_enabled
				} satisfies ApplicationFacts
			])
		);

		// Compute everything in memory first, then write in a few set-based statements: the embedded
		// database has one connection, so a short transaction keeps the app responsive.
		const byApplication = new Map<string, Interview[]>();
		for (const i of all) byApplication.set(i.applicationId, [...(byApplication.get(i.applicationId) ?? []), i]);
		const notify = new Map<string, Set<string>>();
		await sql.begin(async (tx) => {
			// Row locks serialize two instances projecting the same change: the second finds it done.
			const lockedRows = await tx<
				Omit<Row, 'panel'>[]
			>`select * from interviews where id = any(${changedIds}::uuid[]) for update`;
			const panels = await tx<{ interview_id: string; user_id: string }[]>`
				select interview_id, user_id from interview_panel where interview_id = any(${changedIds}::uuid[])`;
			const existingById = new Map<string, Row>(lockedRows.map((r) => [r.id, { ...r, panel: [] }]));
			for (const p of panels) existingById.get(p.interview_id)?.panel.push(p.user_id);

			const upserts: Record<string, unknown>[] = [];
			const logs: Record<string, unknown>[] = [];
			const removals: { id: string; status: string }[] = [];
			const scheduledApps = new Set<string>();
			for (const id of changedIds) {
				const interview = byId.get(id);
				const existing = existingById.get(id);
				if (existing && existing.org_id !== orgId) {
					console.warn(`[projection] org ${orgId} wrote interview ${id} that belongs to another organization; ignored`);
					continue;
				}
				if (!interview && malformed.has(id)) {
					// A buggy or hostile client wrote something unreadable: keep the stored row as it was.
					console.warn(`[projection] org ${orgId}: interview ${id} is malformed in the document; row kept`);
					continue;
				}
				if (!interview) {
					// The entry was deleted from the document. Its row stays (scorecards, attendance and
					// the history hang on it); an interview that was still to happen is cancelled.
					if (existing && !existing.removed_at) {
						const before = rowView(existing);
						// An interview under way took place: it keeps its status (and can still be scored).
						const active = existing.status === 'scheduled';
						removals.push({ id, status: active ? 'cancelled' : existing.status });
						logs.push({
							interview_id: id,
							actor_id: batch.get(id) ?? null,
							action: 'removed',
							old_values: { status: before.status },
							new_values: { status: active ? 'cancelled' : before.status },
							reason: 'Removed from the calendar.'
						});
						notify.set(id, new Set([existing.candidate_id, ...existing.panel]));
					}
					continue;
				}
				const app = apps.get(interview.applicationId);
				if (!app) {
					console.warn(
						`[projection] interview ${id} names application ${interview.applicationId}, unknown in org ${orgId}; not projected`
					);
					continue;
				}
				const after = auditView(interview);
				const before = existing ? rowView(existing) : null;
				const action = actionFor(before, after);
				// Timing is judged when a start is set, relative to when the admin set it (an edit made
				// offline is judged by when it was made); eligibility when the interview is booked or
				// turns online. Both stay on the row until the next such change.
				const startSet = action === 'scheduled' || action === 'rescheduled';
				const modeSet = action === 'scheduled' || (before !== null && before.mode !== after.mode);
				const setAt = new Date(Math.min(Date.parse(interview.updatedAt), Date.now()));
				const problems = validateInterview(interview, {
					now: setAt,
					policy,
					application: app,
					orgInterviewerIds: interviewerIds,
					otherInterviews: byApplication.get(interview.applicationId) ?? [],
					ignoreId: id,
					checkTiming: startSet && interview.status === 'scheduled',
					checkEligibility: modeSet && interview.status === 'scheduled'
				}).map(problemJson);
				if (existing && interview.status === 'scheduled') {
					const carried = (Array.isArray(existing.problems) ? existing.problems : []) as ReturnType<
						typeof problemJson
					>[];
					for (const p of carried) {
						const keep = (TIMING_CODES.has(p.code) && !startSet) || (ELIGIBILITY_CODES.has(p.code) && !modeSet);
						if (keep && !problems.some((q) => q.code === p.code && q.message === p.message)) problems.push(p);
					}
				}
				if (interview.candidateId !== app.candidateId) {
					problems.push({
						code: 'candidate_mismatch',
						field: 'application_id',
						message: 'The candidate does not match the application.'
					});
				}
				const conflicts = index.conflictsFor(interview).map(conflictJson);
				const unchanged =
					existing &&
					!existing.removed_at &&
					!action &&
					JSON.stringify(existing.conflicts) === JSON.stringify(conflicts) &&
					JSON.stringify(existing.problems) === JSON.stringify(problems) &&
					existing.rescheduled_from === interview.rescheduledFrom;
				if (unchanged) continue;
				const bump =
					before &&
					(before.start !== after.start || before.duration_min !== after.duration_min || before.status !== after.status)
						? 1
						: 0;
				upserts.push({
					id,
					application_id: app.id,
					cycle_id: app.cycleId,
					candidate_id: app.candidateId,
					start_at: interview.start,
					end_at: endOf(interview).toISOString(),
					duration_min: interview.durationMin,
					timezone: interview.timezone,
					type: interview.type,
					mode: interview.mode,
					location: interview.location,
					round: interview.round,
					status: interview.status,
					rescheduled_from: isUuid(interview.rescheduledFrom) ? interview.rescheduledFrom : null,
					conflicts,
					problems,
					updated_by: isUuid(interview.updatedBy) ? interview.updatedBy : null,
					updated_at: interview.updatedAt,
					bump,
					panel: interview.panel.filter(isUuid)
				});
				if (action) {
					const change = diff(before ?? ({} as AuditView), after);
					const last = getLastChange(doc, id);
					logs.push({
						interview_id: id,
						actor_id: batch.get(id) ?? null,
						action,
						old_values: before ? change.old : null,
						new_values: before ? change.new : after,
						reason: last && last.at === interview.updatedAt ? last.reason : null
					});
					if (action === 'scheduled' && app.status === 'selected') scheduledApps.add(app.id);
					notify.set(id, new Set([interview.candidateId, ...interview.panel, ...(existing?.panel ?? [])]));
				}
			}

			if (removals.length) {
				await tx`update interviews i set status = r.status, removed_at = now(), conflicts = '[]',
						sequence = i.sequence + case when i.status = r.status then 0 else 1 end, updated_at = now()
					from jsonb_to_recordset(${tx.json(removals as never)}) as r(id uuid, status text)
					where i.id = r.id and i.org_id = ${orgId}`;
			}
			if (upserts.length) {
				await tx`insert into interviews (id, org_id, application_id, cycle_id, candidate_id, start_at, end_at, duration_min,
						timezone, type, mode, location, round, status, rescheduled_from, conflicts, problems, updated_by, updated_at)
					select r.id, ${orgId}, r.application_id, r.cycle_id, r.candidate_id, r.start_at, r.end_at, r.duration_min,
						r.timezone, r.type, r.mode, r.location, r.round, r.status, r.rescheduled_from, r.conflicts, r.problems,
						r.updated_by, r.updated_at
					from jsonb_to_recordset(${tx.json(upserts as never)}) as r(id uuid, application_id uuid, cycle_id uuid,
						candidate_id uuid, start_at timestamptz, end_at timestamptz, duration_min int, timezone text, type text,
						mode text, location text, round int, status text, rescheduled_from uuid, conflicts jsonb, problems jsonb,
						updated_by uuid, updated_at timestamptz, bump int)
					on conflict (id) do update set
						start_at = excluded.start_at, end_at = excluded.end_at, duration_min = excluded.duration_min,
						timezone = excluded.timezone, type = excluded.type, mode = excluded.mode, location = excluded.location,
						round = excluded.round, status = excluded.status, rescheduled_from = excluded.rescheduled_from,
						conflicts = excluded.conflicts, problems = excluded.problems, updated_by = excluded.updated_by,
						updated_at = excluded.updated_at, removed_at = null
					where interviews.org_id = ${orgId}`;
				const bumped = upserts.filter((u) => u.bump === 1).map((u) => u.id as string);
				if (bumped.length) await tx`update interviews set sequence = sequence + 1 where id = any(${bumped}::uuid[])`;
				// The panel rows: only members of this org (anyone else stays a problem on the interview).
				const ids = upserts.map((u) => u.id as string);
				const pairs = upserts.flatMap((u) =>
					(u.panel as string[]).map((user) => ({ interview_id: u.id, user_id: user }))
				);
				await tx`delete from interview_panel where interview_id = any(${ids}::uuid[])`;
				if (pairs.length) {
					await tx`insert into interview_panel (interview_id, user_id)
						select p.interview_id, p.user_id from jsonb_to_recordset(${tx.json(pairs as never)}) as p(interview_id uuid, user_id uuid)
						where exists (select 1 from memberships m where m.user_id = p.user_id and m.org_id = ${orgId})
						on conflict do nothing`;
				}
			}
			if (logs.length) {
				await tx`insert into interview_logs (org_id, interview_id, actor_id, action, old_values, new_values, reason)
					select ${orgId}, l.interview_id, l.actor_id, l.action, l.old_values, l.new_values, l.reason
					from jsonb_to_recordset(${tx.json(logs as never)}) as l(interview_id uuid, actor_id uuid, action text,
						old_values jsonb, new_values jsonb, reason text)
					order by l.interview_id`;
			}
			if (scheduledApps.size) {
				await tx`update applications set status = 'interview_scheduled', updated_at = now()
					where id = any(${[...scheduledApps]}::uuid[]) and status = 'selected'`;
			}
			// Interviews whose conflicts changed because of the batch.
			const others = [...touched]
				.filter((id) => !batch.has(id) && byId.has(id))
				.map((id) => ({ id, conflicts: index.conflictsFor(byId.get(id)!).map(conflictJson) }));
			if (others.length) {
				const updated = await tx<{ id: string }[]>`update interviews i set conflicts = o.conflicts
					from jsonb_to_recordset(${tx.json(others as never)}) as o(id uuid, conflicts jsonb)
					where i.id = o.id and i.org_id = ${orgId} and i.conflicts is distinct from o.conflicts returning i.id`;
				for (const { id } of updated) {
					const other = byId.get(id)!;
					notify.set(id, new Set([other.candidateId, ...other.panel]));
				}
			}
		});
		for (const [interviewId, users] of notify) {
			await bus.publish({ type: 'interview.changed', orgId, interviewId, userIds: [...users] }).catch(() => {});
		}
	}

	function attach(documentName: string, document: Document) {
		const ref = parseDocName(documentName);
		if (ref?.kind !== 'calendar' || docs.has(documentName)) return;
		const doc = document as unknown as Y.Doc;
		const state: DocState = {
			orgId: ref.orgId,
			doc,
			index: new ConflictIndex(),
			indexed: new Map(),
			pending: new Map(),
			failed: new Map(),
			chain: Promise.resolve(),
			unobserve: () => {}
		};
		state.unobserve = observeInterviews(doc, ({ ids, origin }) => {
			if (origin === REDIS_ORIGIN) {
				// Another instance projects it; keep the conflict index current without writing.
				for (const id of ids) {
					const i = getInterview(doc, id);
					if (i) {
						state.index.upsert(i);
						state.indexed.set(id, i);
					} else {
						state.index.remove(id);
						state.indexed.delete(id);
					}
				}
				return;
			}
			const ctx = contextOf(origin);
			enqueue(state, ids, ctx?.userId ?? null);
		});
		docs.set(documentName, state);
		// Reconcile everything once: the database may lag the document (a crash between store and projection).
		const ids = new Set(listInterviews(doc).map((i) => i.id));
		enqueue(state, ids, null);
		// ...including interviews deleted from the document whose removal never reached the table.
		state.chain = state.chain
			.then(async () => {
				const rows = await sql<{ id: string }[]>`
					select id from interviews where org_id = ${state.orgId} and removed_at is null`;
				const { interviews, malformedIds } = readCalendar(doc);
				const present = new Set([...interviews.map((i) => i.id), ...malformedIds]);
				const missing = rows.map((r) => r.id).filter((id) => !present.has(id));
				if (missing.length === 0) return;
				if (present.size === 0) {
					// An empty document beside a full table is a lost document, not a mass cancellation.
					console.warn(
						`[projection] org ${state.orgId}: the calendar document is empty but ${missing.length} interviews are stored; not removing them`
					);
					return;
				}
				for (const id of missing) if (!state.pending.has(id)) state.pending.set(id, null);
				await drain(state);
			})
			.catch((err: unknown) => console.error(`[projection] org ${state.orgId}: reconciling removals failed`, err));
	}

	return {
		extensionName: 'parley-projection',
		async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
			attach(documentName, document);
		},
		async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
			const state = docs.get(documentName);
			if (!state) return;
			// Forget it at once: the document may be loaded again (and attached afresh) while the last
			// projection of this copy finishes.
			docs.delete(documentName);
			state.unobserve();
			await state.chain;
		},
		async flush(orgId: string, ids?: Iterable<string>) {
			const wanted = ids ? new Set(ids) : null;
			for (const state of docs.values()) {
				if (state.orgId !== orgId) continue;
				const stuck = () => [...state.pending.keys(), ...state.failed.keys()].filter((id) => !wanted || wanted.has(id));
				await state.chain;
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
