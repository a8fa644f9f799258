/**
 * Emails and calendar files in the recipient's language (issue 14): a candidate who chose French
 * gets a French invitation (subject, body, the `.ics` title and description, dates written the
 * French way), while a colleague on the same interview who never chose reads the organization's
 * default, English. Through a real SMTP server, as the worker sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { formatFor } from '../../src/lib/format/dates';
import { futureStart } from '../helpers/calendar';
import { englishTexts } from '../helpers/i18n';
import { startSmtpSink, type Delivered, type SmtpSink } from '../helpers/smtp';

const ADMIN = DEMO_ACCOUNTS.admin.email;
const [INES, MARCO] = DEMO_ACCOUNTS.interviewers.map((i) => i.email) as [string, string];
const SAM = DEMO_ACCOUNTS.candidates[0].email;

/** The unfolded value of a property of an .ics, its escapes undone. */
function icsValue(text: string, name: string): string {
	const line = text
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
	return (line ?? '')
		.replace(/^[^:]*:/, '')
		.replace(/\\n/g, '\n')
		.replace(/\\([,;\\])/g, '$1');
}

const addresses = (d: Delivered) =>
	(Array.isArray(d.mail.to) ? d.mail.to : [d.mail.to]).flatMap((a) => a?.value.map((v) => v.address ?? '') ?? []);

describe('a French recipient’s invitation', () => {
	let app: TestApp;
	let sink: SmtpSink;
	let admin: string;

	beforeAll(async () => {
		sink = await startSmtpSink();
		app = await startTestApp('embedded', { SMTP_URL: sink.url });
		admin = await app.login(ADMIN);
		await app.runtime.db.sql`update users set locale = 'fr', timezone = 'Europe/Paris' where email = ${SAM}`;
		await app.runtime.outbox.drain();
		sink.delivered.length = 0;
	});
	afterAll(async () => {
		await app?.close();
		await sink?.stop();
	});

	it('is French for the candidate who chose French and English for the interviewer who did not', async () => {
		const [application] = (await app.api('GET', '/api/v1/applications?q=Sam', admin)).body.data;
		const people = await app.runtime.db.sql<{ id: string; email: string }[]>`
			select id, email from users where email = any(${[INES, MARCO]}::text[])`;
		const start = futureStart(6, 14);
		const booked = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: application.id,
			start,
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: people.map((p) => p.id)
		});
		expect(booked.status).toBe(201);
		const from = sink.delivered.length;
		await app.runtime.outbox.drain();
		const mails = sink.delivered.slice(from);
		const forSam = mails.find((d) => addresses(d).includes(SAM))!;
		const forMarco = mails.find((d) => addresses(d).includes(MARCO))!;

		// The day and time as French people write them ("jeudi 3 décembre 2026, 15:00–15:45"), in Sam's zone.
		const paris = formatFor('fr-FR', 'Europe/Paris');
		const end = new Date(Date.parse(start) + 45 * 60_000);
		expect(paris.dateLong(start)).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) /);
		expect(forSam.mail.subject).toBe(
			`Votre entretien avec Northfield University Admissions\u00a0: ${paris.dateLong(start)}, ${paris.timeRange(start, end)}`
		);
		expect(forSam.mail.html).toContain('<html lang="fr">');
		const text = forSam.mail.text ?? '';
		expect(text).toContain('Bonjour Sam Carter,');
		expect(text).toContain('Northfield University Admissions a programmé votre entretien en visio.');
		expect(text).toContain('Jury');
		expect(text).toContain('Ines Okafor, Marco Bianchi');
		// Not one English sentence of Parley's left in it (links aside: their paths are English words).
		const words = `${forSam.mail.subject ?? ''}\n${text.replace(/https?:\/\/\S+/g, '')}`;
		expect(englishTexts('fr').filter((t) => words.includes(t))).toEqual([]);

		// The calendar invitation speaks French too, and writes the date the French way.
		const ics = forSam.calendar!.text;
		expect(forSam.calendar!.method).toBe('REQUEST');
		expect(icsValue(ics, 'SUMMARY')).toBe('Entretien en visio · Northfield University Admissions');
		const description = icsValue(ics, 'DESCRIPTION');
		expect(description).toContain('Entretien en visio avec Northfield University Admissions.');
		expect(description).toContain('Jury\u00a0: Ines Okafor, Marco Bianchi.');
		expect(description).toContain('Rejoindre la salle de visio (elle ouvre 15\u00a0minutes avant le début)');
		// "Quand : jeu. 3 déc. 2026, 09:00 – 09:45 (America/New York (UTC−5))": the interview's own zone.
		expect(description).toMatch(
			/Quand\u00a0: (lun|mar|mer|jeu|ven|sam|dim)\. \d{1,2} \S+ \d{4}, \d{2}:\d{2}\s?–\s?\d{2}:\d{2}/
		);
		const described = description.replace(/https?:\/\/\S+/g, '');
		expect(englishTexts('fr').filter((t) => described.includes(t))).toEqual([]);

		// Marco never chose: the organization's default, English.
		expect(forMarco.mail.subject).toMatch(/^Interview with Sam Carter: /);
		expect(icsValue(forMarco.calendar!.text, 'SUMMARY')).toBe('Video interview: Sam Carter');
		expect(icsValue(forMarco.calendar!.text, 'DESCRIPTION')).toContain('When: ');
	});

	it('writes the inbox item in the language its reader asks for', async () => {
		const sam = await app.login(SAM);
		const fr = await app.request('/api/v1/me/notifications', { cookie: sam, headers: { 'accept-language': 'fr-FR' } });
		expect(fr.status).toBe(200);
		const body = (await fr.json()) as { data: { title: string }[] };
		expect(body.data[0]!.title).toMatch(/^Votre entretien avec Northfield University Admissions\u00a0: /);
	});
});
