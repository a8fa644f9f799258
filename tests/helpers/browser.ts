/** Real Chromium (Debian's) driven by playwright-core, with screenshots saved for a person to look at. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../db/seed';

export const SCREENSHOT_DIR = 'test-results/screenshots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The fake camera's picture: 160x120, 15 frames a second. */
const CAMERA = { width: 160, height: 120, fps: 15, frames: 30 } as const;

/**
 * A short clip for the fake camera (a bar sweeping across a grey field, in Y4M), written once.
 * Chromium's built-in fake camera draws 640x480 at 30 frames a second, and encoding and decoding
 * that for every call was most of the room tests' time on this 2-core machine (decision 85).
 */
function cameraClip(): string {
	const { width, height, fps, frames } = CAMERA;
	const path = join(tmpdir(), `parley-camera-${width}x${height}-${frames}.y4m`);
	if (existsSync(path)) return path;
	const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
	const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
	for (let f = 0; f < frames; f++) {
		const luma = Buffer.alloc(width * height, 96);
		const bar = Math.floor((f / frames) * width);
		for (let y = 0; y < height; y++) luma.fill(220, y * width + bar, y * width + Math.min(width, bar + 16));
		parts.push(Buffer.from('FRAME\n'), luma, chroma);
	}
	writeFileSync(path, Buffer.concat(parts));
	return path;
}

/** Launches headless Chromium with the flags this machine needs (and a fake camera for the room). */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${cameraClip()}`
		]
	});
}

/** A fresh context (a separate person) with a desktop viewport by default. */
export function newPerson(
	browser: Browser,
	opts: { phone?: boolean; timezoneId?: string; locale?: string; serviceWorkers?: 'allow' | 'block' } = {}
): Promise<BrowserContext> {
	return browser.newContext({
		viewport: opts.phone ? { width: 390, height: 844 } : { width: 1366, height: 860 },
		deviceScaleFactor: 1,
		timezoneId: opts.timezoneId ?? 'Europe/London',
		// The browser's language (Accept-Language and navigator.language).
		locale: opts.locale ?? 'en-GB',
		// Requests a service worker handles do not reach page.route; tests that fake answers block it.
		serviceWorkers: opts.serviceWorkers ?? 'allow'
	});
}

/**
 * Waits until SvelteKit has started on the page (its router has written its entry into history):
 * a click before that is a plain form post and a full page load rather than the enhanced sign-in.
 */
export async function appStarted(page: Page): Promise<void> {
	// SvelteKit's inline script names its global before `load`; a context with JavaScript off has
	// none, starts nothing, and its click is the plain form post it is testing.
	const scripted = await page.evaluate(() => Object.keys(window).some((k) => k.startsWith('__sveltekit_')));
	if (!scripted) return;
	await page.waitForFunction(
		() => typeof history.state === 'object' && history.state !== null && 'sveltekit:history' in history.state
	);
}

/** Signs in through the login form, as a person would once the page has started; the caller waits for where it leads. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await appStarted(page);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** How much of a very long page a full-page screenshot keeps: drawing all of one (the API reference) took 7 s. */
const SHOT_MAX_HEIGHT = 4_000;

/**
 * Saves a screenshot under test-results/screenshots: the full page (its top 4,000 px when longer),
 * or only the viewport.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	// A full-page shot of a scrolled page draws sticky bars where the viewport was: start at the top.
	const { width, height } = await page.evaluate(() => {
		window.scrollTo(0, 0);
		return { width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight };
	});
	const clip = fullPage && height > SHOT_MAX_HEIGHT ? { x: 0, y: 0, width, height: SHOT_MAX_HEIGHT } : undefined;
	await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage, clip });
}

/**
 * What sticks out of the viewport sideways (the page scrolls horizontally): '' when nothing does,
 * else the outermost elements past the right edge, widest first. A scroll box (`overflow-x: auto`)
 * that holds a wide child is fine; only the document itself must not scroll.
 */
export async function horizontalOverflow(page: Page): Promise<string> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= width) return '';
		const clipped = (el: Element): boolean => {
			for (let p = el.parentElement; p; p = p.parentElement) {
				const o = getComputedStyle(p).overflowX;
				if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
			}
			return false;
		};
		const out = [...document.body.querySelectorAll('*')]
			.filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
			.filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1))
			.map((el) => {
				const r = el.getBoundingClientRect();
				const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
				return { name, right: Math.round(r.right) };
			})
			.sort((a, b) => b.right - a.right)
			.slice(0, 5);
		return `the page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport: ${out.map((o) => `${o.name} ends at ${o.right} px`).join('; ')}`;
	});
}
