/**
 * What each page makes the browser download: the JavaScript (gzip, as served) that headless Chromium
 * fetches for the login page, the admin calendar, an interviewer's interview page and the candidate's
 * home, each in a fresh context with empty caches. "First" is what the page needs before it can start
 * (the scripts its HTML preloads); "later" is what it fetches after, on its own (a notes editor, say).
 * The budgets apply to "first". The login page is the baseline measured in the same run (the
 * framework's own cost), so every page prints a ratio to it, and which of the heavy libraries (Yjs,
 * the calendar, TipTap) it pulled in at first and at all.
 */
import { pathToFileURL } from 'node:url';
import { DEMO_ACCOUNTS } from '../db/seed';
import { startTestApp, type TestApp } from '../tests/helpers/app';
import { launchBrowser } from '../tests/helpers/browser';
import { loadPageJs, type PageLoad } from '../tests/helpers/page-js';

/**
 * Budgets for "first", in kB (1,000 bytes) of gzipped JavaScript: the calendar's and the candidate
 * home's from issue 15; the login page's and the interview page's ours (the framework's cost plus a
 * little, the notes editor coming after the page).
 */
const BUDGET_KB: Record<string, number> = {
	login: 50,
	calendar: 100,
	'interview page': 60,
	'candidate home': 35
};

/** An interview the first demo interviewer sits on, for the interview page. */
async function interviewOfFirstInterviewer(app: TestApp): Promise<string> {
	const sql = app.runtime.db.sql;
	const [row] = await sql<{ id: string }[]>`
		select p.interview_id as id from interview_panel p join users u on u.id = p.user_id
		where u.email = ${DEMO_ACCOUNTS.interviewers[0]!.email} limit 1`;
	if (!row) throw new Error('the first demo interviewer sits on no interview');
	return row.id;
}

export async function main(): Promise<void> {
	const [app, browser] = await Promise.all([startTestApp('embedded'), launchBrowser()]);
	try {
		const interviewId = await interviewOfFirstInterviewer(app);
		const pages: [string, string, string | null][] = [
			['login', '/login', null],
			['calendar', '/admin/calendar', DEMO_ACCOUNTS.admin.email],
			['interview page', `/interviews/${interviewId}`, DEMO_ACCOUNTS.interviewers[0]!.email],
			['candidate home', '/me', DEMO_ACCOUNTS.candidates[0]!.email]
		];
		// One warm-up pass so the server's first renders don't count against the first page measured.
		for (const [, path, email] of pages) await loadPageJs(browser, app, path, email);
		const results = new Map<string, PageLoad>();
		for (const [name, path, email] of pages) results.set(name, await loadPageJs(browser, app, path, email));
		const baseline = results.get('login')!.firstBytes;
		const kb = (bytes: number) => (bytes / 1000).toFixed(1);
		const libs = (names: string[]) => names.join('+') || 'none';
		const fields: string[] = [];
		for (const [name, r] of results) {
			const budget = BUDGET_KB[name] ?? null;
			const verdict = budget === null ? 'no budget' : r.firstBytes <= budget * 1000 ? 'within' : 'OVER';
			console.log(
				`${name.padEnd(15)} first ${kb(r.firstBytes).padStart(6)} kB (${(r.firstBytes / baseline).toFixed(2)}x login), ` +
					`later ${kb(r.gzipBytes - r.firstBytes).padStart(6)} kB, ${String(r.files).padStart(2)} files gzip; ` +
					`budget ${budget === null ? '-' : `${budget} kB`} (${verdict}); heavy libraries first: ${libs(r.firstLibraries)}, at all: ${libs(r.libraries)}`
			);
			fields.push(
				`${name.replace(/ /g, '_')}_first_kb=${kb(r.firstBytes)} ${name.replace(/ /g, '_')}_total_kb=${kb(r.gzipBytes)}`
			);
		}
		// What every page preloads (the Svelte runtime, SvelteKit's client, the app's routes, the root
		// layout): the floor under any page's budget.
		const all = [...results.values()];
		const shared = [...all[0]!.firstFiles].filter(([url]) => all.every((r) => r.firstFiles.has(url)));
		const sharedBytes = shared.reduce((sum, [, bytes]) => sum + bytes, 0);
		console.log(
			`shared by every page: ${kb(sharedBytes)} kB in ${shared.length} files (the framework and the root layout)`
		);
		console.log(`bench pages: ${fields.join(' ')} shared_kb=${kb(sharedBytes)} baseline=login`);
	} finally {
		await browser.close();
		await app.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main()
		.catch((err: unknown) => {
			console.error(err);
			process.exitCode = 1;
		})
		.finally(() => process.exit());
}
