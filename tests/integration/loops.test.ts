/** A loop books in one step, on each database: every session or none, each the next round. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { LoopResponse } from '../../src/lib/contract/api';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;

describe.each(kinds)('loops against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	const ids: Record<string, string> = {};
	const apps: Record<string, string> = {};

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		for (const m of (await app.api('GET', '/api/v1/members', admin)).body.data as { id: string; email: string }[])
			ids[m.email] = m.id;
		for (const a of (await app.api('GET', '/api/v1/applications?page_size=100', admin)).body.data as {
			id: string;
			candidate: { email: string };
		}[])
			apps[a.candidate.email] = a.id;
	});
	afterAll(async () => {
		await app?.close();
	});

	const start = () => {
		const d = new Date(Date.now() + 10 * 86400_000);
		while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
		d.setUTCHours(15, 0, 0, 0);
		return d;
	};
	const loop = (first: Date) =>
		app.api('POST', '/api/v1/loops', admin, {
			application_id: apps[DEMO_ACCOUNTS.candidates[1]!.email],
			start: first.toISOString(),
			timezone: 'America/New_York',
			break_min: 15,
			mode: 'online',
			sessions: [INES, MARCO, PRIYA].map((p) => ({ panel: [ids[p!.email]], duration_min: 45, type: 'video' }))
		});
	const lenaInterviews = () =>
		app.runtime.db.sql<{ round: number; start_at: Date }[]>`select i.round, i.start_at from interviews i
			join users u on u.id = i.candidate_id where u.email = ${DEMO_ACCOUNTS.candidates[1]!.email} order by i.start_at`;

	it('books none of a loop when one session would double-book someone, and names that session', async () => {
		const first = start();
		// Marco is busy when the second session would start (first + 45 + 15 minutes).
		const clash = await app.api('POST', '/api/v1/interviews', admin, {
			application_id: apps[DEMO_ACCOUNTS.candidates[0]!.email],
			start: new Date(first.getTime() + 60 * 60_000).toISOString(),
			duration_min: 30,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [ids[MARCO!.email]]
		});
		expect(clash.status).toBe(201);
		const refused = await loop(first);
		expect(refused.status).toBe(409);
		expect(refused.body.error.details.session).toBe(1);
		expect(refused.body.error.message).toMatch(/^Session 2: This would double-book a person/);
		expect(await lenaInterviews()).toEqual([]);
		await app.api('POST', `/api/v1/interviews/${clash.body.id}/cancel`, admin, { reason: 'Test over' });
	});

	it('books every session back to back with the breaks, as the application’s next rounds', async () => {
		const first = start();
		const res = await loop(first);
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(LoopResponse.parse(res.body).interview_ids).toHaveLength(3);
		const rows = await lenaInterviews();
		expect(rows.map((r) => [r.round, r.start_at.toISOString()])).toEqual(
			[0, 1, 2].map((i) => [i + 1, new Date(first.getTime() + i * 60 * 60_000).toISOString()])
		);
		const [stored] = await app.runtime.db.sql<
			{ interview_ids: string[] }[]
		>`select interview_ids::text[] from interview_loops`;
		expect(stored!.interview_ids).toEqual(res.body.interview_ids);
	});
});
