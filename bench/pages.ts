/**
 * What each page makes the browser download: the JavaScript (gzip, as served) that headless Chromium
 * fetches for the login page, the admin calendar, an interviewer's interview page and the candidate's
 * home, each in a fresh context with empty caches. "First" is what the page needs before it can start
 * (the scripts its HTML preloads); "later" is what it fetches after, on its own (a notes editor, say).
 * The budgets apply to "first". The baseline is measured in the same run: the part every page
 * preloads (Svelte's runtime, SvelteKit's client, the app's entry, the root layout), printed first;
 * each page then prints its first as that shared part plus its own, its ratio to the shared part and
 * to the login page, its budget, and which of the heavy libraries (Yjs, the calendar, TipTap) it
 * pulled in at first and at all.
 *
 * "First" counts what the HTML preloads. A part a page's universal load imports (the interview
 * page's scorecard list and emails, for the viewers who see them) is fetched before that page
 * hydrates but is not preloaded, so it counts as "later"; the page measured here (a panel member
 * who has not scored yet) draws none of them.
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
		// What every page preloads (the Svelte runtime, SvelteKit's client, the app's routes, the root
		// layout): the floor under the budget of any page that hydrates, measured in this run.
		// (A page the server renders alone, `csr = false`, loads none of it: left out.)
		const all = [...results.values()].filter((r) => r.hydrated);
		const shared = [...(all[0]?.firstFiles ?? [])].filter(([url]) => all.every((r) => r.firstFiles.has(url)));
		const sharedBytes = shared.reduce((sum, [, bytes]) => sum + bytes, 0);
		const kb = (bytes: number) => (bytes / 1000).toFixed(1);
		const libs = (names: string[]) => names.join('+') || 'none';
		const ratio = (bytes: number, base: number) => (base > 0 ? (bytes / base).toFixed(2) : '-');
		console.log(
			`shared by every page: ${kb(sharedBytes)} kB in ${shared.length} files (the framework and the root layout)`
		);
		const fields: string[] = [];
		for (const [name, r] of results) {
			const budget = BUDGET_KB[name] ?? null;
			const verdict = budget === null ? 'no budget' : r.firstBytes <= budget * 1000 ? 'within' : 'OVER';
			// The page's own share: what it preloads beyond the shared part. A budget below the shared
			// part cannot be met by the page's own code.
			const own = r.hydrated ? r.firstBytes - sharedBytes : r.firstBytes;
			const reach =
				budget === null || !r.hydrated ? '' : budget * 1000 < sharedBytes ? ', below the shared part alone' : '';
			console.log(
				`${name.padEnd(15)} first ${kb(r.firstBytes).padStart(6)} kB = ${r.hydrated ? `shared ${kb(sharedBytes)}` : 'no framework'} + own ${kb(own).padStart(5)} ` +
					`(${ratio(r.firstBytes, sharedBytes)}x shared, ${ratio(r.firstBytes, baseline)}x login); ` +
					`budget ${budget === null ? '-' : `${budget} kB`} (${verdict}${reach}); ` +
					`later ${kb(r.gzipBytes - r.firstBytes).padStart(6)} kB, ${String(r.files).padStart(2)} files gzip; ` +
					`heavy libraries first: ${libs(r.firstLibraries)}, at all: ${libs(r.libraries)}`
			);
			const key = name.replace(/ /g, '_');
			fields.push(`${key}_first_kb=${kb(r.firstBytes)} ${key}_own_kb=${kb(own)} ${key}_total_kb=${kb(r.gzipBytes)}`);
		}
		console.log(`bench pages: ${fields.join(' ')} shared_kb=${kb(sharedBytes)} baseline=shared,login`);
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
