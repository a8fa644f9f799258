/** What the language tests look for: English text left on a page drawn in another language. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { horizontalOverflow, screenshot } from './browser';

type Message = string | { match: Record<string, string> }[];

function load(locale: string): Record<string, Message> {
	const all = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, Message>;
	delete all.$schema;
	return all;
}

/**
 * The English texts worth looking for: every message's English wording (each plural variant), its
 * `{placeholders}` cut out, that differs from the wording in `locale` and is long enough to mean
 * something on its own ("OK" and "Menu" read the same in French). A piece the other language's own
 * messages contain is not English left over ("minutes", "invitation" are French words too).
 */
export function englishTexts(locale: string): string[] {
	const en = load('en');
	const other = load(locale);
	const texts = (m: Message | undefined) =>
		m === undefined ? [] : typeof m === 'string' ? [m] : m.flatMap((v) => Object.values(v.match));
	const found = new Set<string>();
	const theirWords = Object.values(other)
		.flatMap(texts)
		.join('\n')
		.replace(/\u00a0|\u202f/g, ' ');
	for (const [key, msg] of Object.entries(en)) {
		// A language's own name is shown in that language on purpose (the switch and the list).
		if (key === 'language_name') continue;
		const theirs = new Set(texts(other[key]));
		for (const text of texts(msg)) {
			for (const piece of text.split(/\{[^}]*\}/)) {
				const p = piece.trim();
				if (p.length >= 6 && !theirs.has(text) && !theirWords.includes(p)) found.add(p);
			}
		}
	}
	return [...found];
}

/**
 * English message texts visible on the page (body text, titles, labels), for a page in `locale`.
 * Text marked as another language (`lang="en"` inside a French page, WCAG 3.1.2: the API reference
 * quoting its English OpenAPI document) is said to be English on purpose, and `<code>` (paths, field
 * names, JSON values) is the same in every language: neither is counted.
 */
export async function englishOnPage(page: Page, locale: string): Promise<string[]> {
	const visible = await page.evaluate((lang) => {
		const quoted = [...document.body.querySelectorAll<HTMLElement>('[lang], code')].filter(
			(el) => el.tagName === 'CODE' || el.lang.split('-')[0] !== lang
		);
		const display = quoted.map((el) => el.style.display);
		for (const el of quoted) el.style.display = 'none';
		const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder]')]
			.filter((el) => !quoted.some((q) => q.contains(el)))
			.flatMap((el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''));
		const text = [document.title, document.body.innerText, ...attrs].join('\n');
		quoted.forEach((el, i) => (el.style.display = display[i]!));
		return text;
	}, locale);
	return englishTexts(locale).filter((text) => visible.includes(text));
}

/**
 * A page as a French person meets it, at desktop and phone width: `<html lang="fr">`, no English
 * left, nothing wider than the screen (French words are longer), and a photograph of each.
 */
export async function frenchEverywhere(page: Page, name: string): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
	for (const [width, height] of [
		[1440, 900],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		expect(await englishOnPage(page, 'fr'), `${name} at ${width} px`).toEqual([]);
		expect(await horizontalOverflow(page), `${name} at ${width} px`).toBe('');
		await screenshot(page, `fr-${name}-${width}`);
	}
	await page.setViewportSize({ width: 1366, height: 860 });
}
