/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps the app shell (the built JS/CSS and static files) and the calendar pages so that an admin
 * who opened the calendar once can reload it offline; the calendar document itself comes from
 * IndexedDB. Pages are network-first (always fresh when online), assets cache-first (hashed names).
 */
import { build, files, version } from '$service-worker';
import { OFFLINE_PAGES, PAGE_CACHE } from '$lib/contract/caches';

const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSET_CACHE = `parley-assets-${version}`;
const ASSETS = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSET_CACHE)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				// Old assets go; so do pages that link to them.
				if (key !== ASSET_CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

function isOfflinePage(url: URL): boolean {
	const path = url.pathname.replace(/\/__data\.json$/, '');
	return OFFLINE_PAGES.some((p) => path === p);
}

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGE_CACHE);
	try {
		const response = await fetch(request);
		if (response.ok && !response.redirected && response.type === 'basic') {
			await cache.put(request.url.split('?')[0]!, response.clone());
		}
		return response;
	} catch (err) {
		const cached = await cache.match(request.url.split('?')[0]!);
		if (cached) return cached;
		throw err;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	// Signing out forgets the kept pages: they hold the signed-in person's data.
	if (request.method === 'POST' && url.pathname === '/logout') {
		event.waitUntil(caches.delete(PAGE_CACHE));
		return;
	}
	if (request.method !== 'GET') return;
	if (ASSETS.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (isOfflinePage(url)) event.respondWith(networkFirst(request));
});
