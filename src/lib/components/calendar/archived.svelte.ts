/**
 * Archived interviews beside the live calendar (decision 69). They left the calendar document, so
 * the document cannot show them; the server still has them. The first view brings those of the
 * opened range, and a range further back than the archive boundary is read from the API
 * (`GET /api/v1/interviews?from&to`), once per range. They are final and shown read only.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- plain values on purpose: what the UI reads is published
   as a fresh immutable map through $state.raw. */
import type { Interview } from '$lib/domain';
import type { CalendarFirstView } from '$lib/contract/calendar-page';
import { interviewFromJson, type InterviewJsonFields } from '$lib/contract/interview-json';

/** The most the calendar asks for at once (the API's page size). */
const PAGE_SIZE = 200;

export class ArchivedInterviews {
	#byId = $state.raw<ReadonlyMap<string, Interview>>(new Map());
	#before: number;
	/** `from|to` of the ranges already asked for. */
	#asked = new Set<string>();

	constructor(first: CalendarFirstView | null) {
		this.#before = first?.archivedBefore ? Date.parse(first.archivedBefore) : -Infinity;
		const ids = new Set(first?.archivedIds ?? []);
		this.#byId = new Map((first?.interviews ?? []).filter((iv) => ids.has(iv.id)).map((iv) => [iv.id, iv]));
	}

	/** The archived interviews known so far. */
	get list(): Interview[] {
		return [...this.#byId.values()];
	}

	/** Reads the archived interviews of `[from, to)` when the range reaches back before the archive boundary. */
	async show(from: number, to: number): Promise<void> {
		if (!(from < this.#before) || !Number.isFinite(from) || !Number.isFinite(to)) return;
		const key = `${from}|${to}`;
		if (this.#asked.has(key)) return;
		this.#asked.add(key);
		const found: Interview[] = [];
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
			const body = (await res.json()) as { data: InterviewJsonFields[]; total?: number };
			found.push(...body.data.filter((j) => j.archived_at !== null).map(interviewFromJson));
			if (body.data.length < PAGE_SIZE) break;
		}
		if (found.length) this.#byId = new Map([...this.#byId, ...found.map((iv) => [iv.id, iv] as const)]);
	}
}
