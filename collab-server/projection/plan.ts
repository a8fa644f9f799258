/**
 * The projection's planner: facts in, decisions out, no I/O. Given what the document holds for the
 * changed interviews, the rows as they are (read under the organization's lock), the organization's
 * policy and interviewers, and what the server knows about when each change was made, it decides the
 * rows to write, the audit entries, the problems, the sequence bumps, and what to put back in the
 * document. The document is untrusted input: its times are clamped to bounds the server knows, the
 * status machine holds, only the organization's interviewers become panel rows, an unknown zone is
 * stored as the organization's, and a document older than a row never replaces it.
 */
import { isUuid } from '../../src/lib/domain/ids';
import { judgeBooking, judgeMove, judgeStatus, MOMENT_RULES, rejudgedBy } from '../../src/lib/domain/judge';
import type { OrgClosures } from '../../src/lib/domain/closures';
import type { LoadLimits } from '../../src/lib/domain/load';
import type { Policy } from '../../src/lib/domain/policy';
import { endOf, isValidTimeZone } from '../../src/lib/domain/time';
import type { ApplicationFacts, Conflict, Interview, InterviewStatus, Problem } from '../../src/lib/domain/types';
import { covers, isBehind, removedVersion, type Coverage, type EntryVersion } from './version';
import { actionFor, auditView, conflictJson, diff, malformedProblem, problemJson, sameJson } from './views';
import type { AuditAction, AuditView, ConflictJson, ProblemJson } from './views';

/** A row of `interviews` (with its panel) as the planner sees it. */
export interface StoredRow {
	id: string;
	orgId: string;
	candidateId: string;
	view: AuditView;
	rescheduledFrom: string | null;
	conflicts: unknown;
	problems: ProblemJson[];
	removed: boolean;
	updatedBy: string | null;
	updatedAtMs: number;
	version: EntryVersion | null;
}

/** What the document says about one changed interview, and who changed it when. */
export interface ChangeFact {
	id: string;
	/** The readable entry; null when it is absent or malformed. */
	entry: Interview | null;
	/** The unreadable fields (API names) of an entry that is present but malformed; else null. */
	malformed: readonly string[] | null;
	version: EntryVersion | null;
	/** The reason recorded with the change (`lastChange`), if it belongs to this state. */
	reason: string | null;
	/** The user behind the connection; null when unknown (a reload, another instance's change). */
	actor: string | null;
	/**
	 * The earliest time the change can have been made, by the server's knowledge: that connection's
	 * previous sync, -Infinity for the server's own writes, null when nothing is known (then the
	 * row's last update, or now).
	 */
	notBeforeMs: number | null;
	/**
	 * The entry as another instance changed it a moment ago, when that instance may not have projected
	 * it yet: the row must show it first, so its change is audited there, with its actor.
	 */
	awaitRemote: EntryVersion | null;
}

export interface PlanInput {
	orgId: string;
	/** The organization's zone, stored in place of a zone that does not exist. */
	orgZone: string;
	policy: Policy;
	/** Holidays and blackout dates, and each interviewer's load limit (the judge's calendar rules). */
	rules?: { closures: OrgClosures; load: LoadLimits };
	nowMs: number;
	interviewerIds: ReadonlySet<string>;
	applications: ReadonlyMap<string, ApplicationFacts>;
	/** Every readable interview of the document (for the round rule). */
	calendar: readonly Interview[];
	changes: readonly ChangeFact[];
	rows: ReadonlyMap<string, StoredRow>;
	/** Conflicts, from the document, of each changed entry and each neighbour. */
	conflicts: ReadonlyMap<string, readonly Conflict[]>;
	/** Other interviews whose stored conflicts may have changed. */
	neighbours: readonly string[];
	/** What the document contained when the entries were read. */
	coverage: Coverage;
}

export interface RowWrite {
	id: string;
	application_id: string;
	cycle_id: string;
	candidate_id: string;
	start_at: string;
	end_at: string;
	duration_min: number;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	round: number;
	status: InterviewStatus;
	rescheduled_from: string | null;
	conflicts: ConflictJson[];
	problems: ProblemJson[];
	updated_by: string | null;
	updated_at: string;
	bump: 0 | 1;
	version: EntryVersion | null;
	panel: string[];
}

export interface AuditEntry {
	interview_id: string;
	actor_id: string | null;
	action: AuditAction;
	old_values: Partial<AuditView> | null;
	new_values: Partial<AuditView>;
	reason: string | null;
}

export interface Plan {
	writes: RowWrite[];
	removals: { id: string; status: InterviewStatus; version: EntryVersion | null }[];
	/** Rows whose entry became unreadable: only their problems change. */
	flags: { id: string; problems: ProblemJson[] }[];
	audit: AuditEntry[];
	neighbourConflicts: { id: string; conflicts: ConflictJson[] }[];
	/** Illegal status moves to undo in the document. */
	reverts: { id: string; status: InterviewStatus }[];
	/** Changes whose document is older than the row: tried again once the document catches up. */
	deferred: string[];
	/** Interview id → the people to tell it changed. */
	notify: Map<string, string[]>;
	warnings: string[];
}

/** Decides everything one batch of changes does to the tables. */
export function planProjection(input: PlanInput): Plan {
	const plan: Plan = {
		writes: [],
		removals: [],
		flags: [],
		audit: [],
		neighbourConflicts: [],
		reverts: [],
		deferred: [],
		notify: new Map(),
		warnings: []
	};
	for (const change of input.changes) planChange(input, change, plan);
	const changed = new Set(input.changes.map((c) => c.id));
	for (const id of input.neighbours) {
		const row = input.rows.get(id);
		if (changed.has(id) || !row || row.removed) continue;
		const conflicts = (input.conflicts.get(id) ?? []).map(conflictJson);
		if (sameJson(row.conflicts, conflicts)) continue;
		plan.neighbourConflicts.push({ id, conflicts });
		plan.notify.set(id, [row.candidateId, ...row.view.panel]);
	}
	return plan;
}

function planChange(input: PlanInput, change: ChangeFact, plan: Plan): void {
	const { id, entry } = change;
	const row = input.rows.get(id);
	const tag = `[projection] org ${input.orgId}: interview ${JSON.stringify(id).slice(0, 80)}`;
	if (!isUuid(id)) return void plan.warnings.push(`${tag} has an id that is not a uuid; ignored`);
	if (row && row.orgId !== input.orgId)
		return void plan.warnings.push(`${tag} belongs to another organization; ignored`);
	if (row && isBehind(row.version, input.coverage)) return void plan.deferred.push(id);
	if (change.awaitRemote && !covers(row?.version ?? null, change.awaitRemote)) return void plan.deferred.push(id);
	if (!entry && change.malformed) {
		if (!row) return void plan.warnings.push(`${tag} is malformed and was never stored; shown from the document only`);
		const problems = [...row.problems.filter((p) => p.code !== 'malformed'), malformedProblem(change.malformed)];
		if (!sameJson(problems, row.problems)) {
			plan.flags.push({ id, problems });
			plan.notify.set(id, [row.candidateId, ...row.view.panel]);
		}
		return;
	}
	if (!entry) {
		// Deleted from the document: the row stays (scorecards, attendance, history); one still to happen is cancelled.
		if (!row || row.removed) return;
		const status = row.view.status === 'scheduled' ? 'cancelled' : row.view.status;
		plan.removals.push({ id, status, version: removedVersion(row.version, input.coverage) });
		plan.audit.push({
			interview_id: id,
			actor_id: change.actor,
			action: 'removed',
			old_values: { status: row.view.status },
			new_values: { status },
			reason: 'Removed from the calendar.'
		});
		plan.notify.set(id, [row.candidateId, ...row.view.panel]);
		return;
	}
	const app = input.applications.get(entry.applicationId);
	if (!app) return void plan.warnings.push(`${tag} names an application unknown in the organization; not projected`);

	const status = legalStatus(row, entry.status);
	if (status !== entry.status) {
		plan.reverts.push({ id, status });
		plan.warnings.push(`${tag}: ${row?.view.status} → ${entry.status} breaks the status machine; put back`);
	}
	const members = entry.panel.filter((u) => input.interviewerIds.has(u));
	const timezone = isValidTimeZone(entry.timezone) ? entry.timezone : input.orgZone;
	const after = auditView({ ...entry, timezone, status, panel: members });
	const before = row ? row.view : null;
	const action = actionFor(before, after);

	// The time of a change is the client's word only within what the server knows.
	const now = input.nowMs;
	const lower = change.notBeforeMs ?? (row ? Math.min(row.updatedAtMs, now) : now);
	const judgedMs = Math.min(Math.max(Date.parse(entry.updatedAt), lower), now);
	// The judge decides which rules this change is judged by, at the moment it was made.
	const judged = { ...entry, status };
	const facts = {
		now: new Date(judgedMs),
		policy: input.policy,
		application: app,
		interviewerIds: input.interviewerIds,
		// The conflicts come from the document's index, computed before planning.
		calendar: { interviews: input.calendar, index: { conflictsFor: () => [...(input.conflicts.get(id) ?? [])] } },
		...input.rules
	};
	const move = before
		? { before: { start: before.start, mode: before.mode as Interview['mode'], panel: before.panel }, after: judged }
		: null;
	const verdict = move ? judgeMove(move, facts) : judgeBooking({ proposal: judged }, facts);
	const problems = verdict.problems.map(problemJson);
	if (row && move && status === 'scheduled') problems.push(...carried(row.problems, problems, rejudgedBy(move)));
	if (entry.candidateId !== app.candidateId) problems.push(problemJson(CANDIDATE_MISMATCH));

	const conflicts = verdict.conflicts.map(conflictJson);
	const rescheduledFrom = isUuid(entry.rescheduledFrom) ? entry.rescheduledFrom : null;
	const unchanged =
		row &&
		!row.removed &&
		!action &&
		sameJson(row.conflicts, conflicts) &&
		sameJson(row.problems, problems) &&
		row.rescheduledFrom === rescheduledFrom;
	if (unchanged) return;
	const moved = before && (before.start !== after.start || before.duration_min !== after.duration_min);
	plan.writes.push({
		id,
		application_id: app.id,
		cycle_id: app.cycleId,
		candidate_id: app.candidateId,
		start_at: entry.start,
		end_at: endOf(entry).toISOString(),
		duration_min: entry.durationMin,
		timezone,
		type: entry.type,
		mode: entry.mode,
		location: entry.location,
		round: entry.round,
		status,
		rescheduled_from: rescheduledFrom,
		conflicts,
		problems,
		updated_by: change.actor ?? row?.updatedBy ?? null,
		updated_at: new Date(judgedMs).toISOString(),
		bump: moved || (before && before.status !== status) ? 1 : 0,
		version: change.version,
		panel: members
	});
	if (!action) return;
	const delta = before ? diff(before, after) : null;
	plan.audit.push({
		interview_id: id,
		actor_id: change.actor,
		action,
		old_values: delta ? delta.old : null,
		new_values: delta ? delta.new : after,
		reason: change.reason
	});
	plan.notify.set(id, [...new Set([entry.candidateId, ...members, ...(row?.view.panel ?? [])])]);
}

const CANDIDATE_MISMATCH: Problem = {
	code: 'candidate_mismatch',
	field: 'application_id',
	message: 'The candidate does not match the application.'
};

/**
 * The status to store: the document's when the status machine allows the move, else the row's.
 * A removed row that was cancelled by its removal may come back as it was (an undo).
 */
function legalStatus(row: StoredRow | undefined, wanted: InterviewStatus): InterviewStatus {
	if (!row || row.view.status === wanted) return wanted;
	if (row.removed && row.view.status === 'cancelled' && wanted === 'scheduled') return wanted;
	// A record of a move made apart: the status machine alone (edits made apart must still merge).
	return judgeStatus({ interview: { status: row.view.status, start: row.view.start }, to: wanted }).length === 0
		? wanted
		: row.view.status;
}

/** Findings of the moment rules stay true until the judge judges that rule again. */
function carried(stored: readonly ProblemJson[], fresh: readonly ProblemJson[], rejudged: ReadonlySet<string>) {
	return stored.filter(
		(p) =>
			(MOMENT_RULES as ReadonlySet<string>).has(p.code) &&
			!rejudged.has(p.code) &&
			!fresh.some((q) => q.code === p.code && q.message === p.message)
	);
}
