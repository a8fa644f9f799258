/**
 * `npm run dev`: how a request's Node object reaches the app. adapter-node gives the built app
 * `platform.req`; Vite's dev server gives no platform, so svelte.config.js emulates one that answers
 * with the request the Parley dev middleware (vite.config.ts) is serving, kept in an AsyncLocalStorage.
 * Plain JavaScript, imported by both configs from this one file, so that both use the same storage.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** @type {AsyncLocalStorage<import('node:http').IncomingMessage>} */
export const devRequests = new AsyncLocalStorage();

/** adapter-node's `emulate`, for the dev server: the platform of the request being served. */
export function emulateNodePlatform() {
	return {
		platform() {
			const req = devRequests.getStore();
			return req ? { req } : {};
		}
	};
}
