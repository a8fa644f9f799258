/**
 * Reminders and scorecard requests under a controlled clock, on both databases, delivered to a real
 * SMTP server: each is sent once however often the job runs, a reschedule moves them, a cancel drops
 * them, a submitted scorecard or a finalization stops the requests, preferences keep email away while
 * the inbox still gets everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '../../src/lib/domain/time';
import { queueDueNotifications } from '../../src/lib/server/notifications/due';
import { startTestApp, type TestApp } from '../helpers/app';
import { bookDirect } from '../helpers/calendar';
import { databaseKinds } from '../helpers/db';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

const kinds = await databaseKinds();
const H = 3600_000;
const ADMIN = DEMO_ACCOUNTS.admin.email;
const [INES, MARCO] = DEMO_ACCOUNTS.interviewers.map((i) => i.email) as [string, string];
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const LENA = DEMO_ACCOUNTS.candidates[1].email;
const TOMAS = DEMO_ACCOUNTS.candidates[2].email;

describe.each(kinds)('reminders and scorecard requests on %s', (kind) => {
	let app: TestApp;
	let sink: SmtpSink;
	let admin: string;

	beforeAll(async () => {
		sink = await startSmtpSink();
		app = await startTestApp(kind, { SMTP_URL: sink.url });
		admin = await app.login(ADMIN);
		// Schedule messages of the seeded interviews are not what these tests count.
		await app.runtime.outbox.drain();
	});
	afterAll(async () => {
		await app?.close();
		await sink?.stop();
	});

	/** Runs the job at `at`, as a runner whose clock says so. */
	const pass = (at: Date | number) =>
		queueDueNotifications({ sql: app.runtime.db.sql, bus: app.runtime.bus }, new Date(at));

	/** The messages delivered since `from` about an interview, as "kind → recipients". */
	function mailsAbout(interviewId: string) {
		return sink.delivered.filter(
			(d) => d.mail.text?.includes(interviewId) || d.mail.html?.toString().includes(interviewId)
		);
	}
	const to = (d: (typeof sink.delivered)[number]) =>
		(Array.isArray(d.mail.to) ? d.mail.to : [d.mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);

	/** Messages queued about one interview so far (other interviews of the demo fall due too). */
	async function written(id: string): Promise<number> {
		const [r] = await app.runtime.db.sql<
			{ n: number }[]
		>`select count(*)::int as n from outbox where interview_id = ${id}
			and kind in ('reminder_24h', 'reminder_1h', 'feedback_request')`;
		return r!.n;
	}

	/** Runs the job at `at` and answers how many messages it queued about this interview. */
	async function passFor(id: string, at: Date | number): Promise<number> {
		const before = await written(id);
		await pass(at);
		return (await written(id)) - before;
	}

	async function startOf(id: string): Promise<Date> {
		const [r] = await app.runtime.db.sql<{ start_at: Date }[]>`select start_at from interviews where id = ${id}`;
		return r!.start_at;
	}

	it('reminds the candidate and the panel a day and an hour before, each once however often the job runs', async () => {
		const [id] = await bookDirect(app, [
			{ candidate: SAM, startInMin: 3 * 24 * 60, mode: 'online', panel: [INES, MARCO], durationMin: 45 }
		]);
		const start = (await startOf(id!)).getTime();
		expect(await passFor(id!, start - 25 * H)).toBe(0);
		expect(await passFor(id!, start - 23 * H)).toBe(3);
		// The same pass again, a minute later, and from a second runner: nothing more.
		expect(await passFor(id!, start - 23 * H + 60_000)).toBe(0);
		expect(await passFor(id!, start - 22 * H)).toBe(0);
		await app.runtime.outbox.drain();
		const first = mailsAbout(id!).filter((d) => d.mail.subject?.startsWith('Reminder'));
		expect(first.map(to).flat().sort()).toEqual([INES, MARCO, SAM].sort());
		const forSam = first.find((d) => to(d).includes(SAM))!;
		expect(forSam.mail.subject).toMatch(
			/^Reminder: your interview with Northfield University Admissions tomorrow at \d\d:\d\d$/
		);
		expect(forSam.mail.html).toContain(`/interviews/${id}/room`);
		expect(forSam.calendar).toBeNull();

		expect(await passFor(id!, start - 50 * 60_000)).toBe(3);
		expect(await passFor(id!, start - 10 * 60_000)).toBe(0);
		// Once it has started, nothing.
		expect(await passFor(id!, start + 60_000)).toBe(0);
		await app.runtime.outbox.drain();
		const all = mailsAbout(id!).filter((d) => /^(Reminder|Starting soon)/.test(d.mail.subject ?? ''));
		expect(all).toHaveLength(6);
		expect(
			all
				.filter((d) => d.mail.subject?.startsWith('Starting soon'))
				.map(to)
				.flat()
				.sort()
		).toEqual([INES, MARCO, SAM].sort());
	});

	it('moves pending reminders with a reschedule and sends them for the new time only', async () => {
		const [id] = await bookDirect(app, [
			{ candidate: LENA, startInMin: 3 * 24 * 60 + 120, mode: 'online', panel: [INES], durationMin: 30 }
		]);
		const oldStart = (await startOf(id!)).getTime();
		expect(await passFor(id!, oldStart - 23 * H)).toBe(2);
		// Moved a day later before the reminders went out (the mail server was slow, say).
		const newStart = new Date(oldStart + 24 * H).toISOString();
		const moved = await app.api('PATCH', `/api/v1/interviews/${id}`, admin, {
			start: newStart,
			reason: 'Panel travelling'
		});
		expect(moved.status).toBe(200);
		await app.runtime.outbox.drain();
		expect(mailsAbout(id!).filter((d) => d.mail.subject?.startsWith('Reminder'))).toHaveLength(0);
		const [dropped] = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from outbox where interview_id = ${id!} and kind = 'reminder_24h' and status = 'cancelled'`;
		expect(dropped!.n).toBe(2);

		// At the old time's reminder moment nothing is due; at the new one's, one each.
		expect(await passFor(id!, oldStart - 22 * H)).toBe(0);
		expect(await passFor(id!, Date.parse(newStart) - 23 * H)).toBe(2);
		await app.runtime.outbox.drain();
		const reminders = mailsAbout(id!).filter((d) => d.mail.subject?.startsWith('Reminder'));
		expect(reminders.map(to).flat().sort()).toEqual([INES, LENA].sort());
	});

	it('drops the reminders of a cancelled interview', async () => {
		const [id] = await bookDirect(app, [
			{ candidate: TOMAS, startInMin: 3 * 24 * 60 + 240, mode: 'offline', panel: [INES] }
		]);
		const start = (await startOf(id!)).getTime();
		expect(await passFor(id!, start - 23 * H)).toBe(2);
		const cancelled = await app.api('POST', `/api/v1/interviews/${id}/cancel`, admin, { reason: 'Withdrew' });
		expect(cancelled.status).toBe(200);
		await app.runtime.outbox.drain();
		expect(mailsAbout(id!).filter((d) => /^(Reminder|Starting soon)/.test(d.mail.subject ?? ''))).toHaveLength(0);
		expect(await passFor(id!, start - 50 * 60_000)).toBe(0);
	});

	it('asks each panel member for a scorecard 1 h after the end, then each business morning, until they submit or it is finalized', async () => {
		const [id] = await bookDirect(app, [
			{
				candidate: SAM,
				startInMin: -150,
				durationMin: 30,
				mode: 'online',
				panel: [INES, MARCO],
				round: 3,
				extra: { status: 'completed' }
			}
		]);
		const [row] = await app.runtime.db.sql<{ end_at: Date }[]>`select end_at from interviews where id = ${id!}`;
		const end = row!.end_at.getTime();
		expect(await passFor(id!, end + 30 * 60_000)).toBe(0);
		expect(await passFor(id!, end + H)).toBe(2);
		expect(await passFor(id!, end + 2 * H)).toBe(0);
		await app.runtime.outbox.drain();
		const firstAsk = mailsAbout(id!).filter((d) => d.mail.subject === 'Please submit your scorecard for Sam Carter');
		expect(firstAsk.map(to).flat().sort()).toEqual([INES, MARCO].sort());
		expect(firstAsk[0]!.mail.html).toContain(`/interviews/${id}#scorecard`);

		// Ines submits; the next business morning (09:00 in New York, both are there… Marco is in Rome).
		const ines = await app.login(INES);
		expect(
			(await app.api('PUT', `/api/v1/interviews/${id}/scorecards/mine`, ines, { rating: 4, recommendation: 'proceed' }))
				.status
		).toBe(201);
		let day = zonedDate(end + H, 'Europe/Rome');
		do day = addDaysToYmd(day, 1);
		while (isoWeekdayOfYmd(day) > 5);
		const nextMorning = zonedWallTimeToUtc(day, '09:00', 'Europe/Rome').getTime();
		expect(await passFor(id!, nextMorning + 60_000)).toBe(1);
		await app.runtime.outbox.drain();
		const reminders = mailsAbout(id!).filter(
			(d) => d.mail.subject === 'Reminder: your scorecard for Sam Carter is still missing'
		);
		expect(reminders.map(to).flat()).toEqual([MARCO]);

		// Finalized: no more requests, even on the following mornings.
		expect((await app.api('POST', `/api/v1/interviews/${id}/finalize`, admin)).status).toBe(200);
		expect(await passFor(id!, nextMorning + 24 * H + 60_000)).toBe(0);
		expect(await passFor(id!, nextMorning + 72 * H + 60_000)).toBe(0);
	});

	it('keeps email away from a person who turned a kind off, while their inbox still gets it', async () => {
		const marco = await app.login(MARCO);
		const prefs = await app.api('PATCH', '/api/v1/me/notification-preferences', marco, {
			email: { reminder_24h: false }
		});
		expect(prefs.status).toBe(200);
		expect(prefs.body.email).toMatchObject({ reminder_24h: false, reminder_1h: true, feedback_request: true });
		// A kind a candidate does not receive is refused, and changes nothing.
		const sam = await app.login(SAM);
		const refused = await app.api('PATCH', '/api/v1/me/notification-preferences', sam, {
			email: { feedback_request: false }
		});
		expect(refused.status).toBe(422);
		expect(refused.body.error.details.fields).toHaveProperty('email.feedback_request');

		const [id] = await bookDirect(app, [
			{ candidate: LENA, startInMin: 5 * 24 * 60, mode: 'online', panel: [INES, MARCO] }
		]);
		const start = (await startOf(id!)).getTime();
		expect(await passFor(id!, start - 23 * H)).toBe(2);
		await app.runtime.outbox.drain();
		const got = mailsAbout(id!).filter((d) => d.mail.subject?.startsWith('Reminder'));
		expect(got.map(to).flat().sort()).toEqual([INES, LENA].sort());

		const inbox = await app.api('GET', '/api/v1/me/notifications?unread=true', marco);
		expect(inbox.status).toBe(200);
		const item = inbox.body.data.find(
			(n: { interview_id: string; kind: string }) => n.interview_id === id && n.kind === 'reminder_24h'
		);
		expect(item).toBeDefined();
		expect(item.title).toMatch(/^Reminder: interview with Lena Fischer tomorrow at/);
		expect(item.read_at).toBeNull();
		const before = inbox.body.unread as number;
		const read = await app.api('POST', '/api/v1/me/notifications/read', marco, { ids: [item.id] });
		expect(read.body.unread).toBe(before - 1);
		// Another person's id changes nothing of theirs.
		const lena = await app.login(LENA);
		const lenaInbox = await app.api('GET', '/api/v1/me/notifications', lena);
		const lenaItem = lenaInbox.body.data[0];
		await app.api('POST', '/api/v1/me/notifications/read', marco, { ids: [lenaItem.id] });
		expect((await app.api('GET', '/api/v1/me/notifications', lena)).body.data[0].read_at).toBeNull();
		expect((await app.api('POST', '/api/v1/me/notifications/read', marco, { all: true })).body.unread).toBe(0);
	});
});
