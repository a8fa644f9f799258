import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { notesDocName } from '../../src/lib/collab/calendar';
import { connectDoc } from '../helpers/collab';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPerson, screenshot, signIn } from '../helpers/browser';

const [INES, MARCO] = DEMO_ACCOUNTS.interviewers;

describe('shared interview notes, as two interviewers use them', () => {
	let app: TestApp;
	let browser: Browser;
	let interviewId: string;
	let ines: { context: BrowserContext; page: Page };
	let marco: { context: BrowserContext; page: Page };

	const editor = (page: Page) => page.getByTestId('notes-editor');
	/** The notes as text, without the other editors' caret labels (widgets, not content). */
	const notesText = (page: Page) =>
		editor(page).evaluate((el) => {
			const copy = el.cloneNode(true) as HTMLElement;
			copy.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator').forEach((n) => n.remove());
			return [...copy.children].map((c) => c.textContent ?? '').join('\n');
		});
	/** The notes' HTML without ProseMirror's and the carets' own widgets. */
	const contentHtml = (page: Page) =>
		editor(page).evaluate((el) => {
			const copy = el.cloneNode(true) as HTMLElement;
			copy.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator').forEach((n) => n.remove());
			return copy.innerHTML;
		});
	const status = (page: Page) => page.getByTestId('notes-status');
	async function waitForStatus(page: Page, value: string, timeout = 15_000) {
		await page.waitForSelector(`[data-testid="notes-status"][data-status="${value}"]`, { timeout });
	}
	/** Clicks into the last block of the notes and moves the cursor to its end. */
	async function toEnd(page: Page) {
		const blocks = editor(page).locator(':scope > *');
		await blocks.last().click();
		await page.keyboard.press('End');
	}
	/** Puts the cursor at the end of the notes and types a new paragraph, as a person would. */
	async function typeParagraph(page: Page, text: string) {
		await toEnd(page);
		await page.keyboard.press('Enter');
		await page.keyboard.type(text, { delay: 15 });
	}
	async function open(email: string, timezoneId: string) {
		const context = await newPerson(browser, { timezoneId });
		const page = await context.newPage();
		await signIn(page, app.url, email);
		await page.waitForURL('**/my/interviews');
		await page.waitForLoadState('load');
		await page.goto(`${app.url}/interviews/${interviewId}`);
		await waitForStatus(page, 'synced');
		return { context, page };
	}

	beforeAll(async () => {
		[app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		interviewId = (await app.api('GET', '/api/v1/interviews?q=Oliver', admin)).body.data[0].id;
		ines = await open(INES!.email, 'America/New_York');
		marco = await open(MARCO!.email, 'Europe/Rome');
	});
	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	it('shows each interviewer the other’s text and named caret', async () => {
		expect(await ines.page.getByRole('heading', { level: 1 }).textContent()).toContain('Oliver Brown');
		// Times in each viewer's own zone, with the zone named.
		expect(await ines.page.getByTestId('interview-when').textContent()).toContain('America/New_York');
		expect(await marco.page.getByTestId('interview-when').textContent()).toContain('Europe/Rome');

		await typeParagraph(ines.page, 'Ines: clear motivation, strong maths.');
		await marco.page.waitForFunction(
			() => document.querySelector('[data-testid="notes-editor"]')?.textContent?.includes('strong maths'),
			undefined,
			{ timeout: 10_000 }
		);
		await typeParagraph(marco.page, 'Marco: asked good questions about the lab.');
		await ines.page.waitForFunction(
			() => document.querySelector('[data-testid="notes-editor"]')?.textContent?.includes('about the lab'),
			undefined,
			{ timeout: 10_000 }
		);

		// Each sees the other's caret, labelled with their name.
		const marcoCaretOnInes = ines.page.locator('.collaboration-carets__label', { hasText: MARCO!.name });
		const inesCaretOnMarco = marco.page.locator('.collaboration-carets__label', { hasText: INES!.name });
		await marcoCaretOnInes.waitFor({ timeout: 10_000 });
		await inesCaretOnMarco.waitFor({ timeout: 10_000 });
		expect(await ines.page.getByTestId('notes-person').allTextContents()).toContain(MARCO!.name);

		await waitForStatus(ines.page, 'synced');
		await waitForStatus(marco.page, 'synced');
		expect(await notesText(ines.page)).toBe(await notesText(marco.page));
		await screenshot(ines.page, 'notes-live-ines');
		await screenshot(marco.page, 'notes-live-marco');
	});

	it('keeps typing offline and converges when the connection is back', async () => {
		await marco.context.setOffline(true);
		await waitForStatus(marco.page, 'offline');
		expect(await status(marco.page).textContent()).toContain('Offline');

		await typeParagraph(marco.page, 'Marco offline: follow up on the portfolio.');
		await typeParagraph(ines.page, 'Ines online meanwhile: references received.');
		await new Promise((r) => setTimeout(r, 1_500));
		// Apart, neither sees the other's new paragraph.
		expect(await notesText(ines.page)).not.toContain('follow up on the portfolio');
		expect(await notesText(marco.page)).not.toContain('references received');
		await screenshot(marco.page, 'notes-offline-marco');

		await marco.context.setOffline(false);
		await waitForStatus(marco.page, 'synced', 30_000);
		for (const page of [ines.page, marco.page]) {
			await page.waitForFunction(
				() => {
					const t = document.querySelector('[data-testid="notes-editor"]')?.textContent ?? '';
					return t.includes('follow up on the portfolio') && t.includes('references received');
				},
				undefined,
				{ timeout: 15_000 }
			);
		}
		await waitForStatus(ines.page, 'synced');
		expect(await notesText(ines.page)).toBe(await notesText(marco.page));
		await screenshot(ines.page, 'notes-converged-ines');
		await screenshot(marco.page, 'notes-converged-marco');
	});

	it('keeps edits made offline in the browser after the page is closed, and syncs them on the next visit', async () => {
		await marco.context.setOffline(true);
		await waitForStatus(marco.page, 'offline');
		await typeParagraph(marco.page, 'Marco offline, then closed the tab.');
		// y-indexeddb writes each update at once; give it a moment before the tab goes away.
		await new Promise((r) => setTimeout(r, 700));
		await marco.page.close();
		await marco.context.setOffline(false);
		expect(await notesText(ines.page)).not.toContain('then closed the tab');

		marco.page = await marco.context.newPage();
		await marco.page.goto(`${app.url}/interviews/${interviewId}`);
		await waitForStatus(marco.page, 'synced');
		await ines.page.waitForFunction(
			() => document.querySelector('[data-testid="notes-editor"]')?.textContent?.includes('then closed the tab'),
			undefined,
			{ timeout: 15_000 }
		);
		expect(await notesText(ines.page)).toBe(await notesText(marco.page));
	});

	it('formats with headings, lists, bold, italic and safe links only', async () => {
		const page = ines.page;
		await toEnd(page);
		await page.keyboard.press('Enter');
		await page.getByRole('button', { name: 'H2' }).click();
		await page.keyboard.type('Summary');
		await page.keyboard.press('Enter');
		await page.getByRole('button', { name: 'Bulleted list' }).click();
		await page.keyboard.type('first point ');
		await page.keyboard.press('Control+b');
		await page.keyboard.type('bold words');
		await page.keyboard.press('Control+b');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Control+i');
		await page.keyboard.type('leaning words');
		expect(await page.getByRole('button', { name: 'Italic' }).getAttribute('aria-pressed')).toBe('true');
		await page.keyboard.press('Control+i');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Enter');
		await page.keyboard.type('portfolio site');
		await page.keyboard.press('Shift+Home');
		await page.getByRole('button', { name: 'Link' }).click();
		await page.getByLabel('Link address').fill('javascript:alert(1)');
		await page.getByRole('button', { name: 'Apply' }).click();
		expect(await page.getByText('Use a web address').count()).toBe(1);
		await page.getByLabel('Link address').fill('https://example.org/portfolio');
		await page.getByRole('button', { name: 'Apply' }).click();

		const other = editor(marco.page);
		await other.locator('a[href="https://example.org/portfolio"]').waitFor({ timeout: 10_000 });
		expect(await other.locator('h2').allTextContents()).toContain('Summary');
		expect(await other.locator('ul li').first().textContent()).toContain('first point bold words');
		expect(await other.locator('ul li strong').textContent()).toBe('bold words');
		expect(await other.locator('ul li em').textContent()).toBe('leaning words');
		expect(await other.locator('a[href^="javascript"]').count()).toBe(0);
		await screenshot(marco.page, 'notes-formatting-marco');
	});

	it('keeps the notes after a reload, from the server', async () => {
		await marco.page.reload();
		await waitForStatus(marco.page, 'synced');
		const text = await notesText(marco.page);
		expect(text).toContain('strong maths');
		expect(text).toContain('follow up on the portfolio');
	});

	it('never runs pasted script, event handlers or javascript: links', async () => {
		for (const p of [ines.page, marco.page])
			await p.evaluate(() => ((window as unknown as { pwned: number }).pwned = 0));
		await toEnd(ines.page);
		await ines.page.keyboard.press('Enter');
		await ines.page.evaluate(() => {
			const html =
				'<p>Pasted from the portal</p>' +
				'<img src="x" onerror="window.pwned = 1">' +
				'<script>window.pwned = 2</script>' +
				'<p><a href="javascript:window.pwned = 3">bad link</a> and <a href="https://example.org/cv">good link</a></p>' +
				'<p onclick="window.pwned = 4" style="background:url(javascript:window.pwned=5)">styled</p>';
			const data = new DataTransfer();
			data.setData('text/html', html);
			data.setData('text/plain', 'Pasted from the portal');
			const target = document.querySelector('[data-testid="notes-editor"]')!;
			target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
		});
		await marco.page.waitForFunction(
			() => document.querySelector('[data-testid="notes-editor"]')?.textContent?.includes('good link'),
			undefined,
			{ timeout: 10_000 }
		);
		await new Promise((r) => setTimeout(r, 500));
		for (const page of [ines.page, marco.page]) {
			const html = await contentHtml(page);
			expect(html).toContain('Pasted from the portal');
			expect(html).not.toMatch(/<img|<script|onerror|onclick|javascript:/i);
			expect(await editor(page).locator('a[href="https://example.org/cv"]').count()).toBe(1);
			expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);
		}
		await screenshot(marco.page, 'notes-after-paste-marco');
	});

	it('shows hostile content written straight into the document as harmless text', async () => {
		for (const p of [ines.page, marco.page])
			await p.evaluate(() => ((window as unknown as { pwned: number }).pwned = 0));
		// A modified client skips the editor and writes raw Yjs: unknown elements, handlers, a javascript: link.
		const rogue = connectDoc(app, notesDocName(interviewId), { cookie: await app.login(INES!.email) });
		await rogue.ready;
		const img = new Y.XmlElement('image');
		img.setAttribute('src', 'x');
		img.setAttribute('onerror', 'window.pwned = 6');
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.setAttribute('onclick', 'window.pwned = 7');
		const text = new Y.XmlText();
		text.insert(0, 'hostile link', { link: { href: 'javascript:window.pwned = 8' } });
		paragraph.insert(0, [text]);
		const script = new Y.XmlElement('script');
		script.insert(0, [new Y.XmlText('window.pwned = 9')]);
		const fragment = rogue.doc.getXmlFragment('notes');
		fragment.insert(fragment.length, [img, paragraph, script]);
		for (const page of [ines.page, marco.page]) {
			await page.waitForFunction(
				() => document.querySelector('[data-testid="notes-editor"]')?.textContent?.includes('hostile link'),
				undefined,
				{ timeout: 10_000 }
			);
		}
		await new Promise((r) => setTimeout(r, 500));
		for (const page of [ines.page, marco.page]) {
			const html = await contentHtml(page);
			expect(html).not.toMatch(/<img|<script|onerror|onclick|javascript:/i);
			expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);
		}
		await screenshot(ines.page, 'notes-hostile-content-ines');
		rogue.close();
	});

	it('warns before a sign-out would delete notes typed while signed out, and keeps them on "Stay"', async () => {
		await marco.context.setOffline(true);
		await waitForStatus(marco.page, 'offline');
		await typeParagraph(marco.page, 'Marco: typed with no connection.');
		await app.runtime.db.sql`delete from sessions where user_id = (select id from users where email = ${MARCO!.email})`;
		await marco.context.setOffline(false);
		await waitForStatus(marco.page, 'signed-out');
		await marco.page.getByRole('button', { name: 'Sign out' }).click();
		const warning = marco.page.getByRole('alertdialog');
		await warning.waitFor();
		expect(await warning.textContent()).toMatch(/\d+ changes? (has|have) not reached the server yet/);
		expect(await warning.textContent()).toContain('notes');
		await screenshot(marco.page, 'notes-signout-warning-marco');
		await warning.getByRole('button', { name: 'Stay signed in' }).click();
		expect(await notesText(marco.page)).toContain('typed with no connection');
	});
});
