/**
 * The typed schema of the calendar document `org:<orgId>:calendar` (ARCHITECTURE.md, "Documents").
 *
 *   doc.getMap('interviews'): interview id → Y.Map with the fields of `Interview`
 *     (`panel` is a Y.Array<string>, every other field a plain value), plus one extra key:
 *     `lastChange`: a plain `ChangeRecord` { action, reason, actor, at, replacedBy? } written in the
 *       same transaction as every change. It is how the reason of a cancel or reschedule made live
 *       in a browser reaches collab-server's audit log, which sees only the resulting document.
 *
 * Nothing else reads or writes the raw Y types: the server projection, the JSON API (through a
 * Hocuspocus direct connection) and the browser calendar all go through these helpers. Reads are
 * tolerant (a malformed entry reads as null, never throws: a buggy or hostile client must not break
 * the projection); writes check their input and throw a `CalendarError` on malformed data, because
 * what they write is replicated to everybody.
 *
 * Two ways to change a time, on purpose:
 *  - `updateInterview(…, { start })` moves an interview in place (a drag in the calendar, a typo
 *    fix): same id, so the notes, the room and the links stay; the audit log sees old and new start.
 *  - `rescheduleInterview` is the formal reschedule of the scheduling rules: the original is closed
 *    (a scheduled one becomes cancelled) and a new interview links back through `rescheduledFrom`.
 *    It also re-books a no-show or a cancelled interview.
 */
import * as Y from 'yjs';
import { assertTransition } from '../domain/status';
import { wellFormed } from '../domain/text';
import { isIsoUtc } from '../domain/time';
import {
	isInterviewMode,
	isInterviewStatus,
	isInterviewType,
	type Interview,
	type InterviewStatus,
	type Problem
} from '../domain/types';

/** Name of the top-level map of the calendar document. */
export const INTERVIEWS_MAP = 'interviews';
/** Key of the extra per-interview field that carries the reason of the last change. */
export const LAST_CHANGE_KEY = 'lastChange';

// Lower case only, so that one organization or interview has exactly one document name.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CALENDAR_RE = /^org:([^:]+):calendar$/;
const NOTES_RE = /^interview:([^:]+):notes$/;

/** What a document name refers to. */
export type DocRef = { kind: 'calendar'; orgId: string } | { kind: 'notes'; interviewId: string };

/** True for a lower-case uuid. */
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID_RE.test(value);
}

function canonicalUuid(id: string, what: string): string {
	const lower = id.toLowerCase();
	if (!UUID_RE.test(lower)) throw new RangeError(`${what} must be a uuid, got ${JSON.stringify(id)}`);
	return lower;
}

/** The calendar document name of an organization. */
export function calendarDocName(orgId: string): string {
	return `org:${canonicalUuid(orgId, 'orgId')}:calendar`;
}

/** The notes document name of an interview. */
export function notesDocName(interviewId: string): string {
	return `interview:${canonicalUuid(interviewId, 'interviewId')}:notes`;
}

/** Parses a document name; null for anything that is not exactly one of the two known forms. */
export function parseDocName(name: string): DocRef | null {
	const cal = CALENDAR_RE.exec(name);
	if (cal && isUuid(cal[1])) return { kind: 'calendar', orgId: cal[1] };
	const notes = NOTES_RE.exec(name);
	if (notes && isUuid(notes[1])) return { kind: 'notes', interviewId: notes[1] };
	return null;
}

/** The kinds of change recorded in `lastChange`. */
export type ChangeAction = 'create' | 'update' | 'status' | 'reschedule';

/** The side channel stored with each interview: who changed it last, how, and why. */
export interface ChangeRecord {
	action: ChangeAction;
	/** The reason given (required for a cancel), else null. */
	reason: string | null;
	actor: string | null;
	/** Equals the interview's `updatedAt` when written by the same change. */
	at: string;
	/** On the original of a reschedule: the id of the new interview. */
	replacedBy?: string;
}

/** The fields an ordinary edit may change. Status, links and bookkeeping have their own helpers. */
export type InterviewPatch = Partial<
	Pick<Interview, 'start' | 'durationMin' | 'timezone' | 'type' | 'mode' | 'location' | 'round' | 'panel'>
>;

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

/** Thrown when a caller passes data that does not fit the schema (a bug, not a user error). */
export class CalendarError extends Error {
	override readonly name = 'CalendarError';
	constructor(
		readonly code: 'malformed',
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

const FIELDS = [
	'id',
	'applicationId',
	'candidateId',
	'cycleId',
	'start',
	'durationMin',
	'timezone',
	'type',
	'mode',
	'location',
	'round',
	'panel',
	'status',
	'rescheduledFrom',
	'updatedBy',
	'updatedAt'
] as const satisfies readonly (keyof Interview)[];

/** Text that every store can hold: a string without NUL characters, at most `max` long. */
const text =
	(max: number, min = 0) =>
	(v: unknown): v is string =>
		typeof v === 'string' && v.length >= min && v.length <= max && !v.includes('\u0000');
const nonEmpty = text(100, 1);
const nullableId = (v: unknown): boolean => v === null || nonEmpty(v);
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** An ISO UTC instant between 1970 and 9999 (what Postgres and every browser agree on). */
const instant = (v: unknown): boolean => {
	if (!isIsoUtc(v)) return false;
	const t = Date.parse(v);
	return t >= 0 && t <= LAST_INSTANT_MS;
};
const wholeNumber = (min: number, max: number) => (v: unknown) =>
	Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Shape checks per scalar field, shared by reads (tolerant) and writes (strict). They bound what a
 * document may hold (a day at most, a thousand rounds, text without NUL); the scheduling rules in
 * the domain then judge what is sensible.
 */
const SCALAR_CHECKS: { [K in Exclude<keyof Interview, 'panel'>]: (v: unknown) => boolean } = {
	id: nonEmpty,
	applicationId: nonEmpty,
	candidateId: nonEmpty,
	cycleId: nonEmpty,
	start: instant,
	durationMin: wholeNumber(1, 24 * 60),
	timezone: text(64, 1),
	type: isInterviewType,
	mode: isInterviewMode,
	location: text(500),
	round: wholeNumber(1, 1000),
	status: isInterviewStatus,
	rescheduledFrom: nullableId,
	updatedBy: nullableId,
	updatedAt: instant
};

function isPanel(v: unknown): v is readonly string[] {
	return Array.isArray(v) && v.length <= 50 && v.every(nonEmpty);
}

function dedupe(panel: readonly string[]): string[] {
	return [...new Set(panel)];
}

/** The `interviews` map of a calendar document. */
export function interviewsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(INTERVIEWS_MAP);
}

/** What can still be read of a calendar entry that does not read as an interview: it needs repair. */
export interface DamagedEntry {
	/** The entry's key in the interviews map. */
	id: string;
	/** The fields that read correctly (strings normalized, as `readInterview` gives them). */
	readable: Partial<Interview>;
	/** The fields that are missing or malformed; `id` when the entry names another id than its key. */
	broken: (keyof Interview)[];
}

/** A string as every store can hold it (a lone surrogate becomes U+FFFD); anything else as it is. */
const normalized = (v: unknown): unknown => (typeof v === 'string' ? wellFormed(v) : v);

/** Reads the fields of one entry one by one: those that pass their check, and the names of the others. */
function readFields(ymap: unknown): Pick<DamagedEntry, 'readable' | 'broken'> {
	if (!(ymap instanceof Y.Map)) return { readable: {}, broken: [...FIELDS] };
	const m = ymap as Y.Map<unknown>;
	const raw: Record<string, unknown> = {};
	const broken: (keyof Interview)[] = [];
	for (const field of FIELDS) {
		if (field === 'panel') continue;
		let v = normalized(m.get(field));
		// Optional links and a missing location read as their empty value.
		if (v === undefined && (field === 'rescheduledFrom' || field === 'updatedBy')) v = null;
		if (v === undefined && field === 'location') v = '';
		if (SCALAR_CHECKS[field](v)) raw[field] = v;
		else broken.push(field);
	}
	const panel = m.get('panel');
	const members = panel instanceof Y.Array ? (panel as Y.Array<unknown>).toArray().map(normalized) : null;
	// Two admins adding the same person offline both insert them; the merge keeps one.
	if (members && isPanel(members)) raw.panel = dedupe(members);
	else broken.push('panel');
	return { readable: raw as Partial<Interview>, broken };
}

/** Reads one interview Y.Map into plain data; null when anything is missing or malformed. */
export function readInterview(ymap: unknown): Interview | null {
	const { readable, broken } = readFields(ymap);
	return broken.length === 0 ? (readable as Interview) : null;
}

/** The entry under `id` when it is there but does not read as that interview; null otherwise. */
export function inspectEntry(doc: Y.Doc, id: string): DamagedEntry | null {
	const map = interviewsMap(doc);
	if (!map.has(id)) return null;
	const { readable, broken } = readFields(map.get(id));
	if (readable.id !== undefined && readable.id !== id) {
		delete readable.id;
		broken.unshift('id');
	}
	return broken.length === 0 ? null : { id, readable, broken };
}

/** Every entry of the calendar that needs repair, sorted by key. */
export function listDamaged(doc: Y.Doc): DamagedEntry[] {
	return readCalendar(doc)
		.malformedIds.map((id) => inspectEntry(doc, id))
		.filter((e): e is DamagedEntry => e !== null);
}

/** The API names of the fields that make an entry unreadable (`['entry']` when it is not a map at all). */
export function malformedFields(ymap: unknown, key: string): string[] {
	if (!(ymap instanceof Y.Map)) return ['entry'];
	const m = ymap as Y.Map<unknown>;
	const bad = FIELDS.filter((field) => {
		if (field === 'panel') {
			const panel = m.get('panel');
			return !(panel instanceof Y.Array) || !isPanel((panel as Y.Array<unknown>).toArray());
		}
		let v = m.get(field);
		if (v === undefined && (field === 'rescheduledFrom' || field === 'updatedBy')) v = null;
		if (v === undefined && field === 'location') v = '';
		return !SCALAR_CHECKS[field](v) || (field === 'id' && v !== key);
	});
	return bad.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
}

/** Reads the whole calendar, sorted by start then id, and names the entries that could not be read. */
export function readCalendar(doc: Y.Doc): { interviews: Interview[]; malformedIds: string[] } {
	const interviews: Interview[] = [];
	const malformedIds: string[] = [];
	interviewsMap(doc).forEach((value, key) => {
		const iv = readInterview(value);
		if (iv && iv.id === key) interviews.push(iv);
		else malformedIds.push(key);
	});
	// Y.Map iteration order can differ between replicas; sort so every replica lists the same.
	interviews.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	malformedIds.sort();
	return { interviews, malformedIds };
}

/** Every readable interview of the calendar, sorted by start then id. */
export function listInterviews(doc: Y.Doc): Interview[] {
	return readCalendar(doc).interviews;
}

/** One interview by id; null when absent or malformed. */
export function getInterview(doc: Y.Doc, id: string): Interview | null {
	const iv = readInterview(interviewsMap(doc).get(id));
	return iv && iv.id === id ? iv : null;
}

/** The `lastChange` record of an interview; null when absent or malformed. */
export function getLastChange(doc: Y.Doc, id: string): ChangeRecord | null {
	const m = interviewsMap(doc).get(id);
	if (!(m instanceof Y.Map)) return null;
	const v: unknown = (m as Y.Map<unknown>).get(LAST_CHANGE_KEY);
	if (typeof v !== 'object' || v === null) return null;
	const r = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalized(x)]));
	const actions: readonly unknown[] = ['create', 'update', 'status', 'reschedule'];
	if (!actions.includes(r.action) || !isIsoUtc(r.at)) return null;
	if (!(r.reason === null || text(2000)(r.reason))) return null;
	if (!nullableId(r.actor)) return null;
	const record: ChangeRecord = {
		action: r.action as ChangeAction,
		reason: r.reason as string | null,
		actor: r.actor as string | null,
		at: r.at as string
	};
	if (nonEmpty(r.replacedBy)) record.replacedBy = r.replacedBy;
	return record;
}

/** The fields in which two interviews differ (panel compared as a list). */
export function changedFields(before: Interview, after: Interview): (keyof Interview)[] {
	return FIELDS.filter((f) => (f === 'panel' ? !sameList(before.panel, after.panel) : before[f] !== after[f]));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

function assertInterview(interview: Interview): void {
	for (const field of FIELDS) {
		const v = interview[field];
		const ok = field === 'panel' ? isPanel(v) : SCALAR_CHECKS[field](v);
		if (!ok) throw new CalendarError('malformed', field, `Interview field ${field} is malformed`);
	}
}

function assertPatch(patch: InterviewPatch): void {
	for (const [field, v] of Object.entries(patch)) {
		if (v === undefined) continue;
		const ok =
			field === 'panel'
				? isPanel(v)
				: field in SCALAR_CHECKS &&
					!['id', 'status', 'rescheduledFrom', 'updatedBy', 'updatedAt'].includes(field) &&
					SCALAR_CHECKS[field as Exclude<keyof Interview, 'panel'>](v);
		if (!ok) throw new CalendarError('malformed', field, `Patch field ${field} is malformed or not editable`);
	}
}

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

/** Instants are stored in one spelling (`toISOString`, with milliseconds), so strings compare like times. */
function canonicalInstant(iso: string): string {
	return new Date(iso).toISOString();
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

/** Replaces a Y.Array's content with `next` by editing only the differing middle, so concurrent edits to the ends survive. */
function replacePanel(arr: Y.Array<unknown>, next: readonly string[]): void {
	const cur = arr.toArray();
	let head = 0;
	while (head < cur.length && head < next.length && cur[head] === next[head]) head++;
	let tail = 0;
	while (
		tail < cur.length - head &&
		tail < next.length - head &&
		cur[cur.length - 1 - tail] === next[next.length - 1 - tail]
	) {
		tail++;
	}
	const removeCount = cur.length - head - tail;
	if (removeCount > 0) arr.delete(head, removeCount);
	const insert = next.slice(head, next.length - tail);
	if (insert.length > 0) arr.insert(head, insert);
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
				if (arr instanceof Y.Array) replacePanel(arr as Y.Array<unknown>, next.panel);
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
					if (arr instanceof Y.Array) replacePanel(arr as Y.Array<unknown>, dedupe(interview.panel));
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

/** What one transaction changed in the calendar. */
export interface InterviewsChange {
	/** Ids whose interview was added, changed or deleted (read them with `getInterview`; null = gone). */
	ids: ReadonlySet<string>;
	origin: unknown;
	/** True when the change was made on this replica (not received from a peer). */
	local: boolean;
}

/** Calls `cb` once per transaction that touches the calendar, with the ids it changed; returns the unsubscribe. */
export function observeInterviews(doc: Y.Doc, cb: (change: InterviewsChange) => void): () => void {
	const map = interviewsMap(doc);
	const handler = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, tx: Y.Transaction): void => {
		const ids = new Set<string>();
		for (const event of events) {
			if (event.target === map) {
				for (const key of event.keys.keys()) ids.add(key);
			} else {
				const first = event.path[0];
				if (typeof first === 'string') ids.add(first);
			}
		}
		if (ids.size > 0) cb({ ids, origin: tx.origin, local: tx.local });
	};
	map.observeDeep(handler);
	return () => map.unobserveDeep(handler);
}
