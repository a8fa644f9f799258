/**
 * Every .ics Parley hands out, read strictly (tests/helpers/ical-strict.ts: CRLF after every line,
 * the last one too, lines of at most 75 octets, parsed by ical.js) through the ways people get them:
 * "Add to calendar", the calendar feed and the invitations by email. One file purpose, one METHOD:
 * a file to add and a feed are PUBLISH with no ATTENDEE; an invitation is REQUEST, and its
 * withdrawal CANCEL, each naming the ORGANIZER and every attendee (the candidate and the whole
 * panel). The UID is the interview's for its whole life, and SEQUENCE grows with each reschedule
 * and the cancel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { futureStart } from '../helpers/calendar';
import { databaseKinds } from '../helpers/db';
import { parseStrict, type StrictCalendar } from '../helpers/ical-strict';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

const kinds = (await databaseKinds()).slice(0, 1);
const ADMIN = DEMO_ACCOUNTS.admin.email;
const [INES, MARCO] = DEMO_ACCOUNTS.interviewers.map((i) => i.email) as [string, string];
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const EVERYONE = [INES, MARCO, SAM].sort();

describe.each(kinds)('the .ics files on %s', (kind) => {
	let app: TestApp;
	let sink: SmtpSink;
	let admin: string;
	let ines: string;
	let sam: string;
	let feedPath = '';
	let interviewId = '';
	let people: Record<string, string> = {};

	beforeAll(async () => {
		sink = await startSmtpSink();
		app = await startTestApp(kind, { SMTP_URL: sink.url });
		admin = await app.login(ADMIN);
		ines = await app.login(INES);
		sam = await app.login(SAM);
		const rows = await app.runtime.db.sql<{ id: string; email: string }[]>`select id, email from users`;
		people = Object.fromEntries(rows.map((r) => [r.email, r.id]));
		feedPath = new URL((await app.api('POST', '/api/v1/me/calendar-feed', ines)).body.url).pathname;
		await app.runtime.outbox.drain();
		sink.delivered.length = 0;
	});
	afterAll(async () => {
		await app?.close();
		await sink?.stop();
	});

	/** The invitations sent since the last call, each read strictly. */
	async function invitations(): Promise<StrictCalendar[]> {
		const from = sink.delivered.length;
		await app.runtime.outbox.drain();
		return sink.delivered
			.slice(from)
			.filter((d) => d.calendar)
			.map((d) => {
				const cal = parseStrict(d.calendar!.text);
				// The part's content type says the same METHOD as the file.
				expect(d.calendar!.method?.toUpperCase()).toBe(cal.method);
				return cal;
			});
	}

	/** "Add to calendar" for a person, read strictly. */
	async function download(cookie: string): Promise<StrictCalendar> {
		const res = await app.request(`/api/v1/interviews/${interviewId}/ics`, { cookie });
		expect(res.status).toBe(200);
		return parseStrict(await res.text());
	}

	/** The interview's event in Ines's feed, read strictly. */
	async function inFeed() {
		const res = await app.request(feedPath);
		expect(res.status).toBe(200);
		const cal = parseStrict(await res.text());
		expect(cal.method).toBe('PUBLISH');
		return cal.events.find((e) => e.uid === interviewId);
	}

	/** Every file of this moment: each is PUBLISH without attendees, or an invitation to all of them. */
	async function everyFile(expectMethod: 'REQUEST' | 'CANCEL') {
		const mails = await invitations();
		expect(mails).toHaveLength(3);
		for (const cal of mails) {
			expect(cal.method).toBe(expectMethod);
			expect(cal.events[0]!.uid).toBe(interviewId);
			expect(cal.events[0]!.attendees).toEqual(EVERYONE);
		}
		const files = [await download(sam), await download(ines), await download(admin)];
		for (const cal of files) {
			expect(cal.method).toBe('PUBLISH');
			expect(cal.events.map((e) => e.uid)).toEqual([interviewId]);
			expect(cal.events[0]!.attendees).toEqual([]);
		}
		const sequences = new Set([...mails, ...files].map((c) => c.events[0]!.sequence));
		// Every file of one moment says the same version of the interview.
		expect(sequences.size).toBe(1);
		return { sequence: [...sequences][0]!, event: files[0]!.events[0]! };
	}

	it('keeps the UID and raises SEQUENCE from booking through two moves to the cancel, in every file', async () => {
		const [application] = (await app.api('GET', '/api/v1/applications?q=Sam', admin)).body.data;
		const start = futureStart(6, 14);
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
		const first = await everyFile('REQUEST');
		expect(first.event.start).toBe(new Date(start).toISOString());
		expect((await inFeed())?.sequence).toBe(first.sequence);

		let previous = first.sequence;
		for (const hours of [26, 50]) {
			const moved = new Date(Date.parse(start) + hours * 3600_000).toISOString();
			const res = await app.api('PATCH', `/api/v1/interviews/${interviewId}`, admin, { start: moved, reason: 'Clash' });
			expect(res.status).toBe(200);
			const now = await everyFile('REQUEST');
			expect(now.event.start).toBe(moved);
			expect(now.sequence).toBeGreaterThan(previous);
			expect((await inFeed())?.sequence).toBe(now.sequence);
			previous = now.sequence;
		}

		const cancelled = await app.api('POST', `/api/v1/interviews/${interviewId}/cancel`, admin, {
			reason: 'The candidate withdrew'
		});
		expect(cancelled.status).toBe(200);
		const last = await everyFile('CANCEL');
		expect(last.sequence).toBeGreaterThan(previous);
		expect(last.event.status).toBe('CANCELLED');
	});

	it('ends every file of the feed with CRLF and keeps the METHOD rules for every event in it', async () => {
		const res = await app.request(feedPath);
		const text = await res.text();
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		const cal = parseStrict(text);
		expect(cal.events.length).toBeGreaterThan(0);
		for (const e of cal.events) expect(e.attendees).toEqual([]);
	});

	it('sends one message per person for a loop, with an invitation per session, moved and cancelled together', async () => {
		const LENA = DEMO_ACCOUNTS.candidates[1].email;
		const PRIYA = DEMO_ACCOUNTS.interviewers[2].email;
		const [application] = (await app.api('GET', '/api/v1/applications?q=Lena', admin)).body.data;
		const start = futureStart(9, 14);
		// Ines sits on the first and the third session: she hears once, about both.
		const panels = [[INES], [MARCO], [INES, PRIYA]];
		const booked = await app.api('POST', '/api/v1/loops', admin, {
			application_id: application.id,
			start,
			timezone: 'America/New_York',
			break_min: 15,
			mode: 'online',
			sessions: panels.map((p) => ({ panel: p.map((e) => people[e]), duration_min: 45, type: 'video' }))
		});
		expect(booked.status, JSON.stringify(booked.body)).toBe(201);
		const sessionIds = booked.body.interview_ids as string[];
		const mine = (email: string) => sessionIds.filter((_, n) => email === LENA || panels[n]!.includes(email));
		const attendeesOf = (n: number) => [LENA, ...panels[n]!].sort();

		/** The messages of this moment: one per person, with an invitation per session of theirs (iTIP: one UID each). */
		async function perPerson(method: 'REQUEST' | 'CANCEL') {
			const from = sink.delivered.length;
			await app.runtime.outbox.drain();
			const mails = sink.delivered.slice(from).filter((d) => d.calendar);
			const to = mails.map((d) => (d.mail.to as { text: string }).text.replace(/^.*<|>$/g, ''));
			expect(to.sort()).toEqual([INES, LENA, MARCO, PRIYA].sort());
			const byPerson = new Map<string, ReturnType<typeof parseStrict>['events']>();
			for (const d of mails) {
				const email = (d.mail.to as { text: string }).text.replace(/^.*<|>$/g, '');
				const files = d.calendars.map((c) => {
					const cal = parseStrict(c.text);
					expect(c.method).toBe(cal.method);
					expect(cal.method).toBe(method);
					return cal.events[0]!;
				});
				expect(files.map((e) => e.uid)).toEqual(mine(email));
				for (const e of files) {
					expect(e.organizer).toBeTruthy();
					expect(e.attendees).toEqual(attendeesOf(sessionIds.indexOf(e.uid)));
				}
				byPerson.set(email, files);
			}
			return byPerson.get(LENA)!;
		}
		const first = await perPerson('REQUEST');
		expect(first.map((e) => e.start)).toEqual(
			[0, 60, 120].map((m) => new Date(Date.parse(start) + m * 60_000).toISOString())
		);

		const later = new Date(Date.parse(start) + 24 * 3600_000).toISOString();
		const moved = await app.api('POST', `/api/v1/loops/${booked.body.id}/reschedule`, admin, {
			start: later,
			reason: 'The panel travels'
		});
		expect(moved.status, JSON.stringify(moved.body)).toBe(200);
		const second = await perPerson('REQUEST');
		second.forEach((e, n) => expect(e.sequence).toBeGreaterThan(first[n]!.sequence));
		expect(second[0]!.start).toBe(later);

		const cancelled = await app.api('POST', `/api/v1/loops/${booked.body.id}/cancel`, admin, { reason: 'Withdrew' });
		expect(cancelled.status).toBe(200);
		const last = await perPerson('CANCEL');
		last.forEach((e, n) => {
			expect(e.status).toBe('CANCELLED');
			expect(e.sequence).toBeGreaterThan(second[n]!.sequence);
		});
	});
});
