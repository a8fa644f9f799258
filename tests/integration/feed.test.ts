/**
 * The personal calendar feed: a secret URL of one's own interviews, nobody else's; regenerating
 * or revoking it makes the old URL a 404; only a hash of its secret is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { hashToken } from '../../src/lib/server/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const ADMIN = DEMO_ACCOUNTS.admin.email;
const INES = DEMO_ACCOUNTS.interviewers[0].email;
const OLIVER = DEMO_ACCOUNTS.candidates[6].email;

/** The UIDs of a calendar's events. */
const uids = (ics: string) =>
	[...ics.replace(/\r\n[ \t]/g, '').matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim()).sort();

describe.each(kinds)('the calendar feed on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind);
	});
	afterAll(async () => {
		await app?.close();
	});

	/** The ids of the interviews a person takes part in, as the database says. */
	async function ownInterviews(email: string): Promise<string[]> {
		const rows = await app.runtime.db.sql<{ id: string }[]>`
			select i.id from interviews i join users u on u.email = ${email}
			where i.status <> 'cancelled' and i.removed_at is null
				and (i.candidate_id = u.id or exists (select 1 from panel_interviewers p where p.interview_id = i.id and p.user_id = u.id))`;
		return rows.map((r) => r.id).sort();
	}

	it('holds an interviewer’s own interviews and nobody else’s, and answers a calendar app without a session', async () => {
		const ines = await app.login(INES);
		expect((await app.api('GET', '/api/v1/me/calendar-feed', ines)).body).toEqual({
			active: false,
			created_at: null,
			last_used_at: null
		});
		const created = await app.api('POST', '/api/v1/me/calendar-feed', ines);
		expect(created.status).toBe(201);
		const url = new URL(created.body.url);
		expect(url.pathname).toMatch(/^\/api\/v1\/feeds\/[a-z2-7]{32}\.ics$/);
		// Only a hash of the secret is kept.
		const token = url.pathname.split('/').pop()!.replace('.ics', '');
		const [stored] = await app.runtime.db.sql<{ token_hash: string }[]>`select token_hash from calendar_feeds`;
		expect(stored!.token_hash).toBe(hashToken(token));
		expect(JSON.stringify(await app.runtime.db.sql`select * from calendar_feeds`)).not.toContain(token);

		const res = await fetch(app.url + url.pathname);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/calendar');
		const ics = await res.text();
		const mine = await ownInterviews(INES);
		expect(mine.length).toBeGreaterThan(0);
		expect(uids(ics)).toEqual(mine);
		// Mei's interview (Priya's panel only) is in the organization but not in Ines' feed.
		const all = await app.runtime.db.sql<{ id: string }[]>`select id from interviews`;
		expect(all.length).toBeGreaterThan(mine.length);
		expect(ics).toContain('METHOD:PUBLISH\r\n');
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		const status = await app.api('GET', '/api/v1/me/calendar-feed', ines);
		expect(status.body.active).toBe(true);
		expect(status.body.last_used_at).not.toBeNull();
	});

	it('holds a candidate’s own interviews only', async () => {
		const oliver = await app.login(OLIVER);
		const created = await app.api('POST', '/api/v1/me/calendar-feed', oliver);
		expect(created.status).toBe(201);
		const ics = await (await fetch(created.body.url.replace(/^https?:\/\/[^/]+/, app.url))).text();
		expect(uids(ics)).toEqual(await ownInterviews(OLIVER));
		expect(uids(ics)).toHaveLength(1);
	});

	it('answers 404 to a regenerated, a revoked and a made-up URL', async () => {
		const ines = await app.login(INES);
		const first = (await app.api('POST', '/api/v1/me/calendar-feed', ines)).body.url as string;
		const path = (u: string) => new URL(u).pathname;
		expect((await fetch(app.url + path(first))).status).toBe(200);
		const second = (await app.api('POST', '/api/v1/me/calendar-feed', ines)).body.url as string;
		expect((await fetch(app.url + path(first))).status).toBe(404);
		expect((await fetch(app.url + path(second))).status).toBe(200);
		// Without the .ics ending, the same feed.
		expect((await fetch(app.url + path(second).replace(/\.ics$/, ''))).status).toBe(200);
		expect((await app.api('DELETE', '/api/v1/me/calendar-feed', ines)).status).toBe(204);
		const gone = await fetch(app.url + path(second));
		expect(gone.status).toBe(404);
		expect((await gone.json()).error.code).toBe('not_found');
		expect((await fetch(`${app.url}/api/v1/feeds/${'a'.repeat(32)}.ics`)).status).toBe(404);
		expect((await fetch(`${app.url}/api/v1/feeds/not-a-token`)).status).toBe(404);
	});

	it('gives admins no feed: they sit on no panel', async () => {
		const admin = await app.login(ADMIN);
		expect((await app.api('POST', '/api/v1/me/calendar-feed', admin)).status).toBe(403);
	});
});
