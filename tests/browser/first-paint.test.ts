import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { zonedDate } from '../../src/lib/domain/time';
import { thisWeek } from '../../src/lib/components/calendar/filters';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot } from '../helpers/browser';

const ZONE = 'America/New_York'; // the demo admin's own zone: the calendar opens in it

/** A promise held until `release` is called. */
function gate(): { released: Promise<void>; release: () => void } {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	return { released, release };
}

describe('the calendar paints from the server first, then turns live', () => {
	let app: TestApp;
	let browser: Browser;
	let first: { id: string; name: string; day: string };

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		const [row] = await app.runtime.db.sql<{ id: string; name: string; start_at: Date }[]>`
			select i.id, u.name, i.start_at from interviews i join users u on u.id = i.candidate_id
			where i.org_id = ${app.orgId} and i.status = 'scheduled' order by i.start_at limit 1`;
		first = { id: row!.id, name: row!.name, day: zonedDate(row!.start_at, ZONE) };
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	/** The demo admin in a fresh browser context in the admin's zone, with the page's errors collected. */
	async function adminPage() {
		const cookie = await app.login(DEMO_ACCOUNTS.admin.email);
		const [name, value] = cookie.split('=') as [string, string];
		const context = await newPerson(browser, { timezoneId: ZONE });
		await context.addCookies([{ name, value, url: app.url }]);
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		return { context, page, errors };
	}

	it('shows the first interview from the server data while the collab socket is held back, keeps a click, then goes live without a gap', async () => {
		const { context, page, errors } = await adminPage();
		// The server's answers on the collab socket wait until released: the document cannot sync before.
		const { released, release } = gate();
		let sockets = 0;
		await page.routeWebSocket(/\/collab/, (ws) => {
			sockets++;
			const server = ws.connectToServer();
			const held: (string | Buffer)[] = [];
			let open = false;
			server.onMessage((msg) => (open ? ws.send(msg) : held.push(msg)));
			void released.then(() => {
				open = true;
				for (const msg of held.splice(0)) ws.send(msg);
			});
		});

		const response = await page.goto(`${app.url}/admin/calendar?view=timeGridWeek&date=${first.day}`);
		// The server's HTML already holds the interview and the summary, before any script ran (the
		// widget draws its grid in the browser, from this data, without waiting for the document).
		const html = await response!.text();
		expect(html).toContain(first.id);
		expect(html).toContain(first.name);
		// This week's card, as the server counts it (what it holds depends on the weekday of the run).
		const [from, to] = thisWeek(ZONE, new Date());
		const [week] = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from interviews where org_id = ${app.orgId} and status <> 'cancelled'
			and start_at >= ${new Date(from)} and start_at < ${new Date(to)}`;
		expect(Number(/data-testid="count-week"[^>]*>(\d+)</.exec(html)?.[1])).toBe(week!.n);

		const event = page.locator(`[data-testid="event"][data-id="${first.id}"]`);
		await event.waitFor();
		expect(await page.locator('.cal-page').getAttribute('data-live')).toBe('false');
		expect(await page.getByTestId('sync-status').getAttribute('data-phase')).not.toBe('saved');
		await screenshot(page, 'first-paint-from-server');

		// Watch the event from now on: it must never leave the page while the document takes over.
		await page.evaluate((id) => {
			const w = window as unknown as { gaps: number };
			w.gaps = 0;
			new MutationObserver(() => {
				if (!document.querySelector(`[data-testid="event"][data-id="${id}"]`)) w.gaps++;
			}).observe(document.body, { childList: true, subtree: true });
		}, first.id);

		// A click before the document has synced is not lost: the details open.
		await event.click();
		await page.locator('aside.side').getByText(first.name).first().waitFor();

		release();
		await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: 15_000 });
		await page.locator('.cal-page[data-live="true"]').waitFor();
		await event.waitFor();
		expect(sockets).toBeGreaterThan(0);
		expect(await page.evaluate(() => (window as unknown as { gaps: number }).gaps)).toBe(0);
		await page.locator('aside.side').getByText(first.name).first().waitFor();
		await screenshot(page, 'first-paint-live');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('draws the week in the server’s HTML, keeps a click made before the page’s code runs, and hydrates that drawing in place', async () => {
		const { context, page, errors } = await adminPage();
		// The page's scripts wait until released: until then only the server's HTML is on screen.
		const { released, release } = gate();
		await page.route(/\/_app\/.*\.js$/, async (route) => {
			await released;
			await route.continue();
		});

		const response = await page.goto(`${app.url}/admin/calendar?view=timeGridWeek&date=${first.day}`, {
			waitUntil: 'commit'
		});
		const html = await response!.text();
		// The widget's week, drawn by the server: the event, the day headers and the hours.
		expect(html).toMatch(new RegExp(`data-testid="event"[^>]*data-id="${first.id}"`));
		expect(html).toContain(`<time datetime="${first.day}"`);
		expect(html).toMatch(/<time datetime="[-\dT]+09:00:00">[^<]+<\/time>/);

		const event = page.locator(`[data-testid="event"][data-id="${first.id}"]`);
		await event.waitFor();
		expect(await page.evaluate('window.__parleyStarted')).toBeUndefined();
		await screenshot(page, 'first-paint-before-code');
		// Marks the server's grid, to tell afterwards whether the page's code kept it or drew anew.
		await page.evaluate(`window.serverGrid = document.querySelector('.ec-body')`);
		await event.click();
		expect(await page.evaluate('window.__parleyEarlyClick')).toBe(`open:${first.id}`);

		release();
		await page.locator('aside.side').getByText(first.name).first().waitFor();
		expect(await page.evaluate('window.__parleyEarlyClick')).toBeUndefined();
		expect(await page.evaluate(`document.contains(window.serverGrid)`)).toBe(true);
		await page.locator('[data-testid="sync-status"][data-phase="saved"]').waitFor({ timeout: 15_000 });
		// Once the code runs, clicks are its own: closing and clicking again opens through the widget.
		await page.keyboard.press('Escape');
		await page.locator('aside.side').waitFor({ state: 'detached' });
		await event.click();
		await page.locator('aside.side').getByText(first.name).first().waitFor();
		expect(await page.evaluate('window.__parleyEarlyClick')).toBeUndefined();
		await screenshot(page, 'first-paint-early-click-opened');
		expect(errors).toEqual([]);
		await context.close();
	});
});
