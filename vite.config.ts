import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/** `npm run dev`: the same runtime as `npm start` (database, collab-server, peer-server) on Vite's server. */
function parleyDev(): Plugin {
	return {
		name: 'parley-dev-runtime',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			// Loaded through tsx, not bundled into this config: the runtime is plain Node code.
			const { tsImport } = await import('tsx/esm/api');
			const { loadConfig } = (await tsImport(
				'./server/config.ts',
				import.meta.url
			)) as typeof import('./server/config');
			const { createRuntime } = (await tsImport(
				'./server/runtime.ts',
				import.meta.url
			)) as typeof import('./server/runtime');
			const { attachContext } = (await tsImport(
				'./src/lib/server/context.ts',
				import.meta.url
			)) as typeof import('./src/lib/server/context');
			// The same module svelte.config.js imports (a runtime path, so that it is not bundled into this config).
			const devPlatform = new URL('./server/dev-platform.js', import.meta.url).href;
			const { devRequests } = (await import(
				/* @vite-ignore */ devPlatform
			)) as typeof import('./server/dev-platform.js');
			const runtime = await createRuntime(loadConfig());
			const routes = runtime.attach(server.httpServer as import('node:http').Server);
			server.middlewares.use((req, res, next) => {
				if (routes.handleRequest(req, res)) return;
				// The app finds this runtime's context on the request (svelte.config.js emulates `platform.req`).
				attachContext(req, runtime.app);
				devRequests.run(req, next);
			});
			server.httpServer.once('close', () => void runtime.close());
		}
	};
}

export default defineConfig({
	plugins: [
		parleyDev(),
		// The same options as `npm run i18n`: the hooks decide the language of each request (docs/decisions.md, "Languages").
		paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['baseLocale'] }),
		sveltekit()
	],
	build: {
		// The root layout's menu and role labels (nav_*, role_*): each is also used by a page, so the
		// bundler would give each its own tiny chunk; the layout is on every page, so one chunk (with
		// Paraglide's runtime, which it pulls in) costs no page anything it would not load anyway.
		rollupOptions: {
			output: {
				codeSplitting: {
					groups: [{ name: 'layout-messages', test: /paraglide[\\/]messages[\\/](nav|role)_/ }]
				}
			}
		}
	},
	server: { port: Number(process.env.PORT ?? 5173) },
	ssr: { noExternal: ['@event-calendar/core'] }
});
