/** The projection's plain views: what an audit row compares and holds, and the JSON of conflicts and problems. */
import type { Conflict, InterviewStatus, Problem } from '../../src/lib/domain/types';

export type AuditAction =
	'scheduled' | 'rescheduled' | 'updated' | 'cancelled' | 'started' | 'completed' | 'no_show' | 'removed';

/** The comparable, audited view of an interview (what old_values/new_values hold). */
export function auditView(i: {
	start: string;
	durationMin: number;
	timezone: string;
	type: string;
	mode: string;
	location: string;
	round: number;
	status: InterviewStatus;
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
export type AuditView = ReturnType<typeof auditView>;

/** The fields in which two views differ, old and new. */
export function diff(a: AuditView, b: AuditView): { old: Partial<AuditView>; new: Partial<AuditView> } {
	const o: Record<string, unknown> = {};
	const n: Record<string, unknown> = {};
	for (const key of Object.keys(b) as (keyof AuditView)[]) {
		if (!sameJson(a[key], b[key])) {
			o[key] = a[key];
			n[key] = b[key];
		}
	}
	return { old: o as Partial<AuditView>, new: n as Partial<AuditView> };
}

/** The audit action of a move from `before` (null: no row yet) to `after`; null when nothing changed. */
export function actionFor(before: AuditView | null, after: AuditView): AuditAction | null {
	if (!before) return 'scheduled';
	if (before.status !== after.status) {
		if (after.status === 'in_progress') return 'started';
		if (after.status === 'scheduled') return 'updated';
		return after.status as AuditAction;
	}
	if (before.start !== after.start || before.duration_min !== after.duration_min) return 'rescheduled';
	return sameJson(before, after) ? null : 'updated';
}

/** Whether two JSON values are equal, whatever order their objects' keys are in. */
export function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

/**
 * The value with every plain object's keys in one order. A row's jsonb comes back from Postgres with
 * its keys reordered (shortest first), so comparing it to what the planner built, key order and all,
 * found every row with conflicts or problems changed and rewrote it on every reload (decision 84).
 */
function sortedKeys(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(sortedKeys);
	if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v;
	return Object.fromEntries(
		Object.keys(v)
			.sort()
			.map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])])
	);
}

export const conflictJson = (c: Conflict) => ({
	interview_id: c.interviewId,
	person_id: c.personId,
	role: c.role,
	start: c.start,
	end: c.end
});
export type ConflictJson = ReturnType<typeof conflictJson>;

/** A stored problem: the domain's code, field and message; `fields` only on `malformed`. */
export interface ProblemJson {
	code: string;
	field: string | null;
	message: string;
	fields?: string[];
}

export const problemJson = (p: Problem): ProblemJson => ({ code: p.code, field: p.field ?? null, message: p.message });

/**
 * The problem stored on a row whose entry in the document cannot be read: the row keeps its last
 * good values, and `fields` names the unreadable ones (API names) so the calendar can offer a repair.
 */
export function malformedProblem(fields: readonly string[]): ProblemJson {
	const which = fields.length ? `: ${fields.join(', ')}` : '';
	return {
		code: 'malformed',
		field: null,
		message: `This interview is damaged in the calendar and needs repair${which}. The last good version is shown.`,
		fields: [...fields]
	};
}
