import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { runJobsPass } from '../../server/jobs';
import { startTestApp, type TestApp } from '../helpers/app';
import { panelCopyDrift, seatCount } from '../helpers/panel-copy';
import { databaseKinds } from '../helpers/db';
import { bookDirect, type DirectBooking } from '../helpers/calendar';

const kinds = await databaseKinds();
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const LENA = DEMO_ACCOUNTS.candidates[1].email;
const TOMAS = DEMO_ACCOUNTS.candidates[2].email;
const INES = DEMO_ACCOUNTS.interviewers[0].email;

/** Books interviews straight into the calendar document, in the past where needed. */
const book = (app: TestApp, specs: Omit<DirectBooking, 'panel'>[]) =>
	bookDirect(
		app,
		specs.map((s) => ({ ...s, panel: [INES] }))
	);

async function statusOf(app: TestApp, ids: string[]) {
	const rows = await app.runtime.db.sql<{ id: string; status: string }[]>`
		select id, status from interviews where id = any(${ids}::uuid[])`;
	return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

describe.each(kinds)('the interview status job against the %s database', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind);
	});
	afterAll(async () => {
		await app?.close();
	});

	it('settles interviews 15 minutes after their end: completed when the candidate came or it was in person, else no-show', async () => {
		// Ended 20 minutes ago (started 50 minutes ago, 30 minutes long).
		const [joined, missed, inPerson, tooRecent] = await book(app, [
			{ candidate: SAM, startInMin: -50, mode: 'online' },
			{ candidate: LENA, startInMin: -50, mode: 'online' },
			{ candidate: TOMAS, startInMin: -50, mode: 'offline' },
			// Ended 5 minutes ago: not yet.
			{ candidate: SAM, startInMin: -35, mode: 'online' }
		]);
		await app.runtime.db
			.sql`update interviews set candidate_joined_at = now() - interval '45 minutes' where id = ${joined!}`;
		const result = await runJobsPass(app.runtime);
		expect(result.ran).toBe(true);
		expect(result.completed.sort()).toEqual([joined!, inPerson!].sort());
		expect(result.noShow).toEqual([missed!]);
		expect(await statusOf(app, [joined!, missed!, inPerson!, tooRecent!])).toEqual({
			[joined!]: 'completed',
			[missed!]: 'no_show',
			[inPerson!]: 'completed',
			[tooRecent!]: 'scheduled'
		});
		// Audited as the system (no actor), through the calendar document.
		const logs = await app.runtime.db.sql<{ interview_id: string; action: string; actor_id: string | null }[]>`
			select interview_id, action, actor_id from interview_logs
			where interview_id = any(${[joined!, missed!, inPerson!]}::uuid[]) and action in ('completed', 'no_show')`;
		expect(logs).toHaveLength(3);
		expect(logs.every((l) => l.actor_id === null)).toBe(true);
		expect(logs.find((l) => l.interview_id === missed)?.action).toBe('no_show');
		// The seeded interviews in the future stay as they are.
		const [open] = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from interviews where status = 'scheduled' and start_at > now()`;
		expect(open!.n).toBeGreaterThanOrEqual(3);
		// A later pass finds nothing more to do; the recent one settles when its time comes.
		const later = await runJobsPass(app.runtime, new Date(Date.now() + 11 * 60_000));
		expect(later.completed).toEqual([]);
		expect(later.noShow).toEqual([tooRecent!]);
	});

	it('settles each interview once when two runners go at the same time', async () => {
		const ids = await book(
			app,
			Array.from({ length: 6 }, (_, i) => ({
				candidate: [SAM, LENA, TOMAS][i % 3]!,
				startInMin: -200 - i * 40,
				mode: i % 2 ? ('online' as const) : ('offline' as const)
			}))
		);
		const [a, b] = await Promise.all([runJobsPass(app.runtime), runJobsPass(app.runtime)]);
		const settled = [...a.completed, ...a.noShow, ...b.completed, ...b.noShow];
		expect(settled.sort()).toEqual([...ids].sort());
		expect(new Set(settled).size).toBe(ids.length);
		expect([...a.failed, ...b.failed]).toEqual([]);
		const logs = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from interview_logs
			where interview_id = any(${ids}::uuid[]) and action in ('completed', 'no_show')`;
		expect(logs[0]!.n).toBe(ids.length);
	});
	it("keeps every seat's copy of its interview's time and status equal after these flows (migration 037)", async () => {
		expect(await seatCount(app.runtime.db.sql)).toBeGreaterThan(0);
		expect(await panelCopyDrift(app.runtime.db.sql)).toEqual([]);
	});
});
