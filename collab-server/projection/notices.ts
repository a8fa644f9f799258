/**
 * Which notifications a projected change sends, decided from what the projection decided: a pure
 * function of its audit entries and the interview before and after, so the store writes them in the
 * same transaction as the rows and the audit (exactly once, across instances). Nothing is sent about
 * an interview that is over, and nobody is told about their own change.
 *
 *  - scheduled (or put back after a cancel): the candidate and the panel;
 *  - moved: the candidate and those who stay on the panel; a member who joins with the move is
 *    "added", one who leaves is "removed";
 *  - cancelled, or deleted from the calendar while still to happen: the candidate and the panel it had;
 *  - the panel changed alone: "added" and "removed" to those concerned.
 */
import type { NotificationKind } from '../../src/lib/contract/notifications';

/** An interview as the notices need it: ISO times, status and the panel (the org's interviewers). */
export interface NoticeState {
	start: string;
	end: string;
	status: string;
	panel: readonly string[];
}

export interface NoticeFacts {
	interviewId: string;
	/** The audit action of the change. */
	action: string;
	actorId: string | null;
	reason: string | null;
	candidateId: string;
	before: NoticeState | null;
	after: NoticeState;
}

/** One notice for one person; the store keys it with the audit row it follows. */
export interface Notice {
	interviewId: string;
	kind: NotificationKind;
	recipientId: string;
	/** The membership the recipient must hold: a panel notice never reaches a candidate. */
	as: 'candidate' | 'interviewer';
	extra: { previous?: { start: string; end: string }; reason?: string | null };
}

/** The notices a batch of projected changes sends. */
export function noticesFor(changes: readonly NoticeFacts[], nowMs: number): Notice[] {
	return changes.flatMap((c) => noticesOf(c, nowMs));
}

function noticesOf(c: NoticeFacts, nowMs: number): Notice[] {
	const out: Notice[] = [];
	const push = (kind: NotificationKind, ids: Iterable<string>, as: Notice['as'], extra: Notice['extra'] = {}) => {
		for (const id of ids) {
			if (id === c.actorId) continue;
			// The reason is the panel's: a candidate is not told why.
			const own = as === 'candidate' ? { ...extra, reason: undefined } : extra;
			out.push({ interviewId: c.interviewId, kind, recipientId: id, as, extra: clean(own) });
		}
	};
	const before = new Set(c.before?.panel ?? []);
	const after = new Set(c.after.panel);
	const added = [...after].filter((id) => !before.has(id));
	const removed = [...before].filter((id) => !after.has(id));
	const stayed = [...after].filter((id) => before.has(id));
	const ahead = Date.parse(c.after.end) > nowMs;
	const reason = c.reason ?? null;

	const reinstated = c.before?.status === 'cancelled' && c.after.status === 'scheduled';
	if ((c.action === 'scheduled' && c.after.status === 'scheduled') || reinstated) {
		if (!ahead) return out;
		push('interview_scheduled', [c.candidateId], 'candidate');
		push('interview_scheduled', after, 'interviewer');
		push('panel_removed', removed, 'interviewer', { reason });
		return out;
	}
	const cancelled =
		c.after.status === 'cancelled' &&
		c.before?.status === 'scheduled' &&
		(c.action === 'cancelled' || c.action === 'removed');
	if (cancelled) {
		if (!c.before || Date.parse(c.before.end) <= nowMs) return out;
		push('interview_cancelled', [c.candidateId], 'candidate', { reason });
		push('interview_cancelled', before, 'interviewer', { reason });
		return out;
	}
	if (c.after.status !== 'scheduled' || !ahead) return out;
	if (c.action === 'rescheduled' && c.before) {
		const previous = { start: c.before.start, end: c.before.end };
		push('interview_rescheduled', [c.candidateId], 'candidate', { previous, reason });
		push('interview_rescheduled', stayed, 'interviewer', { previous, reason });
		push('panel_added', added, 'interviewer');
		push('panel_removed', removed, 'interviewer', { reason });
		return out;
	}
	if (c.action === 'updated') {
		push('panel_added', added, 'interviewer');
		push('panel_removed', removed, 'interviewer', { reason });
	}
	return out;
}

function clean(extra: Notice['extra']): Notice['extra'] {
	const out: Notice['extra'] = {};
	if (extra.previous) out.previous = extra.previous;
	if (extra.reason) out.reason = extra.reason;
	return out;
}
