/**
 * The page side of offline support: keeps the open calendar page in the service worker's page
 * cache, and forgets everything kept on this device when the person signs out.
 *
 * Light on purpose (no Yjs, no provider): the root layout imports it for the sign-out button.
 */
import { OFFLINE_PAGES, PAGE_CACHE } from '../contract/caches';

/** IndexedDB names of the collab documents kept on this device (`parley:org:…:calendar`, `parley:interview:…:notes`). */
export const LOCAL_DB_PREFIX = 'parley:';
/** localStorage keys that hold a person's data rather than a preference: pending counts and remembered moves. */
export const PRIVATE_KEY_PREFIXES = ['parley:pending:', 'parley:moves:'] as const;

/** The localStorage key that counts a document's edits made on this device and not yet stored. */
export function pendingKeyOf(docName: string): string {
	return `${PRIVATE_KEY_PREFIXES[0]}${docName}`;
}

/** The localStorage key that remembers this device's moves of a document's interviews (the move ledger). */
export function movesKeyOf(docName: string): string {
	return `${PRIVATE_KEY_PREFIXES[1]}${docName}`;
}

/** Calls `online` and `offline` as the browser's network comes and goes; returns what stops it. */
export function watchNetwork(online: () => void, offline: () => void): () => void {
	window.addEventListener('online', online);
	window.addEventListener('offline', offline);
	return () => {
		window.removeEventListener('online', online);
		window.removeEventListener('offline', offline);
	};
}

/** How long sign-out waits for one IndexedDB database to go (an open tab can block it). */
const DELETE_WAIT_MS = 2_000;

/** Resolves once the page has loaded and the browser has a quiet moment (at most `maxWaitMs` later). */
function afterLoadWhenIdle(maxWaitMs: number): Promise<void> {
	return new Promise((resolve) => {
		const idle = () =>
			'requestIdleCallback' in window
				? requestIdleCallback(() => resolve(), { timeout: maxWaitMs })
				: setTimeout(resolve, 0);
		if (document.readyState === 'complete') idle();
		else addEventListener('load', idle, { once: true });
	});
}

/**
 * Makes the current page work offline: registers the service worker (which keeps every built
 * script) and stores the page. Only the pages that promise offline use call it, once they have
 * loaded and the browser is idle: the worker's first install fetches the whole app, and on the
 * login page or in the middle of the calendar's first view that burst competed with what the person
 * was waiting for (decision 85). The first visit happens before the worker controls the page, so
 * the page adds itself once the worker is ready. Resolves to whether the page is kept.
 */
export async function keepPageForOffline(): Promise<boolean> {
	if (!('serviceWorker' in navigator) || !('caches' in window)) return false;
	// The worker would not serve another page from its cache.
	if (!OFFLINE_PAGES.includes(location.pathname)) return false;
	try {
		await afterLoadWhenIdle(2_000);
		// SvelteKit builds the worker as a module in development only.
		await navigator.serviceWorker.register('/service-worker.js', { type: import.meta.env.DEV ? 'module' : 'classic' });
		await navigator.serviceWorker.ready;
		const cache = await caches.open(PAGE_CACHE);
		const path = location.pathname;
		if (!(await cache.match(path))) await cache.add(path);
		return true;
	} catch {
		return false;
	}
}

/** A document kept on this device by an open page (the live calendar and open notes register themselves). */
export interface LocalCopy {
	/** Its IndexedDB database name. */
	readonly dbName: string;
	/** Its localStorage key of the pending count. */
	readonly pendingKey: string;
	/** Changes the server has not confirmed yet. */
	pendingChanges(): number;
	/** Closes its socket and IndexedDB so the database can be deleted. */
	close(): void;
}

const open = new Set<LocalCopy>();

/** Registers an open local copy; returns the unregister function. */
export function registerLocalCopy(copy: LocalCopy): () => void {
	open.add(copy);
	return () => open.delete(copy);
}

/** Changes made on this device that the server has not confirmed: open calendars, and counts kept by closed ones. */
export function unsavedChangesOnDevice(): number {
	let n = 0;
	const counted = new Set<string>();
	for (const copy of open) {
		n += copy.pendingChanges();
		counted.add(copy.pendingKey);
	}
	for (const key of storageKeys()) {
		if (key.startsWith(PRIVATE_KEY_PREFIXES[0]) && !counted.has(key)) n += Number(localStorage.getItem(key)) || 0;
	}
	return n;
}

/**
 * Deletes what this device keeps of the person's data: the calendar and notes copies in IndexedDB,
 * the pending counts and remembered moves, and the kept pages. Called at sign-out; the caller warns
 * first when `unsavedChangesOnDevice()` is not 0.
 */
export async function forgetLocalData(): Promise<void> {
	const names = new Set<string>();
	for (const copy of [...open]) {
		names.add(copy.dbName);
		try {
			copy.close();
		} catch (err) {
			console.error(`[sign-out] closing ${copy.dbName} failed`, err);
		}
	}
	open.clear();
	for (const key of storageKeys()) {
		if (PRIVATE_KEY_PREFIXES.some((p) => key.startsWith(p))) localStorage.removeItem(key);
	}
	if (typeof indexedDB !== 'undefined') {
		try {
			// Not in every browser (Firefox before 126): then the open copies' names are all we know.
			for (const db of (await indexedDB.databases?.()) ?? []) {
				if (db.name?.startsWith(LOCAL_DB_PREFIX)) names.add(db.name);
			}
		} catch {
			// keep the names we have
		}
		await Promise.all([...names].map(deleteDatabase));
	}
	if ('caches' in window) await caches.delete(PAGE_CACHE).catch(() => false);
}

function storageKeys(): string[] {
	if (typeof localStorage === 'undefined') return [];
	const keys: string[] = [];
	for (let i = 0; i < localStorage.length; i++) {
		const key = localStorage.key(i);
		if (key) keys.push(key);
	}
	return keys;
}

/** Deletes one database; gives up waiting after DELETE_WAIT_MS (the deletion still happens once other tabs close it). */
export function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, DELETE_WAIT_MS);
		const done = () => {
			clearTimeout(timer);
			resolve();
		};
		try {
			const req = indexedDB.deleteDatabase(name);
			req.onsuccess = done;
			req.onerror = done;
		} catch {
			done();
		}
	});
}
