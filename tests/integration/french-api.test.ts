/**
 * The API's error `message` follows `Accept-Language` (issue 14): French for `fr`, English
 * otherwise, while `code`, `details.rule` and the shape stay the same, so a client keys on the code
 * and shows the message. Covers a rule with numbers (the minimum notice), a field error, a 404, bad
 * JSON, an unknown endpoint and the "why no free times?" lines of `/availability`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { startTestApp, type TestApp } from '../helpers/app';

const ADMIN = DEMO_ACCOUNTS.admin.email;
const NB = '\u00a0';

interface ErrorBody {
	error: { code: string; message: string; details: Record<string, unknown> };
}

describe('API messages in the language asked for', () => {
	let app: TestApp;
	let admin: string;
	let applicationId: string;
	let interviewerId: string;

	beforeAll(async () => {
		app = await startTestApp('embedded');
		admin = await app.login(ADMIN);
		[{ id: applicationId }] = (await app.api('GET', '/api/v1/applications?q=Sam', admin)).body.data;
		const [ines] = await app.runtime.db.sql<{ id: string }[]>`
			select id from users where email = ${DEMO_ACCOUNTS.interviewers[0].email}`;
		interviewerId = ines!.id;
	});
	afterAll(async () => {
		await app?.close();
	});

	/** The same request in French and with no language, as JSON. */
	async function both(method: string, path: string, body?: unknown) {
		const send = async (lang?: string) => {
			const headers: Record<string, string> = {};
			if (lang) headers['accept-language'] = lang;
			if (body !== undefined) headers['content-type'] = 'application/json';
			const res = await app.request(path, {
				method,
				cookie: admin,
				headers,
				body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
			});
			return { status: res.status, body: (await res.json()) as ErrorBody & Record<string, unknown> };
		};
		const [fr, en] = [await send('fr-FR,fr;q=0.9,en;q=0.5'), await send()];
		expect(fr.status).toBe(en.status);
		return { fr, en };
	}

	it('says a refused booking’s rule with its numbers in French, with the same code and rule', async () => {
		const soon = new Date(Date.now() + 60 * 60_000);
		soon.setUTCSeconds(0, 0);
		const { fr, en } = await both('POST', '/api/v1/interviews', {
			application_id: applicationId,
			start: soon.toISOString(),
			duration_min: 45,
			timezone: 'Europe/Paris',
			type: 'video',
			mode: 'online',
			panel: [interviewerId]
		});
		expect(fr.status).toBe(422);
		expect(en.body.error.message).toBe('The start must be at least 2 hours from now.');
		expect(fr.body.error.message).toBe(`L’entretien doit commencer dans 2${NB}heures au moins.`);
		expect(fr.body.error.code).toBe(en.body.error.code);
		expect(fr.body.error.details.rule).toBe('min_notice');
		expect(en.body.error.details.rule).toBe('min_notice');
	});

	it('says a field error, a 404, bad JSON and an unknown endpoint in French with the same codes', async () => {
		const field = await both('POST', '/api/v1/interviews', { application_id: applicationId, duration_min: 'long' });
		expect(field.fr.body.error.code).toBe('validation_failed');
		expect(field.en.body.error.code).toBe('validation_failed');
		expect(field.en.body.error.message).toMatch(/^The start is required \(and \d+ more fields\)\.$/);
		expect(field.fr.body.error.message).toMatch(/^Le début est obligatoire \(et \d+\u00a0autres champs\)\.$/);
		expect((field.fr.body.error.details.fields as Record<string, string>).duration_min).toBe('doit être un nombre');

		const missing = await both('GET', '/api/v1/interviews/00000000-0000-4000-8000-000000000000');
		expect(missing.en.body.error).toMatchObject({ code: 'not_found', message: 'The interview was not found.' });
		expect(missing.fr.body.error).toMatchObject({ code: 'not_found', message: 'L’entretien est introuvable.' });

		const json = await both('POST', '/api/v1/interviews', '{not json');
		expect(json.en.body.error).toMatchObject({ code: 'bad_json', message: 'The request body is not valid JSON.' });
		expect(json.fr.body.error).toMatchObject({
			code: 'bad_json',
			message: 'Le corps de la requête n’est pas du JSON valide.'
		});

		const nowhere = await both('GET', '/api/v1/nowhere');
		expect(nowhere.fr.body.error.code).toBe('not_found');
		expect(nowhere.fr.body.error.message).toBe('Aucun point d’accès de l’API à l’adresse /api/v1/nowhere.');
	});

	it('explains days without free times in French, reason codes unchanged', async () => {
		// From now to two days on: today is too soon (at least in part); nothing else is asked.
		const from = new Date().toISOString();
		const to = new Date(Date.now() + 2 * 86400_000).toISOString();
		const q = new URLSearchParams({ interviewer_ids: interviewerId, from, to, duration_min: '480', timezone: 'UTC' });
		const { fr, en } = await both('GET', `/api/v1/availability?${q}`);
		expect(fr.status).toBe(200);
		type Day = { date: string; blockers: { reason: string; message: string }[] };
		const frDays = (fr.body.details as { days: Day[] }).days;
		const enDays = (en.body.details as { days: Day[] }).days;
		expect(frDays.length).toBeGreaterThan(0);
		expect(frDays.map((d) => d.blockers.map((b) => b.reason))).toEqual(
			enDays.map((d) => d.blockers.map((b) => b.reason))
		);
		const frLines = frDays.flatMap((d) => d.blockers.map((b) => b.message));
		const enLines = enDays.flatMap((d) => d.blockers.map((b) => b.message));
		expect(enLines.some((l) => /too soon|working hours|Busy|Does not work/.test(l))).toBe(true);
		for (const line of frLines) expect(line).not.toMatch(/\b(the|their|bookings?|interviews?|hours)\b/i);
		expect(frLines.some((l) => /Trop tôt|horaires|Occupé|Ne travaille pas/.test(l))).toBe(true);
	});
});
