/**
 * Schedule changes reach the candidate and the panel, on both databases, through a real SMTP server:
 * written by the projection in the transaction of the change, each with HTML and text parts in the
 * recipient's zone and, where the calendar should change, an invitation (REQUEST, the interview's
 * UID, a growing SEQUENCE) or a cancellation. Projecting the same change again writes nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { projectCalendar } from '../../server/runtime';
import { startTestApp, type TestApp } from '../helpers/app';
import { futureStart } from '../helpers/calendar';
import { databaseKinds } from '../helpers/db';
import { startSmtpSink, type Delivered, type SmtpSink } from '../helpers/smtp';

const kinds = await databaseKinds();
const ADMIN = DEMO_ACCOUNTS.admin.email;
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers.map((i) => i.email) as [string, string, string];
const SAM = DEMO_ACCOUNTS.candidates[0].email;

/** The unfolded properties of an .ics (first value of each name) and its ATTENDEE lines. */
function ics(text: string) {
	const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
	const get = (name: string) =>
		lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, '');
	return { get, attendees: lines.filter((l) => l.startsWith('ATTENDEE')), raw: text };
}

const addresses = (d: Delivered) =>
	(Array.isArray(d.mail.to) ? d.mail.to : [d.mail.to]).flatMap((a) => a?.value.map((v) => v.address ?? '') ?? []);

describe.each(kinds)('schedule changes by email on %s', (kind) => {
	let app: TestApp;
	let sink: SmtpSink;
	let admin: string;
	let interviewId = '';
	let people: Record<string, string> = {};
	let start = '';

	beforeAll(async () => {
		sink = await startSmtpSink();
		app = await startTestApp(kind, { SMTP_URL: sink.url });
		admin = await app.login(ADMIN);
		const sam = await app.login(SAM);
		expect((await app.api('PATCH', '/api/v1/me', sam, { timezone: 'Europe/Berlin' })).status).toBe(200);
		const rows = await app.runtime.db.sql<{ id: string; email: string }[]>`select id, email from users`;
		people = Object.fromEntries(rows.map((r) => [r.email, r.id]));
		// The seeded interviews' own messages are not what these tests count.
		await app.runtime.outbox.drain();
		sink.delivered.length = 0;
	});
	afterAll(async () => {
		await app?.close();
		await sink?.stop();
	});

	/** Sends what is queued and answers what arrived meanwhile. */
	async function sent(): Promise<Delivered[]> {
		const from = sink.delivered.length;
		await app.runtime.outbox.drain();
		return sink.delivered.slice(from);
	}
	const forWhom = (mails: Delivered[], email: string) => mails.filter((d) => addresses(d).includes(email));

	it('invites the candidate and the panel when an interview is booked, each in their own zone', async () => {
		const [application] = (await app.api('GET', '/api/v1/applications?q=Sam', admin)).body.data;
		start = futureStart(6, 14);
		const booked = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: application.id,
			start,
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [people[INES], people[MARCO]]
		});
		expect(booked.status).toBe(201);
		interviewId = booked.body.id;
		// Written with the change: there before any worker ran.
		const [queued] = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from outbox where interview_id = ${interviewId} and status = 'queued'`;
		expect(queued!.n).toBe(3);

		const mails = await sent();
		expect(mails.map(addresses).flat().sort()).toEqual([INES, MARCO, SAM].sort());
		const [forSam] = forWhom(mails, SAM);
		const berlin = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Berlin',
			hour: '2-digit',
			minute: '2-digit'
		}).format(new Date(start));
		expect(forSam!.mail.subject).toMatch(/^Your interview with Northfield University Admissions: \w+day, \d/);
		expect(forSam!.mail.text).toContain(`${berlin}–`);
		expect(forSam!.mail.text).toContain('Europe/Berlin (GMT+');
		expect(forSam!.mail.html).toContain(`/interviews/${interviewId}/room`);
		// The candidate's view: the interviewers' names, nothing of the panel's own.
		expect(forSam!.mail.text).toContain('Interviewers: Ines Okafor, Marco Bianchi');
		expect(forSam!.mail.text).not.toContain('Round');
		const invite = ics(forSam!.calendar!.text);
		expect(forSam!.calendar!.method).toBe('REQUEST');
		expect(invite.get('METHOD')).toBe('REQUEST');
		expect(invite.get('UID')).toBe(interviewId);
		expect(invite.get('SEQUENCE')).toBe('0');
		// An invitation names every attendee: the candidate and the whole panel (RFC 5546 REQUEST).
		expect(invite.attendees).toHaveLength(3);
		expect(invite.attendees.some((a) => /RSVP=TRUE.*:MAILTO:sam@student\.test$/i.test(a))).toBe(true);
		for (const who of [INES, MARCO]) expect(invite.attendees.some((a) => a.toLowerCase().endsWith(who))).toBe(true);
		expect(invite.raw.endsWith('END:VCALENDAR\r\n')).toBe(true);

		const [forMarco] = forWhom(mails, MARCO);
		expect(forMarco!.mail.subject).toMatch(/^Interview with Sam Carter: /);
		expect(forMarco!.mail.text).toContain('Candidate: Sam Carter · Round 1');
		// Marco's own zone, Rome.
		expect(forMarco!.mail.text).toContain('Europe/Rome (GMT+');
		expect(ics(forMarco!.calendar!.text).get('UID')).toBe(interviewId);
		// The Message-ID names the outbox row.
		const ids = await app.runtime.db.sql<{ id: string }[]>`select id from outbox where interview_id = ${interviewId}`;
		expect(ids.map((r) => `<${r.id}@parley.local>`).sort()).toEqual(mails.map((d) => d.mail.messageId).sort());
	});

	it('sends the new time with a higher SEQUENCE when it moves, the reason to the panel only, and respects who turned it off', async () => {
		const ines = await app.login(INES);
		await app.api('PATCH', '/api/v1/me/notification-preferences', ines, { email: { interview_rescheduled: false } });
		const moved = new Date(Date.parse(start) + 26 * 3600_000).toISOString();
		const res = await app.api('PATCH', `/api/v1/interviews/${interviewId}`, admin, {
			start: moved,
			reason: 'Marco has a clash with a committee'
		});
		expect(res.status).toBe(200);
		const mails = await sent();
		expect(mails.map(addresses).flat().sort()).toEqual([MARCO, SAM].sort());
		const [forSam] = forWhom(mails, SAM);
		expect(forSam!.mail.subject).toMatch(/^New time for your interview with Northfield University Admissions: /);
		expect(forSam!.mail.text).toContain('Was: (was) ');
		expect(forSam!.mail.text).not.toContain('committee');
		const invite = ics(forSam!.calendar!.text);
		expect([invite.get('METHOD'), invite.get('UID'), invite.get('SEQUENCE')]).toEqual(['REQUEST', interviewId, '1']);
		const [forMarco] = forWhom(mails, MARCO);
		expect(forMarco!.mail.text).toContain('Reason: Marco has a clash with a committee');
		// Ines still sees it in her inbox.
		const inbox = await app.api('GET', '/api/v1/me/notifications', ines);
		expect(
			inbox.body.data.some(
				(n: { kind: string; interview_id: string }) =>
					n.kind === 'interview_rescheduled' && n.interview_id === interviewId
			)
		).toBe(true);
		start = moved;
	});

	it('tells only those concerned when the panel changes: added with an invitation, removed with a cancellation', async () => {
		const res = await app.api('PATCH', `/api/v1/interviews/${interviewId}`, admin, {
			panel: [people[INES], people[PRIYA]]
		});
		expect(res.status).toBe(200);
		const mails = await sent();
		expect(mails.map(addresses).flat().sort()).toEqual([MARCO, PRIYA].sort());
		const [forPriya] = forWhom(mails, PRIYA);
		expect(forPriya!.mail.subject).toMatch(/^You joined the panel: interview with Sam Carter/);
		expect(forPriya!.calendar!.method).toBe('REQUEST');
		const [forMarco] = forWhom(mails, MARCO);
		expect(forMarco!.mail.subject).toMatch(/^You are off the panel: interview with Sam Carter/);
		expect(forMarco!.calendar!.method).toBe('CANCEL');
		expect(ics(forMarco!.calendar!.text).get('UID')).toBe(interviewId);
	});

	it('writes nothing more when the same changes are projected again after a restart', async () => {
		const count = async () =>
			(
				await app.runtime.db.sql<
					{ n: number }[]
				>`select count(*)::int as n from outbox where interview_id = ${interviewId}`
			)[0]!.n;
		const before = await count();
		await app.restart();
		admin = await app.login(ADMIN);
		// Loading the calendar again reconciles every interview with its row.
		expect((await app.api('GET', '/api/v1/collab/token', admin)).status).toBe(200);
		await projectCalendar(app.runtime.collab, app.orgId);
		expect(await count()).toBe(before);
	});

	it('cancels in everybody’s calendar, shows each email on the interview page, and fills the inbox', async () => {
		const res = await app.api('POST', `/api/v1/interviews/${interviewId}/cancel`, admin, { reason: 'Sam withdrew' });
		expect(res.status).toBe(200);
		const mails = await sent();
		expect(mails.map(addresses).flat().sort()).toEqual([INES, PRIYA, SAM].sort());
		for (const d of mails) {
			expect(d.calendar!.method).toBe('CANCEL');
			const c = ics(d.calendar!.text);
			expect([c.get('METHOD'), c.get('UID'), c.get('SEQUENCE'), c.get('STATUS')]).toEqual([
				'CANCEL',
				interviewId,
				'2',
				'CANCELLED'
			]);
		}
		const [forSam] = forWhom(mails, SAM);
		expect(forSam!.mail.subject).toMatch(/^Cancelled: your interview with Northfield University Admissions/);
		expect(forSam!.mail.text).not.toContain('withdrew');

		const page = await app.request(`/interviews/${interviewId}`, { cookie: admin });
		const html = await page.text();
		expect(html).toMatch(/Email to Sam Carter sent \d\d:\d\d/);
		expect(html).toMatch(/Email to Marco Bianchi sent/);

		const sam = await app.login(SAM);
		const inbox = await app.api('GET', '/api/v1/me/notifications', sam);
		const mine = inbox.body.data.filter((n: { interview_id: string }) => n.interview_id === interviewId);
		expect(mine.map((n: { kind: string }) => n.kind)).toEqual([
			'interview_cancelled',
			'interview_rescheduled',
			'interview_scheduled'
		]);
		expect(mine[0].link).toBe('/me');
	});
});
