/**
 * The JavaScript a page makes the browser download, as served (gzip), and which heavy libraries it
 * holds: "first" is what the page's HTML preloads (needed before it starts), the rest it fetches on
 * its own afterwards. Shared by `bench pages` and the browser test that keeps pages light.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { TestApp } from './app';

/** Text that only the named library's code contains, to tell which ones a page loaded. */
export const MARKERS: [string, RegExp][] = [
	['yjs', /Yjs was already imported/],
	['calendar', /ec-toolbar|ec-timeline|ec-day-grid/],
	['tiptap', /ProseMirror/]
];

export interface PageLoad {
	/** Preloaded by the page's HTML: needed before the page starts. */
	firstBytes: number;
	/** Everything, once the network is idle. */
	gzipBytes: number;
	files: number;
	firstLibraries: string[];
	libraries: string[];
	/** The preloaded files: URL → gzip bytes. */
	firstFiles: Map<string, number>;
	/** The preloaded scripts' text, to tell which of a page's parts it preloads. */
	firstText: string;
	/** Whether the page starts SvelteKit in the browser (its HTML preloads the framework). */
	hydrated: boolean;
}

/** Which heavy libraries these scripts contain. */
const librariesIn = (bodies: Buffer[]) => {
	const text = bodies.map((b) => b.toString('utf8')).join('\n');
	return MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name);
};

/** Opens `path` in a fresh context (optionally signed in) and sums the JavaScript it fetched. */
export async function loadPageJs(
	browser: Browser,
	app: TestApp,
	path: string,
	email: string | null
): Promise<PageLoad> {
	const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
	if (email) {
		const [name, value] = (await app.login(email)).split('=') as [string, string];
		await context.addCookies([{ name, value, url: app.url }]);
	}
	const page = await context.newPage();
	const bodies = new Map<string, Promise<Buffer | null>>();
	page.on('response', (res) => {
		const url = res.url();
		const path = new URL(url).pathname;
		if (url.startsWith(app.url) && path.endsWith('.js') && res.status() === 200 && !bodies.has(url))
			bodies.set(
				url,
				res.body().catch(() => null)
			);
	});
	const response = await page.goto(`${app.url}${path}`);
	if (!response || response.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
	// The scripts SvelteKit preloads for this page (its entry, the layouts and the page itself): sent
	// as a Link header (as <link> tags only in prerendered pages).
	const modulePreloads = [...((await response.allHeaders()).link ?? '').matchAll(/<([^>]+)>;\s*rel="modulepreload"/g)];
	// A page the server renders alone (`csr = false`) names its own script in a <script src>: first too.
	const scriptTags = [...(await response.text()).matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)];
	const preloaded = new Set([...modulePreloads, ...scriptTags].map((m) => new URL(m[1]!, response.url()).href));
	await page.waitForLoadState('networkidle');
	const loaded = await Promise.all([...bodies].map(async ([url, body]) => ({ url, body: await body })));
	await context.close();
	const all = loaded.filter((f): f is { url: string; body: Buffer } => f.body !== null);
	const first = all.filter((f) => preloaded.has(f.url));
	const size = (files: { body: Buffer }[]) => files.reduce((sum, f) => sum + gzipSync(f.body).length, 0);
	return {
		firstBytes: size(first),
		gzipBytes: size(all),
		files: all.length,
		firstLibraries: librariesIn(first.map((f) => f.body)),
		libraries: librariesIn(all.map((f) => f.body)),
		firstFiles: new Map(first.map((f) => [f.url, gzipSync(f.body).length])),
		firstText: first.map((f) => f.body.toString('utf8')).join('\n'),
		hydrated: modulePreloads.length > 0
	};
}
