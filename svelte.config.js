import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// CSRF: SvelteKit checks Origin on form posts; hooks.server.ts refuses cookie-driven API writes from another origin.
		csrf: { trustedOrigins: [] }
	},
	compilerOptions: { runes: true }
};

export default config;
