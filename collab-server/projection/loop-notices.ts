/**
 * One message per loop: when one change books, moves or cancels several sessions of a loop, each
 * person is told once, about the sessions they take part in (the candidate all of them, a panel
 * member their own), instead of once per session. Pure: the notices of a change and the loops their
 * interviews belong to in, the notices to write out. A change that touches one session of a loop
 * for a person stays an ordinary notice about that session.
 */
import type { NotificationKind } from '../../src/lib/contract/notifications';

/** The kinds a loop tells in one message (each carries an invitation or its withdrawal). */
const LOOP_KINDS: ReadonlySet<NotificationKind> = new Set([
	'interview_scheduled',
	'interview_rescheduled',
	'interview_cancelled'
]);

/** A loop as the grouping needs it: its sessions in order. */
export interface LoopOfSessions {
	id: string;
	interviewIds: readonly string[];
}

type Groupable = { interviewId: string; kind: NotificationKind; recipientId: string };

/**
 * The notices with those of one loop, kind and person folded into one, placed where the first of them
 * was: it keeps the earliest session's id and key and names the sessions (`loop`) in the loop's order.
 */
export function groupLoopNotices<T extends Groupable>(
	notices: readonly T[],
	loops: readonly LoopOfSessions[]
): (T & { loop?: { id: string; sessionIds: string[] } })[] {
	const loopOf = new Map<string, { loop: LoopOfSessions; position: number }>();
	for (const loop of loops) loop.interviewIds.forEach((id, position) => loopOf.set(id, { loop, position }));
	const groups = new Map<string, T[]>();
	const keyOf = (n: T) => {
		const at = LOOP_KINDS.has(n.kind) ? loopOf.get(n.interviewId) : undefined;
		return at ? `${at.loop.id}|${n.kind}|${n.recipientId}` : null;
	};
	for (const n of notices) {
		const key = keyOf(n);
		if (key) groups.set(key, [...(groups.get(key) ?? []), n]);
	}
	const out: (T & { loop?: { id: string; sessionIds: string[] } })[] = [];
	const done = new Set<string>();
	for (const n of notices) {
		const key = keyOf(n);
		const group = key ? groups.get(key)! : [n];
		if (group.length < 2) {
			out.push(n);
			continue;
		}
		if (done.has(key!)) continue;
		done.add(key!);
		const ordered = [...group].sort(
			(a, b) => loopOf.get(a.interviewId)!.position - loopOf.get(b.interviewId)!.position
		);
		const first = ordered[0]!;
		out.push({
			...first,
			loop: { id: loopOf.get(first.interviewId)!.loop.id, sessionIds: ordered.map((g) => g.interviewId) }
		});
	}
	return out;
}
