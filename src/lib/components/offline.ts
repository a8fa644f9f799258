/** The page side of offline support: keeps the open calendar page in the service worker's page cache. */

/** Must match `PAGE_CACHE` in src/service-worker/index.ts. */
export const PAGE_CACHE = 'parley-pages';

/**
 * Stores the current page so a reload works offline. The first visit happens before the service
 * worker controls the page, so the page adds itself once the worker is ready. Resolves to whether
 * the page is kept.
 */
export async function keepPageForOffline(): Promise<boolean> {
	if (!('serviceWorker' in navigator) || !('caches' in window)) return false;
	try {
		await navigator.serviceWorker.ready;
		const cache = await caches.open(PAGE_CACHE);
		const path = location.pathname;
		if (!(await cache.match(path))) await cache.add(path);
		return true;
	} catch {
		return false;
	}
}
