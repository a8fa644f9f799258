/** Scorecards through the API: the no-anchoring visibility rule step by step, bad input, audit, finalization. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { hashPassword } from '../../src/lib/server/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';
import { startedAgo } from '../helpers/calendar';

const kinds = await databaseKinds();
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;

describe.each(kinds)('scorecards against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let ines: string;
	let marco: string;
	let priya: string;
	/** Oliver Brown's interview: panel Ines and Marco. */
	let oliverId: string;
	let path: string;

	beforeAll(async () => {
		app = await startTestApp(kind);
		[admin, ines, marco, priya] = await Promise.all([
			app.login(DEMO_ACCOUNTS.admin.email),
			app.login(INES!.email),
			app.login(MARCO!.email),
			app.login(PRIYA!.email)
		]);
		const list = await app.api('GET', '/api/v1/interviews?q=Oliver', admin);
		oliverId = list.body.data[0].id;
		path = `/api/v1/interviews/${oliverId}/scorecards`;
		// Oliver's interview has started: its panel may judge it.
		await startedAgo(app, oliverId);
	});

	it('refuses a scorecard before the interview starts with 409 interview_not_started, and says when it opens', async () => {
		// Jonas Berg's interview is still to come (panel Ines and Priya).
		const jonas = (await app.api('GET', '/api/v1/interviews?q=Jonas', admin)).body.data[0];
		const res = await app.api('PUT', `/api/v1/interviews/${jonas.id}/scorecards/mine`, ines, {
			rating: 4,
			recommendation: 'proceed'
		});
		expect(res.status).toBe(409);
		expect(res.body.error).toMatchObject({
			code: 'conflict',
			details: { rule: 'interview_not_started', opens_at: jonas.start }
		});
		expect(res.body.error.message).toContain('opens when the interview starts');
		const read = await app.api('GET', `/api/v1/interviews/${jonas.id}/scorecards`, ines);
		expect(read.body).toMatchObject({ mine: null, blocked: { rule: 'interview_not_started' } });
		const logs = (await app.api('GET', `/api/v1/interviews/${jonas.id}/logs`, admin)).body.data;
		expect(logs.filter((l: { action: string }) => l.action === 'scorecard')).toHaveLength(0);
		const [n] = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from scorecards where interview_id = ${jonas.id}`;
		expect(n!.n).toBe(0);
	});
	afterAll(async () => {
		await app?.close();
	});

	it('withholds the others’ scorecards from an interviewer until they submit their own', async () => {
		// Nobody has submitted: Ines sees nothing, and is told why.
		const empty = await app.api('GET', path, ines);
		expect(empty.status).toBe(200);
		expect(empty.body).toMatchObject({ hidden_until_you_submit: true, hidden_count: 0, mine: null, data: [] });
		expect(empty.body.can_submit).toBe(true);

		// Marco submits first and sees his own.
		const marcos = await app.api('PUT', `${path}/mine`, marco, {
			rating: 4,
			recommendation: 'proceed',
			feedback: 'Marco-secret: clear reasoning.'
		});
		expect(marcos.status).toBe(201);
		expect(marcos.body.mine).toMatchObject({ rating: 4, recommendation: 'proceed', author: { name: MARCO!.name } });
		expect(marcos.body.data).toHaveLength(1);
		expect(marcos.body.hidden_until_you_submit).toBe(false);

		// Ines has not submitted: Marco's card is withheld, only counted.
		const before = await app.api('GET', path, ines);
		expect(before.body).toMatchObject({ hidden_until_you_submit: true, hidden_count: 1, mine: null, data: [] });
		expect(before.body.summary).toBeNull();
		expect(JSON.stringify(before.body)).not.toContain('Marco-secret');

		// Ines submits: now both are visible to her, with the summary.
		const hers = await app.api('PUT', `${path}/mine`, ines, {
			rating: 5,
			recommendation: 'hire',
			feedback: 'Excellent.'
		});
		expect(hers.status).toBe(201);
		expect(hers.body.hidden_until_you_submit).toBe(false);
		expect(hers.body.data.map((s: { author: { name: string } }) => s.author.name).sort()).toEqual(
			[INES!.name, MARCO!.name].sort()
		);
		expect(JSON.stringify(hers.body)).toContain('Marco-secret');
		expect(hers.body.summary).toEqual({
			count: 2,
			average_rating: 4.5,
			recommendations: { hire: 1, proceed: 1, maybe: 0, reject: 0 }
		});

		// The admin sees all of them and submits none.
		const byAdmin = await app.api('GET', path, admin);
		expect(byAdmin.status).toBe(200);
		expect(byAdmin.body.data).toHaveLength(2);
		expect(byAdmin.body.can_submit).toBe(false);
		expect(byAdmin.body.hidden_until_you_submit).toBe(false);
	});

	it('lets the author edit, answering 200, and audits rating and recommendation without the feedback', async () => {
		const edit = await app.api('PUT', `${path}/mine`, ines, {
			rating: 4,
			recommendation: 'hire',
			feedback: 'Excellent, on reflection.'
		});
		expect(edit.status).toBe(200);
		expect(edit.body.mine).toMatchObject({ rating: 4, feedback: 'Excellent, on reflection.' });
		const logs = (await app.api('GET', `/api/v1/interviews/${oliverId}/logs`, admin)).body.data as {
			action: string;
			actor: { name: string } | null;
			old_values: unknown;
			new_values: unknown;
		}[];
		const cards = logs.filter((l) => l.action === 'scorecard');
		expect(cards).toHaveLength(3);
		expect(cards[0]).toMatchObject({
			actor: { name: MARCO!.name },
			old_values: null,
			new_values: { rating: 4, recommendation: 'proceed' }
		});
		expect(cards[2]).toMatchObject({
			actor: { name: INES!.name },
			old_values: { rating: 5, recommendation: 'hire' },
			new_values: { rating: 4, recommendation: 'hire', feedback_changed: true }
		});
		const stored = JSON.stringify(cards);
		expect(stored).not.toContain('Marco-secret');
		expect(stored).not.toContain('Excellent');
	});

	it('answers 422 naming the field for a bad rating, recommendation or feedback, and changes nothing', async () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ rating: 6, recommendation: 'hire' }, 'rating'],
			[{ rating: 0, recommendation: 'hire' }, 'rating'],
			[{ rating: 2.5, recommendation: 'hire' }, 'rating'],
			[{ rating: 3, recommendation: 'strong_hire' }, 'recommendation'],
			[{ rating: 3 }, 'recommendation'],
			[{ rating: 3, recommendation: 'maybe', feedback: 'x'.repeat(20_001) }, 'feedback']
		];
		for (const [body, field] of cases) {
			const res = await app.api('PUT', `${path}/mine`, ines, body);
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
			expect(res.body.error.code).toBe('validation_failed');
			expect(Object.keys(res.body.error.details.fields)).toEqual([field]);
			expect(res.body.error.message).toContain(field);
		}
		expect((await app.api('PUT', `${path}/mine`, ines, '{"rating": ')).status).toBe(400);
		const max = await app.api('PUT', `${path}/mine`, ines, {
			rating: 4,
			recommendation: 'hire',
			feedback: 'y'.repeat(20_000)
		});
		expect(max.status).toBe(200);
		const after = await app.api('GET', path, ines);
		expect(after.body.mine.feedback).toHaveLength(20_000);
	});

	it('refuses an interviewer off the panel (403), a candidate (403) and an admin writing a scorecard (403)', async () => {
		expect((await app.api('GET', path, priya)).status).toBe(403);
		const put = await app.api('PUT', `${path}/mine`, priya, { rating: 1, recommendation: 'reject' });
		expect(put.status).toBe(403);
		expect(put.body.error.code).toBe('forbidden');
		const oliver = await app.login('oliver@student.test');
		expect((await app.api('GET', path, oliver)).status).toBe(403);
		expect((await app.api('PUT', `${path}/mine`, oliver, { rating: 5, recommendation: 'hire' })).status).toBe(403);
		expect((await app.api('PUT', `${path}/mine`, admin, { rating: 5, recommendation: 'hire' })).status).toBe(403);
		// Off the panel beats bad input: nothing about the body is revealed.
		expect((await app.api('PUT', `${path}/mine`, priya, { rating: 9 })).status).toBe(403);
		expect((await app.api('GET', path, ines)).body.data).toHaveLength(2);
	});

	it('hides another organization’s interview behind 404', async () => {
		const sql = app.runtime.db.sql;
		const [org] = await sql<{ id: string }[]>`
			insert into organizations (slug, name, timezone) values ('elsewhere', 'Elsewhere College', 'Europe/Paris') returning id`;
		const pw = await hashPassword('elsewhere-pw');
		for (const [email, role] of [
			['boss@elsewhere.test', 'admin'],
			['judge@elsewhere.test', 'interviewer']
		] as const) {
			const [u] = await sql<{ id: string }[]>`
				insert into users (email, name, password_hash) values (${email}, ${email}, ${pw}) returning id`;
			await sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${org!.id}, ${role})`;
		}
		const boss = await app.login('boss@elsewhere.test', 'elsewhere-pw');
		const judge = await app.login('judge@elsewhere.test', 'elsewhere-pw');
		expect((await app.api('GET', path, boss)).status).toBe(404);
		expect((await app.api('POST', `/api/v1/interviews/${oliverId}/finalize`, boss)).status).toBe(404);
		const put = await app.api('PUT', `${path}/mine`, judge, { rating: 1, recommendation: 'reject' });
		expect(put.status).toBe(404);
		expect(put.body.error.code).toBe('not_found');
		expect((await app.api('GET', `/api/v1/interviews/${crypto.randomUUID()}/scorecards`, ines)).status).toBe(404);
	});

	it('freezes the scorecards once an admin finalizes: edits answer 409, reading still works', async () => {
		expect((await app.api('POST', `/api/v1/interviews/${oliverId}/finalize`, ines)).status).toBe(403);
		const fin = await app.api('POST', `/api/v1/interviews/${oliverId}/finalize`, admin);
		expect(fin.status).toBe(200);
		expect(fin.body.finalized).toMatchObject({ by: { name: DEMO_ACCOUNTS.admin.name } });
		// Finalizing again changes nothing and logs nothing more.
		expect((await app.api('POST', `/api/v1/interviews/${oliverId}/finalize`, admin)).status).toBe(200);
		const late = await app.api('PUT', `${path}/mine`, marco, { rating: 1, recommendation: 'reject' });
		expect(late.status).toBe(409);
		expect(late.body.error.details.rule).toBe('finalized');
		const read = await app.api('GET', path, marco);
		expect(read.body.finalized).not.toBeNull();
		expect(read.body.mine).toMatchObject({ rating: 4, recommendation: 'proceed' });
		const logs = (await app.api('GET', `/api/v1/interviews/${oliverId}/logs`, admin)).body.data as {
			action: string;
			new_values: Record<string, unknown>;
		}[];
		expect(logs.filter((l) => l.action === 'scorecard' && l.new_values.finalized === true)).toHaveLength(1);
	});

	it('refuses a scorecard for a cancelled interview with 422', async () => {
		const mei = (await app.api('GET', '/api/v1/interviews?q=Mei', admin)).body.data[0];
		const cancel = await app.api('POST', `/api/v1/interviews/${mei.id}/cancel`, admin, {
			reason: 'Candidate withdrew'
		});
		expect(cancel.status).toBe(200);
		const res = await app.api('PUT', `/api/v1/interviews/${mei.id}/scorecards/mine`, priya, {
			rating: 3,
			recommendation: 'maybe'
		});
		expect(res.status).toBe(422);
		expect(res.body.error.details.rule).toBe('interview_not_held');
	});
});
