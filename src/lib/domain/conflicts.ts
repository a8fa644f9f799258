/**
 * Double-booking detection: no panel member and no candidate may be in two active interviews whose
 * times overlap, each widened by the policy's buffer. Back-to-back interviews (one ends when the
 * next starts) do not conflict when the buffer is 0.
 *
 * `ConflictIndex` keeps, per person, that person's active interviews sorted by start. Checking one
 * interview is then a binary search and a short scan per person (microseconds at 10,000
 * interviews), and the full check is one sweep per person list. `naiveConflicts` is the plain
 * pairwise definition, kept as the reference that tests and the benchmark compare against.
 *
 * Persons are keyed by user id alone, whatever their role: someone who interviews at 10:00 and is
 * a candidate at 10:00 elsewhere is double-booked too.
 */
import { isActiveStatus } from './status';
import { MINUTE_MS } from './time';
import type { Conflict, InterviewStatus, PersonRole } from './types';

/** What conflict detection needs of an interview or of a proposal that is not stored yet. */
export interface ConflictSubject {
	/** Absent for a new proposal; present ids are never reported as conflicting with themselves. */
	id?: string;
	start: string;
	durationMin: number;
	panel: readonly string[];
	candidateId: string;
	/** Absent counts as active (a proposal); other non-active statuses never conflict. */
	status?: InterviewStatus;
}

/** A stored subject always has an id. */
export type IndexedSubject = ConflictSubject & { id: string };

/** A busy stretch of one person, as the slot finder takes it. */
export interface BusyInterval {
	interviewId: string;
	start: string;
	end: string;
}

interface Entry {
	id: string;
	startMs: number;
	endMs: number;
	startIso: string;
	/** Formatted on first use: most entries never appear in a conflict. */
	endIso: string | null;
	/** The people booked, with their role at the same position (small arrays beat Maps here). */
	people: readonly string[];
	roles: readonly PersonRole[];
}

interface PersonList {
	entries: Entry[];
	/** Longest interval ever held: bounds how far back an overlapping entry can start. */
	maxLenMs: number;
}

/** Builds an index entry; null for inactive subjects and ones with an unreadable start or duration. */
function toEntry(subject: ConflictSubject, id: string): Entry | null {
	if (subject.status !== undefined && !isActiveStatus(subject.status)) return null;
	const startMs = Date.parse(subject.start);
	const d = subject.durationMin;
	if (Number.isNaN(startMs) || typeof d !== 'number' || !Number.isFinite(d) || d < 0) return null;
	const endMs = startMs + d * MINUTE_MS;
	return {
		id,
		startMs,
		endMs,
		startIso: subject.start,
		endIso: null,
		...personsOf(subject)
	};
}

/** The people an interview books, with their role; a candidate listed on their own panel counts as candidate. */
function personsOf(subject: ConflictSubject): { people: string[]; roles: PersonRole[] } {
	const people: string[] = [];
	const roles: PersonRole[] = [];
	for (const p of subject.panel) {
		if (p !== subject.candidateId && !people.includes(p)) {
			people.push(p);
			roles.push('interviewer');
		}
	}
	people.push(subject.candidateId);
	roles.push('candidate');
	return { people, roles };
}

/** The role of a person the entry books; undefined when it does not book them. */
function roleOf(e: Entry, personId: string): PersonRole | undefined {
	const i = e.people.indexOf(personId);
	return i < 0 ? undefined : e.roles[i];
}

/** The overlap test of the whole module: open intervals, each side widened by the buffer. */
function overlaps(a: Entry, b: Entry, bufferMs: number): boolean {
	return a.startMs < b.endMs + bufferMs && b.startMs < a.endMs + bufferMs;
}

function endIsoOf(e: Entry): string {
	return (e.endIso ??= new Date(e.endMs).toISOString());
}

function conflictWith(other: Entry, personId: string, role: PersonRole): Conflict {
	return { interviewId: other.id, personId, role, start: other.startIso, end: endIsoOf(other) };
}

/** Orders conflicts by the other interview's start, then ids, so both implementations agree exactly. */
export function sortConflicts(conflicts: Conflict[]): Conflict[] {
	return conflicts.sort(
		(a, b) =>
			Date.parse(a.start) - Date.parse(b.start) ||
			cmp(a.interviewId, b.interviewId) ||
			cmp(a.personId, b.personId) ||
			cmp(a.role, b.role)
	);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Entry order inside a person list: by start, ties by id, so positions are deterministic. */
function entryBefore(a: Entry, startMs: number, id: string): boolean {
	return a.startMs < startMs || (a.startMs === startMs && a.id < id);
}

/** Index of the first entry not before (startMs, id). */
function lowerBound(list: readonly Entry[], startMs: number, id: string): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (entryBefore(list[mid]!, startMs, id)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Index of the first entry starting at or after `startMs`. */
function firstStartingAtOrAfter(list: readonly Entry[], startMs: number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (list[mid]!.startMs < startMs) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** An incrementally maintained calendar of active interviews, per person, for conflict queries. */
export class ConflictIndex {
	readonly bufferMin: number;
	readonly #bufferMs: number;
	readonly #byId = new Map<string, Entry>();
	readonly #byPerson = new Map<string, PersonList>();

	/** Builds the index from existing interviews; `bufferMin` is the policy's buffer. */
	constructor(interviews: Iterable<IndexedSubject> = [], opts: { bufferMin?: number } = {}) {
		this.bufferMin = Math.max(0, opts.bufferMin ?? 0);
		this.#bufferMs = this.bufferMin * MINUTE_MS;
		this.#bulkLoad(interviews);
	}

	/** Fills an empty index: one sort per person instead of one sorted insert per interview. */
	#bulkLoad(interviews: Iterable<IndexedSubject>): void {
		for (const interview of interviews) {
			const entry = toEntry(interview, interview.id);
			// A repeated id means "the later version", as with upsert.
			if (entry) this.#byId.set(entry.id, entry);
			else this.#byId.delete(interview.id);
		}
		for (const entry of this.#byId.values()) {
			const len = entry.endMs - entry.startMs;
			for (const personId of entry.people) {
				let pl = this.#byPerson.get(personId);
				if (!pl) {
					pl = { entries: [], maxLenMs: 0 };
					this.#byPerson.set(personId, pl);
				}
				pl.entries.push(entry);
				if (len > pl.maxLenMs) pl.maxLenMs = len;
			}
		}
		for (const pl of this.#byPerson.values()) {
			pl.entries.sort((a, b) => a.startMs - b.startMs || cmp(a.id, b.id));
		}
	}

	/** Number of active interviews held. */
	get size(): number {
		return this.#byId.size;
	}

	/** True when the interview is held (it is active and readable). */
	has(id: string): boolean {
		return this.#byId.has(id);
	}

	/** Adds or replaces an interview; an interview that is no longer active is dropped. */
	upsert(interview: IndexedSubject): void {
		this.remove(interview.id);
		const entry = toEntry(interview, interview.id);
		if (!entry) return;
		this.#byId.set(entry.id, entry);
		const len = entry.endMs - entry.startMs;
		for (const personId of entry.people) {
			let pl = this.#byPerson.get(personId);
			if (!pl) {
				pl = { entries: [], maxLenMs: 0 };
				this.#byPerson.set(personId, pl);
			}
			pl.entries.splice(lowerBound(pl.entries, entry.startMs, entry.id), 0, entry);
			if (len > pl.maxLenMs) pl.maxLenMs = len;
		}
	}

	/** Drops an interview; returns whether it was held. */
	remove(id: string): boolean {
		const entry = this.#byId.get(id);
		if (!entry) return false;
		this.#byId.delete(id);
		for (const personId of entry.people) {
			const pl = this.#byPerson.get(personId);
			if (!pl) continue;
			const i = lowerBound(pl.entries, entry.startMs, entry.id);
			if (pl.entries[i]?.id === id) pl.entries.splice(i, 1);
			if (pl.entries.length === 0) this.#byPerson.delete(personId);
		}
		return true;
	}

	/** The conflicts of one interview or proposal with the held interviews (itself excluded). */
	conflictsFor(subject: ConflictSubject): Conflict[] {
		const entry = toEntry(subject, subject.id ?? '');
		if (!entry) return [];
		const out: Conflict[] = [];
		const buf = this.#bufferMs;
		for (let k = 0; k < entry.people.length; k++) {
			const personId = entry.people[k]!;
			const role = entry.roles[k]!;
			const pl = this.#byPerson.get(personId);
			if (!pl) continue;
			const list = pl.entries;
			// Anything starting earlier than this ends before our (buffered) start.
			let i = firstStartingAtOrAfter(list, entry.startMs - buf - pl.maxLenMs);
			for (; i < list.length; i++) {
				const other = list[i]!;
				if (other.startMs >= entry.endMs + buf) break;
				if (subject.id !== undefined && other.id === subject.id) continue;
				if (overlaps(entry, other, buf)) out.push(conflictWith(other, personId, role));
			}
		}
		return sortConflicts(out);
	}

	/** Every conflict of every held interview; interviews without conflicts are absent from the map. */
	allConflicts(): Map<string, Conflict[]> {
		const result = new Map<string, Conflict[]>();
		const add = (id: string, c: Conflict): void => {
			const list = result.get(id);
			if (list) list.push(c);
			else result.set(id, [c]);
		};
		const buf = this.#bufferMs;
		for (const [personId, { entries }] of this.#byPerson) {
			for (let i = 0; i < entries.length; i++) {
				const a = entries[i]!;
				// Sorted by start: once one later entry starts after a's buffered end, all do.
				for (let j = i + 1; j < entries.length; j++) {
					const b = entries[j]!;
					if (b.startMs >= a.endMs + buf) break;
					if (!overlaps(a, b, buf)) continue;
					add(a.id, conflictWith(b, personId, roleOf(a, personId)!));
					add(b.id, conflictWith(a, personId, roleOf(b, personId)!));
				}
			}
		}
		for (const list of result.values()) sortConflicts(list);
		return result;
	}

	/** The held interviews of one person that overlap [from, to), for the slot finder. */
	busyFor(personId: string, from: Date | string | number, to: Date | string | number): BusyInterval[] {
		const pl = this.#byPerson.get(personId);
		if (!pl) return [];
		const fromMs = new Date(from).getTime();
		const toMs = new Date(to).getTime();
		const out: BusyInterval[] = [];
		const list = pl.entries;
		for (let i = firstStartingAtOrAfter(list, fromMs - pl.maxLenMs); i < list.length; i++) {
			const e = list[i]!;
			if (e.startMs >= toMs) break;
			if (e.endMs > fromMs) out.push({ interviewId: e.id, start: e.startIso, end: endIsoOf(e) });
		}
		return out;
	}

	/** `busyFor` for several people at once, keyed by person id. */
	busyMap(
		personIds: Iterable<string>,
		from: Date | string | number,
		to: Date | string | number
	): Map<string, BusyInterval[]> {
		const map = new Map<string, BusyInterval[]>();
		for (const id of personIds) map.set(id, this.busyFor(id, from, to));
		return map;
	}
}

/** The pairwise O(n²) definition of conflicts; the reference for tests and the benchmark. */
export function naiveConflicts(interviews: readonly IndexedSubject[], bufferMin = 0): Map<string, Conflict[]> {
	const buf = Math.max(0, bufferMin) * MINUTE_MS;
	const entries: Entry[] = [];
	const seen = new Set<string>();
	// Like the index, a repeated id means "the later version".
	for (let k = interviews.length - 1; k >= 0; k--) {
		const iv = interviews[k]!;
		if (seen.has(iv.id)) continue;
		seen.add(iv.id);
		const e = toEntry(iv, iv.id);
		if (e) entries.push(e);
	}
	const result = new Map<string, Conflict[]>();
	const add = (id: string, c: Conflict): void => {
		const list = result.get(id);
		if (list) list.push(c);
		else result.set(id, [c]);
	};
	for (let i = 0; i < entries.length; i++) {
		const a = entries[i]!;
		for (let j = i + 1; j < entries.length; j++) {
			const b = entries[j]!;
			if (!overlaps(a, b, buf)) continue;
			for (let k = 0; k < a.people.length; k++) {
				const personId = a.people[k]!;
				const roleInA = a.roles[k]!;
				const roleInB = roleOf(b, personId);
				if (roleInB === undefined) continue;
				add(a.id, conflictWith(b, personId, roleInA));
				add(b.id, conflictWith(a, personId, roleInB));
			}
		}
	}
	for (const list of result.values()) sortConflicts(list);
	return result;
}
