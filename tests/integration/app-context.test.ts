/**
 * Two runtimes in one process, each on its own database: each serves its requests and runs its jobs
 * on its own database (the app context travels with the request and is handed to the jobs; there is
 * no process-wide runtime for the second one to replace).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { runJobsPass } from '../../server/jobs';
import { startTestApp, type TestApp } from '../helpers/app';
import { bookDirect } from '../helpers/calendar';

const ADMIN = DEMO_ACCOUNTS.admin.email;
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const INES = DEMO_ACCOUNTS.interviewers[0].email;

describe('two runtimes in one process', () => {
	let first: TestApp;
	let second: TestApp;
	beforeAll(async () => {
		first = await startTestApp('embedded');
		// Started last: a global runtime would now be this one.
		second = await startTestApp('embedded');
		await first.runtime.db.sql`update organizations set name = 'First University' where id = ${first.orgId}`;
		await second.runtime.db.sql`update organizations set name = 'Second University' where id = ${second.orgId}`;
	});
	afterAll(async () => {
		await second?.close();
		await first?.close();
	});

	it('answers each request from the database of the runtime that received it', async () => {
		for (const [app, name] of [
			[first, 'First University'],
			[second, 'Second University']
		] as const) {
			const me = await app.api('GET', '/api/v1/me', await app.login(ADMIN));
			expect(me.status).toBe(200);
			expect(me.body.user.memberships.map((m: { org_name: string }) => m.org_name)).toEqual([name]);
		}
	});

	it('settles the first runtime’s interviews through its own calendar and database', async () => {
		// Ended 20 minutes ago, in person: the jobs pass completes it.
		const [id] = await bookDirect(first, [{ candidate: SAM, startInMin: -50, mode: 'offline', panel: [INES] }]);
		const result = await runJobsPass(first.runtime);
		expect(result.completed).toEqual([id]);
		const [row] = await first.runtime.db.sql<{ status: string }[]>`select status from interviews where id = ${id!}`;
		expect(row?.status).toBe('completed');
		const [other] = await second.runtime.db.sql<
			{ n: number }[]
		>`select count(*)::int as n from interviews where id = ${id!}`;
		expect(other?.n).toBe(0);
	});
});
