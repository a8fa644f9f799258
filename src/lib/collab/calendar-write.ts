/**
 * Strict writes of the calendar document: each checks its input and throws a `CalendarError` on
 * malformed data (what it writes is replicated to everybody), writes in one transaction, and
 * stamps `updatedBy`, `updatedAt` and the `lastChange` record.
 */
import * as Y from 'yjs';
import { assertTransition } from '../domain/status';
import type { Interview, InterviewStatus, Problem } from '../domain/types';
import { inspectEntry, readInterview } from './calendar-read';
import {
	assertInterview,
	assertPatch,
	canonicalInstant,
	changedFields,
	dedupe,
	FIELDS,
	interviewsMap,
	LAST_CHANGE_KEY,
	type ChangeRecord,
	type InterviewPatch
} from './calendar-schema';

/** Who writes, when, and why; `origin` becomes the Yjs transaction origin. */
export interface WriteOptions {
	actor: string | null;
	now: Date;
	reason?: string | null;
	origin?: unknown;
}

/** The outcome of a write: the interview written and its changed fields, or the rule it broke. */
export type WriteResult =
	{ ok: true; id: string; changed: readonly (keyof Interview)[] } | { ok: false; problem: Problem };

function notFound(id: string): WriteResult {
	return {
		ok: false,
		problem: { code: 'not_found', field: 'id', message: 'The interview was not found.', ids: [id] }
	};
}

function rawMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
	const m = interviewsMap(doc).get(id);
	return m instanceof Y.Map ? (m as Y.Map<unknown>) : null;
}

/** Writes every field into a fresh interview map (used inside a transaction). */
function writeNew(doc: Y.Doc, interview: Interview, change: ChangeRecord): void {
	const m = new Y.Map<unknown>();
	interviewsMap(doc).set(interview.id, m);
	for (const field of FIELDS) {
		if (field === 'panel') {
			const arr = new Y.Array<string>();
			m.set('panel', arr);
			arr.push(dedupe(interview.panel));
		} else if (field === 'start' || field === 'updatedAt') {
			m.set(field, canonicalInstant(interview[field]));
		} else {
			m.set(field, interview[field]);
		}
	}
	m.set(LAST_CHANGE_KEY, { ...change, at: canonicalInstant(change.at) });
}

/**
 * Replaces a Y.Array's content with `next` by editing only the differing middle, so concurrent edits
 * to the ends survive. Items are compared by identity; `copy` makes what is inserted (a Yjs type
 * taken from another document must be copied).
 */
export function replaceArray<T>(arr: Y.Array<unknown>, next: readonly T[], copy: (v: T) => unknown = (v) => v): void {
	const cur = arr.toArray();
	let head = 0;
	while (head < cur.length && head < next.length && cur[head] === next[head]) head++;
	let tail = 0;
	while (tail < cur.length - head && tail < next.length - head && cur.at(-1 - tail) === next.at(-1 - tail)) tail++;
	if (cur.length - head - tail > 0) arr.delete(head, cur.length - head - tail);
	const insert = next.slice(head, next.length - tail);
	if (insert.length > 0) arr.insert(head, insert.map(copy));
}

function stamp(m: Y.Map<unknown>, opts: WriteOptions, change: Omit<ChangeRecord, 'actor' | 'at' | 'reason'>): void {
	const at = opts.now.toISOString();
	m.set('updatedBy', opts.actor);
	m.set('updatedAt', at);
	const record: ChangeRecord = { ...change, reason: opts.reason ?? null, actor: opts.actor, at };
	m.set(LAST_CHANGE_KEY, record);
}

/** Adds a new interview in one transaction; refuses an id that already exists. */
export function createInterview(doc: Y.Doc, interview: Interview, origin?: unknown): WriteResult {
	assertInterview(interview);
	if (interviewsMap(doc).has(interview.id)) {
		return {
			ok: false,
			problem: {
				code: 'already_exists',
				field: 'id',
				message: 'An interview with this id already exists.',
				ids: [interview.id]
			}
		};
	}
	doc.transact(() => {
		writeNew(doc, interview, {
			action: 'create',
			reason: null,
			actor: interview.updatedBy,
			at: interview.updatedAt
		});
	}, origin);
	return { ok: true, id: interview.id, changed: [...FIELDS] };
}

/**
 * Edits a scheduled interview: writes only the fields that change (the panel element by element),
 * then stamps updatedBy/updatedAt and the change record. Nothing is written when nothing changes.
 */
export function updateInterview(doc: Y.Doc, id: string, patch: InterviewPatch, opts: WriteOptions): WriteResult {
	assertPatch(patch);
	const m = rawMap(doc, id);
	const current = readInterview(m);
	if (!m || !current || current.id !== id) return notFound(id);
	if (current.status !== 'scheduled') {
		return {
			ok: false,
			problem: {
				code: 'not_editable',
				field: 'status',
				message: `Only a scheduled interview can be changed; this one is ${current.status.replace('_', ' ')}.`
			}
		};
	}
	const next: Interview = { ...current, ...stripUndefined(patch) };
	if (patch.panel) next.panel = dedupe(patch.panel);
	if (patch.start) next.start = canonicalInstant(patch.start);
	const changed = changedFields(current, next);
	if (changed.length === 0) return { ok: true, id, changed };
	doc.transact(() => {
		for (const field of changed) {
			if (field === 'panel') {
				const arr = m.get('panel');
				if (arr instanceof Y.Array) replaceArray(arr as Y.Array<unknown>, next.panel);
			} else {
				m.set(field, next[field]);
			}
		}
		stamp(m, opts, { action: 'update' });
	}, opts.origin);
	return { ok: true, id, changed: [...changed, 'updatedBy', 'updatedAt'] };
}

function stripUndefined(patch: InterviewPatch): InterviewPatch {
	return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as InterviewPatch;
}

/** Moves an interview along the status machine (a cancel needs `opts.reason`). */
export function setStatus(doc: Y.Doc, id: string, to: InterviewStatus, opts: WriteOptions): WriteResult {
	const m = rawMap(doc, id);
	const current = readInterview(m);
	if (!m || !current || current.id !== id) return notFound(id);
	const problem = assertTransition(current.status, to, { reason: opts.reason });
	if (problem) return { ok: false, problem };
	doc.transact(() => {
		m.set('status', to);
		stamp(m, opts, { action: 'status' });
	}, opts.origin);
	return { ok: true, id, changed: ['status', 'updatedBy', 'updatedAt'] };
}

/**
 * Writes a whole interview over a damaged entry (a repair, or the cancel of a damaged entry): every
 * field is set again from `interview`, a panel that is not a Y.Array is replaced, and the change is
 * stamped. Refuses an entry that reads as an interview (`not_damaged`: change it with the other
 * helpers) and one that is not there.
 */
export function restoreInterview(
	doc: Y.Doc,
	interview: Interview,
	opts: WriteOptions & { action?: 'update' | 'status' }
): WriteResult {
	assertInterview(interview);
	const id = interview.id;
	const damaged = inspectEntry(doc, id);
	if (!damaged) {
		if (!interviewsMap(doc).has(id)) return notFound(id);
		return {
			ok: false,
			problem: { code: 'not_damaged', field: 'id', message: 'The interview reads correctly; it needs no repair.' }
		};
	}
	const m = rawMap(doc, id);
	doc.transact(() => {
		if (!m) {
			// Not even a map: write a fresh one in its place.
			writeNew(doc, interview, {
				action: opts.action ?? 'update',
				reason: opts.reason ?? null,
				actor: opts.actor,
				at: opts.now.toISOString()
			});
		} else {
			for (const field of FIELDS) {
				if (field === 'panel') {
					const arr = m.get('panel');
					if (arr instanceof Y.Array) replaceArray(arr as Y.Array<unknown>, dedupe(interview.panel));
					else m.set('panel', Y.Array.from(dedupe(interview.panel)));
				} else if (field === 'start') {
					if (m.get(field) !== canonicalInstant(interview.start)) m.set(field, canonicalInstant(interview.start));
				} else if (m.get(field) !== interview[field]) {
					m.set(field, interview[field]);
				}
			}
		}
		stamp(rawMap(doc, id)!, opts, { action: opts.action ?? 'update' });
	}, opts.origin);
	return { ok: true, id, changed: [...damaged.broken, 'updatedBy', 'updatedAt'] };
}

/** The new time (and anything else that changes with it) of a reschedule. */
export type RescheduleChange = InterviewPatch & { start: string };

const RESCHEDULABLE: ReadonlySet<InterviewStatus> = new Set(['scheduled', 'no_show', 'cancelled']);

/**
 * Reschedules formally, in one transaction: creates a new scheduled interview that copies the
 * original, applies `change` and links back through `rescheduledFrom`; a scheduled original
 * becomes cancelled. Both carry the reason in their change record. Returns the new id.
 */
export function rescheduleInterview(
	doc: Y.Doc,
	id: string,
	change: RescheduleChange,
	opts: WriteOptions & { newId?: string }
): WriteResult {
	assertPatch(change);
	const m = rawMap(doc, id);
	const current = readInterview(m);
	if (!m || !current || current.id !== id) return notFound(id);
	if (!RESCHEDULABLE.has(current.status)) {
		return {
			ok: false,
			problem: {
				code: 'invalid_transition',
				field: 'status',
				message: `An interview that is ${current.status.replace('_', ' ')} cannot be rescheduled.`
			}
		};
	}
	const newId = opts.newId ?? globalThis.crypto.randomUUID();
	if (interviewsMap(doc).has(newId)) {
		return {
			ok: false,
			problem: {
				code: 'already_exists',
				field: 'id',
				message: 'An interview with this id already exists.',
				ids: [newId]
			}
		};
	}
	const at = opts.now.toISOString();
	const replacement: Interview = {
		...current,
		...stripUndefined(change),
		id: newId,
		panel: dedupe(change.panel ?? current.panel),
		status: 'scheduled',
		rescheduledFrom: id,
		updatedBy: opts.actor,
		updatedAt: at
	};
	assertInterview(replacement);
	doc.transact(() => {
		writeNew(doc, replacement, {
			action: 'reschedule',
			reason: opts.reason ?? null,
			actor: opts.actor,
			at
		});
		if (current.status === 'scheduled') m.set('status', 'cancelled');
		stamp(m, opts, { action: 'reschedule', replacedBy: newId });
	}, opts.origin);
	return { ok: true, id: newId, changed: [...FIELDS] };
}

/**
 * Deletes an interview outright. Only for removing data on request; the schedule's own flow
 * cancels instead, which keeps the history. Returns whether it existed.
 */
export function deleteInterview(doc: Y.Doc, id: string, origin?: unknown): boolean {
	const map = interviewsMap(doc);
	if (!map.has(id)) return false;
	doc.transact(() => map.delete(id), origin);
	return true;
}
