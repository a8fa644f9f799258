/**
 * Edit → seen, measured the same way by every co-editing bench (sync, multi-org): each editor moves
 * its own interview half an hour and back on a timer, staggered evenly, and every other client of
 * the same calendar notes when the move reaches it. Only moves made while measuring count, both as
 * sent and as seen; the process's peak RSS and its event-loop lag are taken over the same window.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { getInterview, observeInterviews, updateInterview } from '../src/lib/collab/calendar';
import type { Interview } from '../src/lib/domain/types';
import type { CollabClient } from '../tests/helpers/collab';

/** One client that edits: the interview it moves, as whom, how often, and who else sees the calendar. */
export interface Editor {
	client: CollabClient;
	interview: Interview;
	actor: string;
	everyMs: number;
	/** The other clients of the same calendar: each move is expected to reach every one of them. */
	peers: number;
	/** Whether this editor's calendar is in the figures (a storming organization is not). */
	measured: boolean;
}

export interface EditFigures {
	seen: number;
	expected: number;
	p50: number;
	p99: number;
	max: number;
	rssMb: number;
	lagP99Ms: number;
}

export const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** Lets every editor move its interview for `seconds` after a warm-up, and waits `drainMs` for late arrivals. */
export async function measureEdits(
	editors: Editor[],
	t: { warmupMs: number; seconds: number; drainMs: number }
): Promise<EditFigures> {
	const sentAt = new Map<string, number>();
	const samples: number[] = [];
	let measuring = false;
	let expected = 0;
	const unobserve = editors.map(({ client, measured }) =>
		observeInterviews(client.doc, ({ ids, local }) => {
			if (local || !measured) return;
			const seenAt = performance.now();
			for (const id of ids) {
				const iv = getInterview(client.doc, id);
				const sent = iv && sentAt.get(`${id}|${iv.updatedAt}`);
				if (typeof sent === 'number') samples.push(seenAt - sent);
			}
		})
	);
	const timers: NodeJS.Timeout[] = [];
	editors.forEach(({ client, interview: iv, actor, everyMs, peers, measured }, index) => {
		const edit = () => {
			// Half an hour later, or back: always a change, whatever an earlier run left.
			const later = new Date(Date.parse(iv.start) + 30 * 60_000).toISOString();
			const start = getInterview(client.doc, iv.id)?.start === later ? iv.start : later;
			const now = new Date();
			if (measuring) sentAt.set(`${iv.id}|${now.toISOString()}`, performance.now());
			const result = updateInterview(client.doc as Y.Doc, iv.id, { start }, { actor, now });
			if (!result.ok) throw new Error(`edit refused: ${result.problem.message}`);
			if (measuring && measured) expected += peers;
		};
		const first = setTimeout(
			() => {
				edit();
				timers.push(setInterval(edit, everyMs));
			},
			(index * everyMs) / editors.length
		);
		timers.push(first);
	});
	const lag = monitorEventLoopDelay({ resolution: 10 });
	let rss = 0;
	const rssTimer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 500);
	try {
		await new Promise((r) => setTimeout(r, t.warmupMs));
		lag.enable();
		measuring = true;
		await new Promise((r) => setTimeout(r, t.seconds * 1_000));
		measuring = false;
		for (const timer of timers) clearInterval(timer);
		// Moves made in the window may still be on their way: they count when they land.
		await new Promise((r) => setTimeout(r, t.drainMs));
	} finally {
		for (const timer of timers) clearInterval(timer);
		clearInterval(rssTimer);
		lag.disable();
		for (const off of unobserve) off();
	}
	samples.sort((a, b) => a - b);
	return {
		seen: samples.length,
		expected,
		p50: percentile(samples, 50),
		p99: percentile(samples, 99),
		max: samples.at(-1) ?? NaN,
		rssMb: rss / 1_048_576,
		lagP99Ms: lag.percentile(99) / 1e6
	};
}
