import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// CSRF: SvelteKit checks Origin on form posts; the JSON API checks it too (see hooks.server.ts).
		csrf: { trustedOrigins: [] }
	},
	compilerOptions: { runes: true }
};

export default config;
