import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { emulateNodePlatform } from './server/dev-platform.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// In dev, `platform.req` as adapter-node gives it in production: the app's context travels on it.
		adapter: { ...adapter({ out: 'build' }), emulate: emulateNodePlatform },
		// CSRF: SvelteKit checks Origin on form posts; hooks.server.ts refuses cookie-driven API writes from another origin.
		csrf: { trustedOrigins: [] },
		// The pages that work offline register the worker themselves, once they have loaded and the
		// browser is idle (`keepPageForOffline`, decision 85), rather than every page on load.
		serviceWorker: { register: false },
		// A page's stylesheets go into its HTML (all of ours are smaller than this): the server draws
		// the calendar's first view, and a dozen render-blocking requests held back its first paint.
		inlineStyleThreshold: 32 * 1024
	},
	compilerOptions: { runes: true }
};

export default config;
