/**
 * The candidate's home is rendered by the server only (`csr = false`, decision 82): this is the one
 * small script it loads instead of Svelte and SvelteKit. `candidateHomeScript` runs in the browser;
 * it lives with the server's code because the server sends its source (`Function.prototype.toString`, so it must not use anything from
 * outside its own body) with the contract's names as its argument, from `/me/home.js`.
 *
 * What it does, each with the server's own HTML: live updates (on `interview.changed` it fetches the
 * page again and swaps in the fresh part, marks the changed card and says so), the "Live" status,
 * the viewer's zone (the browser's zone goes into a cookie and the page is read again once, so the
 * server writes every time in it from then on), a re-read when a room opens or an interview ends,
 * the bell's count (taken from the fresh page on `notification.created`), and a sign-out that first
 * forgets what this device keeps of anybody's data, as the hydrated pages do.
 */
import { createHash } from 'node:crypto';
import { STREAM_EVENTS } from '$lib/contract/events';
import { PAGE_CACHE } from '$lib/contract/caches';
import { LOCAL_DB_PREFIX, PRIVATE_KEY_PREFIXES } from '$lib/collab/offline';
import { ZONE_COOKIE } from './zone';

export interface HomeScriptConfig {
	events: string;
	ready: string;
	changed: string;
	notified: string;
	zoneCookie: string;
	dbPrefix: string;
	keyPrefixes: readonly string[];
	pageCache: string;
	/** How long the "updated" notice and the changed card's mark stay. */
	noticeMs: number;
	/** The longest sign-out waits for the device's copies to go. */
	forgetWaitMs: number;
}

/** Runs in the browser, once, at the end of the candidate's home (a `defer` script). */
export function candidateHomeScript(c: HomeScriptConfig): void {
	const find = (sel: string, root: ParentNode = document) => root.querySelector<HTMLElement>(sel);
	let home = find('[data-home]');
	if (!home) return;
	const status = find('[data-testid="live-status"]');
	const notices = find('[data-notices]');
	let wanted = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let noticeTimer: ReturnType<typeof setTimeout> | undefined;
	/** A change to announce once the page is read again (whichever read lands last says it). */
	let announce: { id: string | null } | null = null;

	const setStatus = (state: string) => {
		if (!status) return;
		status.dataset.state = state;
		status.textContent = status.dataset[state] ?? '';
	};

	/** Re-reads when the server said the page would change by itself (a room opens, an interview ends). */
	const schedule = () => {
		clearTimeout(timer);
		const next = Number(home?.dataset.nextChange);
		const now = Number(home?.dataset.now);
		if (next > 0 && now > 0) timer = setTimeout(() => void refresh(), Math.min(next - now + 1_000, 86_400_000));
	};

	/** Takes the page as the server renders it now; `changed` (an interview's id, or null) says so. */
	async function refresh(changed?: string | null) {
		if (changed !== undefined) announce = { id: changed };
		const mine = ++wanted;
		let fresh: Document;
		try {
			const res = await fetch(location.href, { headers: { accept: 'text/html' } });
			// Signed out meanwhile (or the page moved): the full page says what to do.
			if (res.redirected || !res.ok) {
				if (res.redirected || res.status === 401 || res.status === 403) location.reload();
				return;
			}
			fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
		} catch {
			return; // offline: the stream's next event or reconnect tries again
		}
		if (mine !== wanted) return; // a newer read is on its way
		const part = find('[data-home]', fresh);
		if (!part || !home) return;
		home.replaceWith(part);
		home = part;
		const bell = find('[data-testid="bell"]', fresh);
		if (bell) find('[data-testid="bell"]')?.replaceWith(bell);
		schedule();
		const said = announce;
		announce = null;
		if (!said || !notices) return;
		clearTimeout(noticeTimer);
		notices.innerHTML = '';
		const notice = document.createElement('div');
		notice.className = 'alert info';
		notice.dataset.testid = 'updated-notice';
		notice.textContent = notices.dataset.text ?? '';
		notices.append(notice);
		const card = said.id ? find(`[data-interview-id="${CSS.escape(said.id)}"]`) : null;
		card?.classList.add('highlight');
		noticeTimer = setTimeout(() => {
			notice.remove();
			card?.classList.remove('highlight');
		}, c.noticeMs);
	}

	// The live stream; EventSource reconnects by itself, and a reconnect catches up on what was missed.
	if (typeof EventSource !== 'undefined') {
		let opened = false;
		setStatus('connecting');
		const source = new EventSource(c.events, { withCredentials: true });
		source.addEventListener(c.ready, () => {
			setStatus('live');
			if (opened) void refresh();
			opened = true;
		});
		source.addEventListener(c.changed, (e) => {
			let id: string | null = null;
			try {
				id = (JSON.parse((e as MessageEvent<string>).data) as { interview_id: string | null }).interview_id;
			} catch {
				// an event without a body still means "read again"
			}
			void refresh(id);
		});
		source.addEventListener(c.notified, () => void refresh());
		source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
	}

	// The viewer's zone: unless they chose one, the browser's, which the server learns from a cookie.
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	if (zone && home.dataset.zoneFrom !== 'profile' && home.dataset.zone !== zone) {
		document.cookie = `${c.zoneCookie}=${encodeURIComponent(zone)}; path=/me; max-age=31536000; samesite=lax`;
		void refresh();
	} else schedule();

	// Sign-out forgets this device's copies of anybody's calendar and notes first (a shared computer).
	const form = document.querySelector<HTMLFormElement>('form[action="/logout"]');
	let leaving = false;
	const keys = () => Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');
	const dropDb = (name: string) =>
		new Promise((done) => {
			const req = indexedDB.deleteDatabase(name);
			req.onsuccess = req.onerror = req.onblocked = done;
		});
	async function forget() {
		for (const key of keys()) if (c.keyPrefixes.some((p) => key.startsWith(p))) localStorage.removeItem(key);
		const dbs = (await indexedDB.databases?.().catch(() => [])) ?? [];
		await Promise.all(dbs.filter((d) => d.name?.startsWith(c.dbPrefix)).map((d) => dropDb(d.name!)));
		if ('caches' in window) await caches.delete(c.pageCache);
	}
	form?.addEventListener('submit', (e) => {
		e.preventDefault();
		if (leaving) return;
		// Offline the session could not end: deleting the device's copies first would lose edits for nothing.
		if (!navigator.onLine) return alert(form.dataset.offline);
		const unsaved = keys().some((k) => k.startsWith(c.keyPrefixes[0]!) && Number(localStorage.getItem(k)) > 0);
		if (unsaved && !confirm(form.dataset.unsaved)) return;
		leaving = true;
		void Promise.race([forget(), new Promise((r) => setTimeout(r, c.forgetWaitMs))])
			.catch(() => undefined)
			.finally(() => form.submit());
	});
}

const CONFIG: HomeScriptConfig = {
	events: '/api/v1/me/events',
	ready: STREAM_EVENTS.ready,
	changed: STREAM_EVENTS.interviewChanged,
	notified: STREAM_EVENTS.notificationCreated,
	zoneCookie: ZONE_COOKIE,
	dbPrefix: LOCAL_DB_PREFIX,
	keyPrefixes: PRIVATE_KEY_PREFIXES,
	pageCache: PAGE_CACHE,
	noticeMs: 4_000,
	forgetWaitMs: 4_000
};

/** The script as served: the function called with the contract's names. */
export const CANDIDATE_HOME_SCRIPT = `(${candidateHomeScript.toString()})(${JSON.stringify(CONFIG)});\n`;

/** Changes whenever the script does: the page asks for `/me/home.js?v=<this>`, which may be cached for good. */
export const CANDIDATE_HOME_SCRIPT_VERSION = createHash('sha256')
	.update(CANDIDATE_HOME_SCRIPT)
	.digest('hex')
	.slice(0, 12);

/** Where the candidate's home loads its script from. */
export const CANDIDATE_HOME_SCRIPT_URL = `/me/home.js?v=${CANDIDATE_HOME_SCRIPT_VERSION}`;
