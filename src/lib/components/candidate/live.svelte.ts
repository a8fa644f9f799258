/**
 * Server push for a person's own pages: an EventSource on `/api/v1/me/events` that calls `onChange`
 * for every `interview.changed` and says whether the page is live.
 */
import { STREAM_EVENTS, type InterviewChangedData } from '$lib/contract/events';

export const EVENTS_PATH = '/api/v1/me/events';

export class LiveUpdates {
	#status = $state<'connecting' | 'live' | 'offline'>('connecting');
	#lastUpdate = $state<number | null>(null);
	#source: EventSource | null = null;

	constructor(readonly onChange: (interviewId: string | null) => void | Promise<void>) {}

	get status() {
		return this.#status;
	}
	/** When the last change arrived (ms since the epoch). */
	get lastUpdate() {
		return this.#lastUpdate;
	}

	/** Opens the stream; EventSource reconnects by itself after a drop. */
	start(): void {
		if (this.#source || typeof EventSource === 'undefined') return;
		const source = new EventSource(EVENTS_PATH, { withCredentials: true });
		this.#source = source;
		source.addEventListener(STREAM_EVENTS.ready, () => (this.#status = 'live'));
		source.addEventListener(STREAM_EVENTS.interviewChanged, (e) => {
			let id: string | null = null;
			try {
				id = (JSON.parse((e as MessageEvent<string>).data) as InterviewChangedData).interview_id;
			} catch {
				// an event without a body still means "re-read"
			}
			this.#lastUpdate = Date.now();
			void this.onChange(id);
		});
		source.onerror = () => {
			this.#status = source.readyState === EventSource.CLOSED ? 'offline' : 'connecting';
		};
	}

	stop(): void {
		this.#source?.close();
		this.#source = null;
		this.#status = 'offline';
	}

	reset(): void {
		this.stop();
		this.#lastUpdate = null;
		this.#status = 'connecting';
	}
}
