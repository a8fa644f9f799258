/**
 * Independent judging holds on every surface (issue 11, finding 1): until an interviewer has
 * submitted their own scorecard, a colleague's rating, recommendation and feedback appear nowhere they
 * can read — the scorecards endpoint, the audit log endpoint, the History of the interview page, the
 * in-app notifications, the emails and the calendar exports. Only who submitted, and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { queueDueNotifications } from '../../src/lib/server/notifications/due';
import { startTestApp, type TestApp } from '../helpers/app';
import { bookDirect } from '../helpers/calendar';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

const [INES, , PRIYA] = DEMO_ACCOUNTS.interviewers;
const SECRET = 'Ines-secret-7f3a: strong on statistics';

/** Whatever of Ines's judgement a text could carry. */
function expectNoJudgement(text: string, where: string) {
	expect(text, where).not.toContain(SECRET);
	expect(text, where).not.toMatch(/rating[\s":]*4/);
	expect(text, where).not.toContain('Proceed to next round');
	expect(text, where).not.toMatch(/recommendation[\s":]*"?proceed/);
}

describe('a scorecard stays hidden from the panel until they submit theirs', () => {
	let app: TestApp;
	let sink: SmtpSink;
	let admin: string;
	let ines: string;
	let priya: string;
	let id: string;

	beforeAll(async () => {
		sink = await startSmtpSink();
		app = await startTestApp('embedded', { SMTP_URL: sink.url });
		[admin, ines, priya] = await Promise.all([
			app.login(DEMO_ACCOUNTS.admin.email),
			app.login(INES!.email),
			app.login(PRIYA!.email)
		]);
		// An interview that ended an hour ago: the panel is asked for scorecards.
		[id] = (await bookDirect(app, [
			{
				candidate: DEMO_ACCOUNTS.candidates[1].email,
				startInMin: -100,
				durationMin: 30,
				mode: 'online',
				panel: [INES!.email, PRIYA!.email],
				round: 5,
				extra: { status: 'completed' }
			}
		])) as [string];
		await queueDueNotifications({ sql: app.runtime.db.sql, bus: app.runtime.bus }, new Date());
		const put = await app.api('PUT', `/api/v1/interviews/${id}/scorecards/mine`, ines, {
			rating: 4,
			recommendation: 'proceed',
			feedback: SECRET
		});
		expect(put.status).toBe(201);
		await app.runtime.outbox.drain();
	});
	afterAll(async () => {
		await app?.close();
		await sink?.stop();
	});

	it('withholds the values from the scorecards and logs endpoints, naming only who submitted', async () => {
		const cards = await app.api('GET', `/api/v1/interviews/${id}/scorecards`, priya);
		expect(cards.body).toMatchObject({ hidden_until_you_submit: true, hidden_count: 1, data: [], summary: null });
		expectNoJudgement(JSON.stringify(cards.body), 'scorecards endpoint');

		const logs = await app.api('GET', `/api/v1/interviews/${id}/logs`, priya);
		expect(logs.status).toBe(200);
		const entries = logs.body.data.filter((l: { action: string }) => l.action === 'scorecard');
		expect(entries).toEqual([expect.objectContaining({ actor: expect.objectContaining({ name: INES!.name }) })]);
		expect(entries[0]).toMatchObject({ old_values: null, new_values: { hidden: true } });
		expectNoJudgement(JSON.stringify(logs.body), 'logs endpoint');

		// Ines, the author, and the admin read the values.
		for (const [who, cookie] of [
			['Ines', ines],
			['admin', admin]
		] as const) {
			const theirs = await app.api('GET', `/api/v1/interviews/${id}/logs`, cookie);
			const card = theirs.body.data.find((l: { action: string }) => l.action === 'scorecard');
			expect(card.new_values, who).toMatchObject({ rating: 4, recommendation: 'proceed' });
		}
	});

	it('shows “Scorecard submitted by Ines Okafor” in the History without rating or recommendation', async () => {
		const res = await app.request(`/interviews/${id}`, { cookie: priya });
		expect(res.status).toBe(200);
		const html = await res.text();
		const history = html.slice(html.indexOf('data-testid="history"'));
		expect(history).toContain('Scorecard submitted');
		expect(history).toContain(`by ${INES!.name}`);
		expectNoJudgement(history.slice(0, history.indexOf('</ol>')), 'History section');
		// Nor anywhere in the page or the data it carries (the form's own option labels aside).
		expect(html).not.toContain(SECRET);
		expect(html).not.toMatch(/rating[\s":]*4/);

		const asAdmin = await (await app.request(`/interviews/${id}`, { cookie: admin })).text();
		expect(asAdmin).toContain('rating 4, Proceed to next round');
	});

	it('puts none of it in notifications, emails or calendar exports', async () => {
		const inbox = await app.api('GET', '/api/v1/me/notifications', priya);
		expect(inbox.status).toBe(200);
		expect(inbox.body.data.length).toBeGreaterThan(0);
		expectNoJudgement(JSON.stringify(inbox.body), 'in-app notifications');

		const toPriya = sink.delivered.filter((d) =>
			(Array.isArray(d.mail.to) ? d.mail.to : [d.mail.to]).some((a) => a?.value.some((v) => v.address === PRIYA!.email))
		);
		// She was asked for her scorecard by email; nothing in it tells her Ines's.
		expect(toPriya.some((d) => d.mail.subject?.startsWith('Please submit your scorecard'))).toBe(true);
		for (const d of toPriya) expectNoJudgement(`${d.mail.text ?? ''}${d.mail.html || ''}`, `email “${d.mail.subject}”`);

		const ics = await app.request(`/api/v1/interviews/${id}/ics`, { cookie: priya });
		expect(ics.status).toBe(200);
		expectNoJudgement(await ics.text(), 'interview .ics');
		const feed = await app.api('POST', '/api/v1/me/calendar-feed', priya);
		expect(feed.status).toBe(201);
		const subscribed = await fetch(feed.body.url.replace(/^https?:\/\/[^/]+/, app.url));
		expect(subscribed.status).toBe(200);
		expectNoJudgement(await subscribed.text(), 'calendar feed');
	});

	it('shows Priya everything once she has submitted her own', async () => {
		const put = await app.api('PUT', `/api/v1/interviews/${id}/scorecards/mine`, priya, {
			rating: 2,
			recommendation: 'maybe'
		});
		expect(put.status).toBe(201);
		const logs = await app.api('GET', `/api/v1/interviews/${id}/logs`, priya);
		const inesEntry = logs.body.data.find(
			(l: { action: string; actor: { name: string } }) => l.action === 'scorecard' && l.actor.name === INES!.name
		);
		expect(inesEntry.new_values).toMatchObject({ rating: 4, recommendation: 'proceed' });
		const html = await (await app.request(`/interviews/${id}`, { cookie: priya })).text();
		expect(html).toContain('rating 4, Proceed to next round');
	});
});
