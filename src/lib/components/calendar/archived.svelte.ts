/**
 * Archived interviews beside the live calendar (decision 69). They left the calendar document, so
 * the document cannot show them; the server still has them. The first view brings those of the
 * opened range, and a range further back than the archive boundary is read from the API
 * (`GET /api/v1/interviews?from&to`), once per range. They are final and shown read only.
 * The summary counts them too: the first view says how many, for its generation; once the page has
 * followed the calendar to a later one, those counts are read again (`GET /api/v1/calendar/archive`).
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- plain values on purpose: what the UI reads is published
   as a fresh immutable map through $state.raw. */
import type { Interview } from '$lib/domain';
import type { ArchivedCounts, CalendarFirstView } from '$lib/contract/calendar-page';
import { interviewFromJson, type InterviewJsonFields } from '$lib/contract/interview-json';

/** What the calendar reads of `GET /api/v1/calendar/archive`. */
type ArchiveStatusJson = { generation: number; archived_completed: number; archived_cancelled: number };

/** Who an archived interview read from the API was with: the calendar names it from this. */
export interface ArchivedApplication {
	candidateId: string;
	candidateName: string;
	cycleId: string;
}

/** The most the calendar asks for at once (the API's page size). */
const PAGE_SIZE = 200;

export class ArchivedInterviews {
	#byId = $state.raw<ReadonlyMap<string, Interview>>(new Map());
	#before: number;
	/** `from|to` of the ranges already asked for. */
	#asked = new Set<string>();
	#counts = $state.raw<ArchivedCounts>({ generation: -1, completed: 0, cancelled: 0 });
	/** The generation whose counts were asked for (-1: none pending). */
	#countsAsked = -1;
	#applications = $state.raw<ReadonlyMap<string, ArchivedApplication>>(new Map());

	constructor(first: CalendarFirstView | null) {
		if (first) this.#counts = first.archived;
		this.#before = first?.archivedBefore ? Date.parse(first.archivedBefore) : -Infinity;
		const ids = new Set(first?.archivedIds ?? []);
		this.#byId = new Map((first?.interviews ?? []).filter((iv) => ids.has(iv.id)).map((iv) => [iv.id, iv]));
	}

	/** The archived interviews known so far. */
	get list(): Interview[] {
		return [...this.#byId.values()];
	}

	/**
	 * The applications of the archived interviews read from the API, by id: the page names only the
	 * applications it can still book or that have a live interview, and those the first view showed.
	 */
	get applications(): ReadonlyMap<string, ArchivedApplication> {
		return this.#applications;
	}

	/** How many archived interviews were completed and cancelled, and for which generation of the document. */
	get counts(): ArchivedCounts {
		return this.#counts;
	}

	/**
	 * Reads the counts of `generation` from the server when those known are of an earlier one; once
	 * per generation, again after a failure. An answer for another generation is dropped: added to
	 * the document shown, a later one's counts would count twice what that document still holds (the
	 * page asks again once it has moved there).
	 */
	async countsFor(generation: number): Promise<void> {
		if (this.#counts.generation >= generation || this.#countsAsked === generation) return;
		this.#countsAsked = generation;
		const res = await fetch('/api/v1/calendar/archive', { credentials: 'same-origin' }).catch(() => null);
		const body = res?.ok ? ((await res.json().catch(() => null)) as ArchiveStatusJson | null) : null;
		if (!body) {
			// Offline or refused: ask again the next time the page does.
			if (this.#countsAsked === generation) this.#countsAsked = -1;
			return;
		}
		if (body.generation === generation && generation > this.#counts.generation)
			this.#counts = { generation, completed: body.archived_completed, cancelled: body.archived_cancelled };
	}

	/** Notes interviews known to be archived (those an archive pass took out of the document shown). */
	add(interviews: readonly Interview[]): void {
		if (interviews.length) this.#byId = new Map([...this.#byId, ...interviews.map((iv) => [iv.id, iv] as const)]);
	}

	/** Reads the archived interviews of `[from, to)` when the range reaches back before the archive boundary. */
	async show(from: number, to: number): Promise<void> {
		if (!(from < this.#before) || !Number.isFinite(from) || !Number.isFinite(to)) return;
		const key = `${from}|${to}`;
		if (this.#asked.has(key)) return;
		this.#asked.add(key);
		const found: Interview[] = [];
		const applications = new Map(this.#applications);
		for (let page = 1; page <= 10; page++) {
			const query = new URLSearchParams({
				from: new Date(from).toISOString(),
				to: new Date(Math.min(to, this.#before)).toISOString(),
				page: String(page),
				page_size: String(PAGE_SIZE)
			});
			const res = await fetch(`/api/v1/interviews?${query}`, { credentials: 'same-origin' }).catch(() => null);
			if (!res?.ok) {
				// Offline or refused: ask again the next time this range shows.
				this.#asked.delete(key);
				return;
			}
			const body = (await res.json()) as { data: (InterviewJsonFields & { candidate: { name: string } })[] };
			for (const j of body.data.filter((j) => j.archived_at !== null)) {
				found.push(interviewFromJson(j));
				applications.set(j.application_id, {
					candidateId: j.candidate.id,
					candidateName: j.candidate.name,
					cycleId: j.cycle_id
				});
			}
			if (body.data.length < PAGE_SIZE) break;
		}
		this.add(found);
		if (applications.size > this.#applications.size) this.#applications = applications;
	}
}
