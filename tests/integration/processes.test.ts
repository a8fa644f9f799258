/**
 * Parley as it is deployed, in real processes (`node --import tsx server/index.ts`, what `npm start`
 * runs):
 *  - on the embedded database: first start seeds the demo, SIGTERM stores every document and exits
 *    cleanly, and the next start finds every change, in the tables and in the calendar document;
 *  - two instances on one Postgres and one Redis: a candidate listening on one instance hears about
 *    an admin's reschedule made on the other (LISTEN/NOTIFY), and the job runners of both settle
 *    each finished interview exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { migrate } from '../../db/migrate';
import { DEMO_ACCOUNTS, seedDemo } from '../../db/seed';
import { EXTRA_APPLICANTS } from '../../db/demo/applicants';
import { loadConfig } from '../../server/config';
import { startParley } from '../../server/http';
import { calendarDocName, getInterview, updateInterview } from '../../src/lib/collab/calendar';
import type { TestApp } from '../helpers/app';
import { bookDirect, futureStart } from '../helpers/calendar';
import { connectDoc, eventually } from '../helpers/collab';
import { createTestDatabase, databaseKinds } from '../helpers/db';
import { apiClient as client, launch, type Instance } from '../helpers/processes';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = DEMO_ACCOUNTS.admin.email;

describe('npm start on the embedded database', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'parley-start-'));
	const running: Instance[] = [];
	afterAll(async () => {
		for (const r of running) await r.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('seeds the demo on first start, stops cleanly on SIGTERM and keeps every change across restarts', async () => {
		const first = await launch({ PARLEY_DATA_DIR: dataDir, PARLEY_JOBS: '0' });
		running.push(first);
		await eventually(() => first.output().includes(ADMIN), 2_000);
		const admin = client(first.url);
		expect((await admin.call('GET', '/api/health')).body).toMatchObject({ status: 'ok', db: 'embedded', mail: 'log' });
		await admin.login(ADMIN);
		const apps = (await admin.call('GET', '/api/v1/applications?q=Sam')).body.data;
		const ines = (await admin.call('GET', '/api/v1/members?role=interviewer')).body.data[0];
		const booked = await admin.call('POST', '/api/v1/interviews', {
			application_id: apps[0].id,
			// Past the full demo's three weeks, where Ines is free.
			start: futureStart(30),
			duration_min: 45,
			timezone: 'America/New_York',
			type: 'video',
			mode: 'online',
			panel: [ines.id]
		});
		expect(booked.status).toBe(201);
		// A live edit made just before the signal: the shutdown must store it, not lose it.
		const issued = (await admin.call('GET', '/api/v1/collab/token')).body as { token: string; org_id: string };
		const live = connectDoc({ url: first.url } as TestApp, calendarDocName(issued.org_id), { token: issued.token });
		await live.ready;
		await eventually(() => getInterview(live.doc, booked.body.id) !== null, 5_000);
		const moved = new Date(Date.parse(booked.body.start) + 3600_000).toISOString();
		updateInterview(live.doc, booked.body.id, { start: moved }, { actor: null, now: new Date() });
		// Long enough for the update to cross the socket, far shorter than the store debounce.
		await new Promise((r) => setTimeout(r, 150));
		// Keep the connection open through the shutdown (a last disconnect would store it anyway), but
		// do not let it dial the stopped server again.
		live.provider.configuration.websocketProvider.shouldConnect = false;
		expect(await first.stop()).toBe(0);
		live.close();
		expect(first.output()).toContain('stopped cleanly');

		const second = await launch({ PARLEY_DATA_DIR: dataDir, PARLEY_JOBS: '0' });
		running.push(second);
		const again = client(second.url);
		await again.login(ADMIN);
		const found = await again.call('GET', `/api/v1/interviews/${booked.body.id}`);
		expect(found.status).toBe(200);
		expect(found.body.start).toBe(moved);
		const reissued = (await again.call('GET', '/api/v1/collab/token')).body as { token: string };
		const reread = connectDoc({ url: second.url } as TestApp, calendarDocName(issued.org_id), {
			token: reissued.token
		});
		await reread.ready;
		expect(getInterview(reread.doc, booked.body.id)?.start).toBe(moved);
		reread.close();
		// The first start seeded the full demo, and seeding is idempotent: still one demo organization
		// and its candidates once.
		expect((await again.call('GET', '/api/v1/members?role=candidate')).body.data).toHaveLength(
			DEMO_ACCOUNTS.candidates.length + EXTRA_APPLICANTS.length
		);
		expect(await second.stop()).toBe(0);
	});
});

const multi = (await databaseKinds()).includes('postgres');

describe.skipIf(!multi)('two instances on one Postgres and one Redis', () => {
	let db: Database;
	const running: Instance[] = [];
	let settleIds: string[] = [];

	beforeAll(async () => {
		db = await createTestDatabase('postgres');
		await migrate(db.sql);
		const orgId = (await seedDemo(db.sql))!;
		// Interviews that ended an hour ago, booked in through a short-lived in-process instance.
		const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: '0', PARLEY_JOBS: '0' });
		const booking = await startParley({ config, db, log: () => {} });
		settleIds = await bookDirect({ runtime: booking.runtime, orgId } as TestApp, [
			{ candidate: DEMO_ACCOUNTS.candidates[0].email, startInMin: -120, mode: 'online', round: 2 },
			{ candidate: DEMO_ACCOUNTS.candidates[1].email, startInMin: -150, mode: 'offline', round: 2 },
			{ candidate: DEMO_ACCOUNTS.candidates[2].email, startInMin: -180, mode: 'online', round: 2 }
		]);
		await booking.close();
		const env = { DATABASE_URL: db.url, REDIS_URL, PARLEY_JOBS: '1' };
		running.push(...(await Promise.all([launch(env), launch(env)])));
	}, 120_000);
	afterAll(async () => {
		for (const r of running) await r.stop();
		await db?.close();
	});

	it('tells a candidate listening on one instance about a reschedule made on the other', async () => {
		const [a, b] = running as [Instance, Instance];
		const admin = client(a.url);
		await admin.login(ADMIN);
		const candidateEmail = 'mei@student.test';
		const candidate = client(b.url);
		await candidate.login(candidateEmail);
		const mine = (await candidate.call('GET', '/api/v1/me/interviews')).body.data;
		const interview = mine.find((i: { status: string }) => i.status === 'scheduled');
		expect(interview).toBeDefined();

		const controller = new AbortController();
		const res = await fetch(`${b.url}/api/v1/me/events`, {
			headers: { cookie: candidate.cookie },
			signal: controller.signal
		});
		expect(res.status).toBe(200);
		const reader = res.body!.getReader();
		let received = '';
		const heard = (async () => {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return false;
				received += new TextDecoder().decode(value);
				if (received.includes('event: interview.changed') && received.includes(interview.id)) return true;
			}
		})();
		await eventually(() => received.includes('event: ready'), 5_000);
		const start = new Date(Date.parse(interview.start) + 86400_000).toISOString();
		const patched = await admin.call('PATCH', `/api/v1/interviews/${interview.id}`, { start, reason: 'Room move' });
		expect(patched.status).toBe(200);
		const ok = await Promise.race([heard, new Promise((r) => setTimeout(() => r(false), 5_000))]);
		controller.abort();
		expect(ok).toBe(true);
		// What the event asks the page to re-read is already there on the listening instance.
		const after = (await candidate.call('GET', `/api/v1/me/interviews`)).body.data;
		expect(after.find((i: { id: string }) => i.id === interview.id).start).toBe(start);
	});

	it('settles each finished interview exactly once with both job runners going', async () => {
		// Both instances run their first pass five seconds after start.
		await eventually(
			async () => {
				const rows = await db.sql<{ n: number }[]>`
					select count(*)::int as n from interviews
					where id = any(${settleIds}::uuid[]) and status in ('completed', 'no_show')`;
				return rows[0]!.n === settleIds.length;
			},
			30_000,
			250
		);
		// Let a second pass (if any) finish before counting.
		await new Promise((r) => setTimeout(r, 1_000));
		const logs = await db.sql<{ interview_id: string; action: string }[]>`
			select interview_id, action from interview_logs
			where interview_id = any(${settleIds}::uuid[]) and action in ('completed', 'no_show') order by interview_id`;
		expect(logs).toHaveLength(settleIds.length);
		expect(new Set(logs.map((l) => l.interview_id)).size).toBe(settleIds.length);
		const byId = Object.fromEntries(logs.map((l) => [l.interview_id, l.action]));
		expect(byId[settleIds[0]!]).toBe('no_show');
		expect(byId[settleIds[1]!]).toBe('completed');
		expect(byId[settleIds[2]!]).toBe('no_show');
	});
});
