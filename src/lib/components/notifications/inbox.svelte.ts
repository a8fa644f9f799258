/**
 * The person's inbox in the browser: the unread count of the bell, the latest items, and toasts for
 * what arrives while they are on the page. Live over `/api/v1/me/events` (`notification.created`); a
 * dropped stream reconnects by itself (EventSource) and the count is re-read when it comes back.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the seen ids, the toast timers and a timestamp are
   private bookkeeping, never rendered; what the page shows is in $state. */
import { getLocale } from '$lib/paraglide/runtime';
import { STREAM_EVENTS } from '$lib/contract/events';

export const EVENTS_PATH = '/api/v1/me/events';
const LIST_PATH = '/api/v1/me/notifications';
/** How long a toast stays unless dismissed (hovering or focusing it keeps it). */
export const TOAST_MS = 8_000;
const LATEST = 8;

export interface InboxEntry {
	id: string;
	kind: string;
	title: string;
	body: string;
	link: string | null;
	created_at: string;
	read_at: string | null;
}

export interface Toast {
	id: string;
	title: string;
	body: string;
	link: string | null;
}

export class Inbox {
	#unread = $state(0);
	#items = $state<InboxEntry[]>([]);
	#toasts = $state<Toast[]>([]);
	#loaded = $state(false);
	#live = $state(false);
	#source: EventSource | null = null;
	#seen = new Set<string>();
	#timers = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(unread = 0) {
		this.#unread = unread;
	}

	get unread() {
		return this.#unread;
	}
	get items() {
		return this.#items;
	}
	get toasts() {
		return this.#toasts;
	}
	get loaded() {
		return this.#loaded;
	}
	/** Whether the event stream is open (new notifications arrive by themselves). */
	get live() {
		return this.#live;
	}

	/** The count the server rendered the page with (before the stream says more). */
	setUnread(n: number) {
		this.#unread = n;
	}

	/** Listens for new notifications; reads the latest ones once. */
	start(): void {
		if (this.#source || typeof EventSource === 'undefined') return;
		const source = new EventSource(EVENTS_PATH, { withCredentials: true });
		this.#source = source;
		source.addEventListener(STREAM_EVENTS.notificationCreated, () => void this.refresh(true));
		// After a reconnect, catch up on what arrived meanwhile (without toasting old news).
		source.addEventListener(STREAM_EVENTS.ready, () => {
			this.#live = true;
			void this.refresh(this.#loaded);
		});
		source.onerror = () => (this.#live = false);
	}

	/** Re-reads the latest items and the count; `announce` toasts the ones not seen before. */
	async refresh(announce = false): Promise<void> {
		let body: { data: InboxEntry[]; unread: number };
		try {
			const res = await fetch(`${LIST_PATH}?page_size=${LATEST}`, {
				// The API answers in the language asked for: the page's.
				headers: { accept: 'application/json', 'accept-language': getLocale() }
			});
			if (!res.ok) return;
			body = (await res.json()) as typeof body;
		} catch {
			return; // offline: the next event or reconnect tries again
		}
		const fresh = body.data.filter((i) => !this.#seen.has(i.id) && !i.read_at);
		for (const i of body.data) this.#seen.add(i.id);
		this.#items = body.data;
		this.#unread = body.unread;
		if (announce && this.#loaded) for (const i of fresh.reverse()) this.#toast(i);
		this.#loaded = true;
	}

	#toast(i: InboxEntry) {
		this.#toasts = [...this.#toasts, { id: i.id, title: i.title, body: i.body, link: i.link }].slice(-3);
		this.#timers.set(
			i.id,
			setTimeout(() => this.dismiss(i.id), TOAST_MS)
		);
	}

	/** Keeps a toast while the person reads it (hover or focus). */
	hold(id: string) {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
	}

	/** Lets a held toast go after a while. */
	release(id: string) {
		if (!this.#toasts.some((t) => t.id === id)) return;
		this.#timers.set(
			id,
			setTimeout(() => this.dismiss(id), TOAST_MS / 2)
		);
	}

	dismiss(id: string) {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
		this.#toasts = this.#toasts.filter((t) => t.id !== id);
	}

	async markRead(ids: string[] | 'all'): Promise<void> {
		const res = await fetch(`${LIST_PATH}/read`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(ids === 'all' ? { all: true } : { ids })
		});
		if (!res.ok) return;
		this.#unread = ((await res.json()) as { unread: number }).unread;
		const now = new Date().toISOString();
		this.#items = this.#items.map((i) =>
			ids === 'all' || ids.includes(i.id) ? { ...i, read_at: i.read_at ?? now } : i
		);
	}

	stop(): void {
		this.#source?.close();
		this.#source = null;
		this.#live = false;
		for (const t of this.#timers.values()) clearTimeout(t);
		this.#timers.clear();
	}

	reset(): void {
		this.stop();
		this.#unread = 0;
		this.#items = [];
		this.#toasts = [];
		this.#loaded = false;
		this.#seen.clear();
	}
}
