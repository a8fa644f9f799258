/** What the calendar widget shows: the interviews and the entries that need repair as its events, the interviewers as its resources. */
import type { DamagedEntry } from '$lib/collab/calendar';
import type { Peer } from '$lib/collab/sync.svelte';
import type { Conflict, Interview } from '$lib/domain';
import { endOf } from '$lib/domain/time';
import { m } from '$lib/paraglide/messages';
import { offsetName, TYPE_COLORS, toWall } from './format';
import type { PendingMove } from './moves.svelte';
import type { CalendarInterviewer } from '$lib/contract/calendar-page';

/** What an event's card shows besides its title and time (a type alias: the widget hands it back as a record). */
export type EventProps = {
	type: Interview['type'];
	status: Interview['status'];
	conflict: boolean;
	/** Who else is changing it. */
	editor: string | null;
	/** It cannot be read: "needs repair". */
	damaged: boolean;
	/** One session of a loop: "Loop 2/3". */
	loop?: string;
};

/** A session's place in its loop, and the loop's colour. */
export interface LoopPlace {
	loopId: string;
	position: number;
	count: number;
	color: string;
}

/** Outline colours that tell neighbouring loops apart (each dark enough on white and on the type colours). */
const LOOP_COLORS = ['#7a2e8e', '#0b6e4f', '#a4361b', '#1d4ed8', '#92400e'];

/** Interview id → its place in its loop. */
export function loopPlaces(loops: readonly { id: string; interviewIds: string[] }[]): Map<string, LoopPlace> {
	const places = new Map<string, LoopPlace>();
	loops.forEach((l, n) =>
		l.interviewIds.forEach((id, i) =>
			places.set(id, {
				loopId: l.id,
				position: i + 1,
				count: l.interviewIds.length,
				color: LOOP_COLORS[n % LOOP_COLORS.length]!
			})
		)
	);
	return places;
}

/** What the events depend on besides the interviews. */
export interface EventContext {
	tz: string;
	/** Application id → candidate name. */
	names: ReadonlyMap<string, string>;
	conflicts: ReadonlyMap<string, Conflict[]>;
	/** Interview id → the others changing it. */
	editors: ReadonlyMap<string, Peer[]>;
	/** A move waiting for its reason: shown at its new place. */
	pending: PendingMove | null;
	canEdit: boolean;
	/** The interview the side panel is about. */
	openId: string | null;
	/** The loops whose sessions are on the calendar, each its interviews in order. */
	loops?: readonly { id: string; interviewIds: string[] }[];
}

/** The interviews as widget events. */
export function interviewEvents(interviews: readonly Interview[], ctx: EventContext) {
	const places = loopPlaces(ctx.loops ?? []);
	return interviews.map((iv) => {
		const conflict = ctx.conflicts.has(iv.id);
		const editors = ctx.editors.get(iv.id);
		const moving = ctx.pending?.id === iv.id ? ctx.pending : null;
		const shown = moving ? { ...iv, start: moving.start, durationMin: moving.durationMin, panel: moving.panel } : iv;
		const loop = places.get(iv.id);
		const props: EventProps = {
			type: iv.type,
			status: iv.status,
			conflict,
			editor: editors?.[0]?.name ?? null,
			damaged: false,
			...(loop ? { loop: m.cal_event_loop({ n: loop.position, count: loop.count }) } : {})
		};
		return {
			id: iv.id,
			start: toWall(shown.start, ctx.tz),
			end: toWall(endOf(shown), ctx.tz),
			title: ctx.names.get(iv.applicationId) ?? m.cal_event_interview(),
			// Sorted: the first view (Postgres) and the document may list a panel in another order.
			resourceIds: [...shown.panel].sort(),
			backgroundColor: TYPE_COLORS[iv.type],
			// One move at a time: the others wait while a move asks for its reason.
			editable: ctx.canEdit && iv.status === 'scheduled' && !ctx.pending,
			classNames: [
				'iv',
				`iv-${iv.status}`,
				...(conflict ? ['iv-conflict'] : []),
				...(editors ? ['iv-editing'] : []),
				...(moving ? ['iv-moving'] : []),
				...(iv.id === ctx.openId ? ['iv-open'] : []),
				...(loop ? ['iv-loop'] : [])
			],
			// The sessions of one loop share an outline of the loop's colour.
			styles: loop ? [`outline: 3px solid ${loop.color}`, 'outline-offset: -3px'] : [],
			extendedProps: props
		};
	});
}

/** Entries that need repair and whose start still reads, as widget events. */
export function damagedEvents(damaged: readonly DamagedEntry[], ctx: Pick<EventContext, 'tz' | 'names' | 'openId'>) {
	return damaged
		.filter((e) => e.readable.start)
		.map((e) => {
			const props: EventProps = {
				type: e.readable.type ?? 'video',
				status: e.readable.status ?? 'scheduled',
				conflict: false,
				editor: null,
				damaged: true
			};
			return {
				id: e.id,
				start: toWall(e.readable.start!, ctx.tz),
				end: toWall(endOf({ start: e.readable.start!, durationMin: e.readable.durationMin ?? 30 }), ctx.tz),
				title: m.cal_event_needs_repair({
					name: (e.readable.applicationId && ctx.names.get(e.readable.applicationId)) || m.cal_unknown_candidate()
				}),

				backgroundColor: '#b42318',
				editable: false,
				classNames: ['iv', 'iv-damaged', ...(e.id === ctx.openId ? ['iv-open'] : [])],
				extendedProps: props
			};
		});
}

/** The interviewers as the resources of the "By interviewer" view. */
export function interviewerResources(interviewers: readonly CalendarInterviewer[]) {
	return interviewers.map((i) => ({ id: i.id, title: `${i.name} · ${offsetName(i.timezone)}` }));
}

/**
 * The interviews that overlap `[fromMs, toMs)`: only these become widget events, so a calendar with
 * years of interviews builds one view's worth, and changing the view builds that view's.
 */
export function interviewsIn(interviews: readonly Interview[], fromMs: number, toMs: number): Interview[] {
	return interviews.filter((iv) => {
		const start = Date.parse(iv.start);
		return start < toMs && start + iv.durationMin * 60_000 > fromMs;
	});
}

/**
 * Hands back the previous list while a new one reads the same (as JSON). The widget draws every
 * event it is handed anew, so an unchanged view keeps its elements (the one under a pointer too)
 * when the first view turns live or something elsewhere in the calendar changes.
 */
export function keepWhileSame<T>(): (list: T[]) => T[] {
	let key = '';
	let last: T[] = [];
	return (list) => {
		const next = JSON.stringify(list);
		if (next !== key) [key, last] = [next, list];
		return last;
	};
}
