/**
 * Issue 11, findings 8 and 9, against the running app: rounds follow the dates of an application's
 * interviews; an interviewer never receives other candidates' names (not in the page, not over the
 * collab socket); a refused field reads as a sentence, never as zod's words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName } from '../../src/lib/collab/calendar';
import { zonedDate } from '../../src/lib/domain/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { futureStart } from '../helpers/calendar';
import { connectDoc, type CollabClient } from '../helpers/collab';

const ADMIN = DEMO_ACCOUNTS.admin.email;
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers.map((i) => i.email) as [string, string, string];

describe('rules and messages (issue 11, findings 8 and 9)', () => {
	let app: TestApp;
	let admin: string;
	let people: Record<string, string> = {};
	const clients: CollabClient[] = [];

	beforeAll(async () => {
		app = await startTestApp('embedded');
		admin = await app.login(ADMIN);
		const rows = await app.runtime.db.sql<{ id: string; email: string }[]>`select id, email from users`;
		people = Object.fromEntries(rows.map((r) => [r.email, r.id]));
	});
	afterAll(async () => {
		for (const c of clients) c.close();
		await app?.close();
	});

	it('keeps rounds in date order: no round 2 before round 1, by booking or by moving', async () => {
		const [application] = (await app.api('GET', '/api/v1/applications?q=Lena', admin)).body.data;
		const book = (start: string, round: number) =>
			app.api('POST', '/api/v1/interviews', admin, {
				application_id: application.id,
				start,
				duration_min: 45,
				timezone: 'Europe/London',
				type: 'video',
				mode: 'online',
				round,
				panel: [people[INES]]
			});
		const first = await book(futureStart(10, 14), 1);
		expect(first.status).toBe(201);
		const early = await book(futureStart(5, 14), 2);
		expect(early.status).toBe(422);
		expect(early.body.error.details.rule).toBe('round_out_of_order');
		expect(early.body.error.message).toBe(
			'Round 2 would come before round 1 of this application; rounds follow their dates. Choose a start after round 1.'
		);
		const second = await book(futureStart(12, 14), 2);
		expect(second.status).toBe(201);
		const moved = await app.api('PATCH', `/api/v1/interviews/${second.body.id}`, admin, {
			start: futureStart(8, 14),
			reason: 'Earlier'
		});
		expect(moved.status).toBe(422);
		expect(moved.body.error.details.rule).toBe('round_out_of_order');
		// Moving round 1 earlier keeps the order, and so is allowed.
		const earlier = await app.api('PATCH', `/api/v1/interviews/${first.body.id}`, admin, {
			start: futureStart(9, 14),
			reason: 'Earlier'
		});
		expect(earlier.status).toBe(200);
	});

	it('gives an interviewer no other candidate’s name: not in the page, and no calendar document', async () => {
		const priya = await app.login(PRIYA);
		const names = await app.runtime.db.sql<{ name: string; mine: boolean }[]>`
			select distinct c.name, exists (select 1 from panel_interviewers p
				where p.interview_id = i.id and p.user_id = ${people[PRIYA]!}) as mine
			from interviews i join users c on c.id = i.candidate_id where i.status <> 'cancelled'`;
		const others = names.filter((n) => !n.mine).map((n) => n.name);
		const own = names.filter((n) => n.mine).map((n) => n.name);
		expect(others.length).toBeGreaterThan(0);
		expect(own.length).toBeGreaterThan(0);
		// The team's week that holds the next interview of someone else's panel (the current week may
		// hold none: the demo books the next business days), in Priya's zone.
		const [next] = await app.runtime.db.sql<{ start_at: Date }[]>`
			select i.start_at from interviews i where i.status = 'scheduled' and i.start_at > now()
			and not exists (select 1 from panel_interviewers p where p.interview_id = i.id and p.user_id = ${people[PRIYA]!})
			order by i.start_at limit 1`;
		const week = zonedDate(next!.start_at, DEMO_ACCOUNTS.interviewers[2].timezone);
		const page = await app.request(`/my/interviews?date=${week}`, { cookie: priya });
		expect(page.status).toBe(200);
		const html = await page.text();
		for (const name of own) expect(html).toContain(name);
		// Every candidate of the organization that is not on her panels, in any cycle.
		const everyone = await app.runtime.db.sql<{ name: string }[]>`
			select u.name from memberships m join users u on u.id = m.user_id
			where m.org_id = ${app.orgId} and m.role = 'candidate'`;
		for (const { name } of everyone) if (!own.includes(name)) expect(html, name).not.toContain(name);
		// Others' interviews are there as busy time.
		expect(html).toContain('data-testid="team-busy"');

		// The document holds every interview: only admins may open it.
		const calendar = connectDoc(app, calendarDocName(app.orgId), { cookie: priya });
		clients.push(calendar);
		await expect(calendar.ready).rejects.toThrow(/forbidden/);
		const marco = connectDoc(app, calendarDocName(app.orgId), { cookie: await app.login(MARCO) });
		clients.push(marco);
		await expect(marco.ready).rejects.toThrow(/forbidden/);
		const adminDoc = connectDoc(app, calendarDocName(app.orgId), { cookie: admin });
		clients.push(adminDoc);
		await adminDoc.ready;
	});

	it('says what was refused in a sentence, in the API and on the page’s form', async () => {
		const [application] = (await app.api('GET', '/api/v1/applications?q=Aiko', admin)).body.data;
		const res = await app.api('POST', '/api/v1/scheduling-requests', admin, {
			application_id: application.id,
			round: 21,
			panel: [people[INES]],
			duration_min: 45,
			type: 'video',
			mode: 'online',
			window_start: futureStart(3, 0),
			window_end: futureStart(10, 0)
		});
		expect(res.status).toBe(422);
		expect(res.body.error.message).toBe('The round must be at most 20.');
		expect(res.body.error.details.fields.round).toBe('must be at most 20');
		const wrongType = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: application.id,
			start: futureStart(5, 14),
			duration_min: 'long',
			timezone: 'UTC',
			type: 'video',
			mode: 'online',
			panel: [people[INES]]
		});
		expect(wrongType.status).toBe(422);
		expect(wrongType.body.error.message).toBe('The duration must be a number.');

		const form = new URLSearchParams({
			application_id: application.id,
			round: '21',
			duration_min: '45',
			mode: 'online',
			from: futureStart(3, 0).slice(0, 10),
			to: futureStart(10, 0).slice(0, 10),
			[`panel_${people[INES]}`]: people[INES]!
		});
		const page = await app.request('/admin/requests?/send', {
			method: 'POST',
			cookie: admin,
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: form.toString()
		});
		const html = await page.text();
		expect(html).toContain('The round must be at most 20.');
		expect(html).not.toMatch(/Too big|expected number/);
	});
});
