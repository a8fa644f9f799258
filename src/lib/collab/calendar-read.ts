/**
 * Tolerant reads of the calendar document: a malformed entry reads as null (or as a `DamagedEntry`
 * naming what cannot be read), never throws, because a buggy or hostile client must not break the
 * projection. Also how to be told which interviews a transaction changed.
 */
import * as Y from 'yjs';
import { isIsoUtc } from '../domain/time';
import type { Interview } from '../domain/types';
import {
	FIELDS,
	interviewsMap,
	isPanel,
	dedupe,
	LAST_CHANGE_KEY,
	nonEmpty,
	normalized,
	nullableId,
	SCALAR_CHECKS,
	text,
	type ChangeAction,
	type ChangeRecord
} from './calendar-schema';

/** What can still be read of a calendar entry that does not read as an interview: it needs repair. */
export interface DamagedEntry {
	/** The entry's key in the interviews map. */
	id: string;
	/** The fields that read correctly (strings normalized, as `readInterview` gives them). */
	readable: Partial<Interview>;
	/** The fields that are missing or malformed; `id` when the entry names another id than its key. */
	broken: (keyof Interview)[];
}

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
