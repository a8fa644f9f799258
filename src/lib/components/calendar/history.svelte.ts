/**
 * The history of one interview in the calendar's detail panel: its audit log from the API, polled
 * while the panel is open (the projection writes it a moment after the document changes).
 */
import type { LogEntry } from '$lib/contract/api';
import { m } from '$lib/paraglide/messages';
import { rangeIn } from './format';

export type { LogEntry };

/** How often the open history is read again. */
export const HISTORY_POLL_MS = 3_000;

export class InterviewHistory {
	#logs = $state<LogEntry[] | null>(null);
	#error = $state<string | null>(null);

	/** The entries, oldest first; null until the first answer. */
	get logs(): LogEntry[] | null {
		return this.#logs;
	}
	/** Why the history cannot be shown now. */
	get error(): string | null {
		return this.#error;
	}

	/** Reads the history of `interviewId` now and every few seconds; returns the function that stops. */
	watch(interviewId: string): () => void {
		let stopped = false;
		const load = async () => {
			try {
				const res = await fetch(`/api/v1/interviews/${interviewId}/logs`, { cache: 'no-store' });
				if (stopped) return;
				if (res.status === 404) {
					// Not "no history": the server does not have this interview (yet), or will not show it.
					this.#error = m.cal_history_404();
					return;
				}
				if (res.status === 401) {
					this.#error = m.cal_history_401();
					return;
				}
				if (res.status === 403) {
					this.#error = m.cal_history_403();
					return;
				}
				if (!res.ok) throw new Error(String(res.status));
				const body = (await res.json()) as { data: LogEntry[] };
				if (!stopped) {
					this.#logs = body.data;
					this.#error = null;
				}
			} catch {
				if (stopped) return;
				this.#error = navigator.onLine ? m.cal_history_failed() : m.cal_history_offline();
			}
		};
		void load();
		const again = setInterval(() => void load(), HISTORY_POLL_MS);
		return () => {
			stopped = true;
			clearInterval(again);
		};
	}

	/** Forgets what was read (tests). */
	reset(): void {
		this.#logs = null;
		this.#error = null;
	}
}

/** The audited fields (collab-server's `auditView`) as people name them, in the page's language. */
const FIELD_NAMES: Record<string, () => string> = {
	start: m.histfield_start,
	duration_min: m.histfield_duration_min,
	timezone: m.histfield_timezone,
	type: m.histfield_type,
	mode: m.histfield_mode,
	location: m.histfield_location,
	round: m.histfield_round,
	status: m.histfield_status,
	panel: m.histfield_panel
};
const fieldName = (key: string) => FIELD_NAMES[key]?.() ?? key.replace(/_/g, ' ');

/** What an entry changed, in words: a new time as "old → new", other fields by name. */
export function describeLog(log: LogEntry, durationMin: number, tz: string): string {
	const o = log.old_values ?? {};
	const n = log.new_values ?? {};
	const start = (v: unknown) => (typeof v === 'string' ? rangeIn(v, durationMin, tz) : '');
	const oldStart = o.start ?? o.start_at;
	const newStart = n.start ?? n.start_at;
	if (typeof oldStart === 'string' && typeof newStart === 'string' && oldStart !== newStart) {
		return `${start(oldStart)} → ${start(newStart)}`;
	}
	const keys = Object.keys(n).filter((k) => !['updated_at', 'updatedAt', 'updated_by', 'updatedBy'].includes(k));
	return keys.length > 0 && log.action === 'updated'
		? m.cal_history_changed({ fields: keys.map(fieldName).join(', ') })
		: '';
}
