/**
 * The outbox end to end, against a real SMTP server (smtp-server + mailparser) and both databases:
 * invitations and personal links are written with their change and delivered with HTML and text
 * parts; the mail server going down loses nothing and duplicates nothing; a refused message fails,
 * shows why, and is sent again by an admin with the same Message-ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { eventually } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

const kinds = await databaseKinds();
const ADMIN = DEMO_ACCOUNTS.admin.email;
const SAM = DEMO_ACCOUNTS.candidates[0].email;

describe.each(kinds)('the outbox on %s', (kind) => {
	let app: TestApp;
	let sink: SmtpSink;
	let admin: string;
	let n = 0;
	const newPerson = () => ({ email: `person${++n}.${kind}@example.test`, name: `Person ${n}`, role: 'interviewer' });

	beforeAll(async () => {
		sink = await startSmtpSink();
		app = await startTestApp(kind, { SMTP_URL: sink.url, OUTBOX_RETRY_BASE_MS: '150', OUTBOX_MAX_ATTEMPTS: '50' });
		admin = await app.login(ADMIN);
	});
	afterAll(async () => {
		await app?.close();
		await sink?.stop();
	});

	async function outboxRows(address: string) {
		return app.runtime.db.sql<
			{ id: string; status: string; attempts: number; last_error: string | null; payload: Record<string, unknown> }[]
		>`
			select id, status, attempts, last_error, payload from outbox where to_address = ${address} order by created_at`;
	}

	it('emails an invitation in HTML and text with a link that works, and keeps no copy of the link once sent', async () => {
		const person = newPerson();
		const res = await app.api('POST', '/api/v1/members', admin, person);
		expect(res.status).toBe(201);
		// A mail server is set up: the answer says the email is queued for it.
		expect([res.body.invitation_mailed, res.body.invitation_email]).toEqual([true, 'queued']);
		// Written with the member, before anything was sent.
		const [queued] = await outboxRows(person.email);
		expect(queued).toMatchObject({ status: 'queued' });
		expect(queued!.payload.secret_url).toBe(res.body.invitation_url);

		await app.runtime.outbox.drain();
		const mine = sink.delivered.filter((d) => d.mail.to && JSON.stringify(d.mail.to).includes(person.email));
		expect(mine).toHaveLength(1);
		const { mail } = mine[0]!;
		expect(mail.subject).toBe('Northfield University Admissions invited you to Parley');
		expect(mail.from?.text).toContain('no-reply@parley.local');
		expect(mail.text).toContain(res.body.invitation_url);
		expect(mail.html).toContain(`href="${res.body.invitation_url}"`);
		expect(mail.html).toContain('Set your password');
		// The expiry is written in the organization's zone (the invitee has none yet), naming it.
		expect(mail.text).toMatch(/expires on \w+day, \d{1,2} \w+ \d{4} at \d\d:\d\d \(America\/New York, GMT-[45]\)\./);
		const [sent] = await outboxRows(person.email);
		expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
		expect(mail.messageId).toBe(`<${sent!.id}@parley.local>`);
		expect(sent!.payload.secret_url).toBeUndefined();

		// The link in the mail sets a password.
		const token = res.body.invitation_url.split('/').pop();
		const accept = await app.request(`/invite/${token}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ password: 'a-good-password', confirm: 'a-good-password' }).toString()
		});
		expect(accept.status).toBe(303);
	});

	it('emails a candidate their personal link', async () => {
		const [sam] = await app.runtime.db.sql<{ id: string }[]>`select id from users where email = ${SAM}`;
		const res = await app.api('POST', `/api/v1/candidates/${sam!.id}/link`, admin);
		expect(res.status).toBe(201);
		await app.runtime.outbox.drain();
		const mail = sink.delivered.at(-1)!.mail;
		expect(JSON.stringify(mail.to)).toContain(SAM);
		expect(mail.subject).toBe('Your personal link to your interviews with Northfield University Admissions');
		expect(mail.text).toContain(res.body.url);
		expect(mail.html).toContain(res.body.url);
	});

	it('keeps every message while the mail server is down, stays responsive, and delivers each once when it returns', async () => {
		await sink.stop();
		const before = sink.delivered.length;
		const people = [newPerson(), newPerson(), newPerson()];
		for (const p of people) expect((await app.api('POST', '/api/v1/members', admin, p)).status).toBe(201);
		// Several rounds against a server that is not there: nothing is lost, nothing is marked sent.
		for (let round = 0; round < 3; round++) {
			await app.runtime.outbox.drain();
			await new Promise((r) => setTimeout(r, 400));
		}
		for (const p of people) {
			const [row] = await outboxRows(p.email);
			expect(row!.status).toBe('queued');
			expect(row!.attempts).toBeGreaterThanOrEqual(2);
			expect(row!.last_error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
		}
		// The app answers meanwhile, and its health names the backlog.
		const started = Date.now();
		const health = await app.api('GET', '/api/health');
		expect(health.status).toBe(200);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(health.body.outbox.queued).toBeGreaterThanOrEqual(3);
		expect(health.body.outbox.oldest_queued_at).not.toBeNull();

		await sink.start();
		await eventually(
			async () => {
				await app.runtime.outbox.drain();
				return (await Promise.all(people.map((p) => outboxRows(p.email)))).every((r) => r[0]!.status === 'sent');
			},
			20_000,
			200
		);
		const arrived = sink.delivered.slice(before).map((d) => JSON.stringify(d.mail.to));
		for (const p of people) expect(arrived.filter((to) => to.includes(p.email))).toHaveLength(1);
		expect((await app.api('GET', '/api/health')).body.outbox).toMatchObject({ queued: 0, sending: 0 });
	});

	it('marks a refused message failed with the reason, and an admin resends it with the same Message-ID', async () => {
		sink.mode = 'permanent';
		const person = newPerson();
		expect((await app.api('POST', '/api/v1/members', admin, person)).status).toBe(201);
		await app.runtime.outbox.drain();
		const [row] = await outboxRows(person.email);
		expect(row).toMatchObject({ status: 'failed', attempts: 1 });
		expect(row!.last_error).toContain('550');

		const list = await app.api('GET', '/api/v1/outbox?status=failed', admin);
		expect(list.status).toBe(200);
		const listed = list.body.data.find((m: { id: string }) => m.id === row!.id);
		expect(listed).toMatchObject({ status: 'failed', to: { address: person.email } });
		expect(listed.last_error).toContain('550');

		// The admins hear of it in their inbox, with the way to the message.
		const inbox = await app.api('GET', '/api/v1/me/notifications?unread=true', admin);
		const told = inbox.body.data.find((n: { kind: string; link: string }) => n.link === `/admin/outbox/${row!.id}`);
		expect(told).toMatchObject({ kind: 'delivery_failed', title: `Email to ${person.name} could not be delivered` });
		expect(told.body).toContain('550');

		sink.mode = 'accept';
		const resent = await app.api('POST', `/api/v1/outbox/${row!.id}/resend`, admin);
		expect(resent.status).toBe(200);
		expect(resent.body.status).toBe('queued');
		// Only a failed message can be resent.
		expect((await app.api('POST', `/api/v1/outbox/${row!.id}/resend`, admin)).status).toBe(409);
		await app.runtime.outbox.drain();
		const got = sink.delivered.filter((d) => JSON.stringify(d.mail.to).includes(person.email));
		expect(got).toHaveLength(1);
		expect(got[0]!.mail.messageId).toBe(resent.body.message_id);
		expect((await outboxRows(person.email))[0]!.status).toBe('sent');
	});

	it('shows the outbox to admins only, with a rendered preview', async () => {
		const list = await app.api('GET', '/api/v1/outbox', admin);
		expect(list.status).toBe(200);
		const first = list.body.data[0];
		const one = await app.api('GET', `/api/v1/outbox/${first.id}`, admin);
		expect(one.status).toBe(200);
		expect(one.body.html).toContain('<!DOCTYPE html>');
		expect(one.body.text.length).toBeGreaterThan(50);
		const ines = await app.login(DEMO_ACCOUNTS.interviewers[0].email);
		expect((await app.api('GET', '/api/v1/outbox', ines)).status).toBe(403);
		expect((await app.api('GET', `/api/v1/outbox/${first.id}`, ines)).status).toBe(403);
	});
});
