/**
 * Self-scheduling: an admin sends requests, candidates open them by their link and book. Twenty
 * candidates grab the same panel time at once: exactly one gets it, the others are told and given
 * fresh times; on each database, and with two app instances on one Postgres and Redis. Used and
 * expired requests say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed';
import { type Running } from '../../server/http';
import { SelfSchedulingResponse } from '../../src/lib/contract/api';
import { startTestApp, type TestApp } from '../helpers/app';
import { panelCopyDrift, seatCount } from '../helpers/panel-copy';
import { databaseKinds } from '../helpers/db';
import { startCluster, type Cluster } from '../helpers/cluster';
import { REDIS_URL, redisAnswers } from '../helpers/redis';

const kinds = await databaseKinds();
const BOOKERS = 20;
const INES = DEMO_ACCOUNTS.interviewers[0]!;
/** `n` new candidates with an application each, ready to be interviewed online. */
async function addCandidates(db: Database, orgId: string, n: number, tag: string): Promise<string[]> {
	const sql = db.sql;
	const [cycle] = await sql<
		{ id: string }[]
	>`select id from cycles where org_id = ${orgId} and status = 'active' limit 1`;
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const [user] = await sql<{ id: string }[]>`insert into users (email, name)
			values (${`${tag}-${i}@race.test`}, ${`Racer ${tag} ${i}`}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${user!.id}, ${orgId}, 'candidate')`;
		const [app] = await sql<{ id: string }[]>`insert into applications
			(org_id, cycle_id, candidate_id, status, interview_enabled, online_interview_enabled)
			values (${orgId}, ${cycle!.id}, ${user!.id}, 'selected', true, true) returning id`;
		ids.push(app!.id);
	}
	return ids;
}

/** A window of ten days from four days ahead. */
const windowOf = () => {
	const start = new Date(Date.now() + 4 * 86400_000);
	start.setUTCHours(0, 0, 0, 0);
	return { window_start: start.toISOString(), window_end: new Date(start.getTime() + 10 * 86400_000).toISOString() };
};

type Api = TestApp['api'];

/** Sends one request per application for the same panel; returns each link's token. */
async function sendRequests(api: Api, admin: string, applications: string[], panel: string[]): Promise<string[]> {
	const tokens: string[] = [];
	for (const application_id of applications) {
		const res = await api('POST', '/api/v1/scheduling-requests', admin, {
			application_id,
			panel,
			duration_min: 45,
			type: 'video',
			mode: 'online',
			...windowOf()
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		tokens.push(new URL(res.body.url).pathname.split('/').pop()!);
	}
	return tokens;
}

/** Everyone grabs `start` at once; returns the statuses and bodies. */
async function race(apis: Api[], tokens: string[], start: string) {
	return Promise.all(
		tokens.map((t, i) => apis[i % apis.length]!('POST', `/api/v1/self-scheduling/${t}/book`, undefined, { start }))
	);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an answer's JSON, read as the API documents it
function expectOneWinner(results: { status: number; body: any }[], start: string) {
	const won = results.filter((r) => r.status === 201);
	const lost = results.filter((r) => r.status === 409);
	expect(won.length, JSON.stringify(results.map((r) => [r.status, r.body?.error?.details?.rule]))).toBe(1);
	expect(lost.length).toBe(results.length - 1);
	for (const r of lost) {
		expect(r.body.error.details.rule).toBe('slot_taken');
		expect(r.body.error.message).toBe('That time is no longer free. Please choose another.');
		// Fresh times: the taken one is not among them.
		expect(r.body.error.details.slots.length).toBeGreaterThan(0);
		expect(r.body.error.details.slots).not.toContain(start);
	}
	const winner = SelfSchedulingResponse.parse(won[0]!.body);
	expect(winner.state).toBe('booked');
	expect(winner.interview?.start).toBe(start);
}

describe.each(kinds)('self-scheduling against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let ines: string;

	beforeAll(async () => {
		app = await startTestApp(kind);
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		ines = (await app.memberIds(admin))[INES.email]!;
	});
	afterAll(async () => {
		await app?.close();
	});

	it(`gives one time to exactly one of ${BOOKERS} candidates who grab it at once`, async () => {
		const apps = await addCandidates(app.runtime.db, app.orgId, BOOKERS, `${kind}-one`);
		const tokens = await sendRequests(app.api, admin, apps, [ines]);
		const opened = await app.api('GET', `/api/v1/self-scheduling/${tokens[0]}`);
		expect(opened.status).toBe(200);
		const view = SelfSchedulingResponse.parse(opened.body);
		expect(view.state).toBe('open');
		expect(view.panel.map((p) => p.name)).toEqual([INES.name]);
		const start = view.slots[0]!.start;

		const results = await race([app.api], tokens, start);
		expectOneWinner(results, start);
		const booked = await app.runtime.db.sql<{ n: number }[]>`
			select count(*)::int as n from interviews i join interview_panel p on p.interview_id = i.id
			where p.user_id = ${ines} and i.start_at = ${new Date(start)} and i.status = 'scheduled'`;
		expect(booked[0]!.n).toBe(1);

		// The used request says so and books nothing more; a loser books a fresh time.
		const winner = tokens[results.findIndex((r) => r.status === 201)]!;
		const again = await app.api('POST', `/api/v1/self-scheduling/${winner}/book`, undefined, {
			start: view.slots[5]!.start
		});
		expect(again.status).toBe(409);
		expect(again.body.error.details.rule).toBe('request_booked');
		expect(again.body.error.message).toBe('This scheduling request was already used: the interview is booked.');
		const loser = tokens[results.findIndex((r) => r.status === 409)]!;
		const fresh = results.find((r) => r.status === 409)!.body.error.details.slots[0];
		expect((await app.api('POST', `/api/v1/self-scheduling/${loser}/book`, undefined, { start: fresh })).status).toBe(
			201
		);
	});

	it('fills a pool seat with whoever is free when the candidate books', async () => {
		const [application] = await addCandidates(app.runtime.db, app.orgId, 1, `${kind}-pool`);
		const byEmail = await app.memberIds(admin);
		const pool = DEMO_ACCOUNTS.interviewers.slice(1).map((i) => byEmail[i.email]!);
		const sent = await app.api('POST', '/api/v1/scheduling-requests', admin, {
			application_id: application,
			panel: [],
			pool,
			pool_count: 1,
			duration_min: 45,
			type: 'video',
			mode: 'online',
			...windowOf()
		});
		expect(sent.status, JSON.stringify(sent.body)).toBe(201);
		expect(sent.body).toMatchObject({ panel: [], pool_count: 1 });
		const token = new URL(sent.body.url).pathname.split('/').pop()!;
		const view = SelfSchedulingResponse.parse((await app.api('GET', `/api/v1/self-scheduling/${token}`)).body);
		expect(view.pool?.count).toBe(1);
		expect(view.slots.length).toBeGreaterThan(0);
		const booked = await app.api('POST', `/api/v1/self-scheduling/${token}/book`, undefined, {
			start: view.slots[0]!.start
		});
		expect(booked.status, JSON.stringify(booked.body)).toBe(201);
		const panel = await app.runtime.db.sql<{ user_id: string }[]>`select user_id from interview_panel
			where interview_id = ${booked.body.interview.id}`;
		expect(panel).toHaveLength(1);
		expect(pool).toContain(panel[0]!.user_id);

		// A pool that never works on Sundays: the candidate reads why, each member named.
		const sunday = new Date(Date.now() + 3 * 86400_000);
		while (sunday.getUTCDay() !== 0) sunday.setUTCDate(sunday.getUTCDate() + 1);
		sunday.setUTCHours(12, 0, 0, 0);
		const [other] = await addCandidates(app.runtime.db, app.orgId, 1, `${kind}-pool-sunday`);
		const weekend = await app.api('POST', '/api/v1/scheduling-requests', admin, {
			application_id: other,
			panel: [],
			pool,
			pool_count: 1,
			duration_min: 45,
			type: 'video',
			mode: 'online',
			window_start: sunday.toISOString(),
			window_end: new Date(sunday.getTime() + 8 * 3600_000).toISOString()
		});
		expect(weekend.status, JSON.stringify(weekend.body)).toBe(201);
		const empty = SelfSchedulingResponse.parse(
			(await app.api('GET', `/api/v1/self-scheduling/${new URL(weekend.body.url).pathname.split('/').pop()}`)).body
		);
		expect(empty.slots).toEqual([]);
		const reasons = empty.why.flatMap((w) => w.reasons);
		for (const who of DEMO_ACCOUNTS.interviewers.slice(1))
			expect(reasons).toContain(`${who.name}: Does not work on this day.`);
	});

	it('says when a request has expired or was withdrawn, and refuses a time it never offered', async () => {
		const [a, b, c] = await addCandidates(app.runtime.db, app.orgId, 3, `${kind}-late`);
		const [ta, tb, tc] = await sendRequests(app.api, admin, [a!, b!, c!], [ines]);
		await app.runtime.db.sql`update scheduling_requests set deadline = now() - interval '1 minute'
			where application_id = ${a!}`;
		const expired = await app.api('GET', `/api/v1/self-scheduling/${ta}`);
		expect(expired.body).toMatchObject({ state: 'expired', slots: [] });
		const late = await app.api('POST', `/api/v1/self-scheduling/${ta}/book`, undefined, {
			start: new Date(Date.now() + 5 * 86400_000).toISOString()
		});
		expect(late.status).toBe(409);
		expect(late.body.error.details.rule).toBe('request_expired');

		const list = (await app.api('GET', '/api/v1/scheduling-requests', admin)).body.data as {
			id: string;
			application_id: string;
		}[];
		const idB = list.find((r) => r.application_id === b)!.id;
		expect((await app.api('POST', `/api/v1/scheduling-requests/${idB}/cancel`, admin)).status).toBe(200);
		expect((await app.api('GET', `/api/v1/self-scheduling/${tb}`)).body.state).toBe('cancelled');

		// A window of one Sunday: Ines does not work, and the candidate reads why.
		const sunday = new Date(Date.now() + 3 * 86400_000);
		while (sunday.getUTCDay() !== 0) sunday.setUTCDate(sunday.getUTCDate() + 1);
		sunday.setUTCHours(12, 0, 0, 0);
		const [d] = await addCandidates(app.runtime.db, app.orgId, 1, `${kind}-sunday`);
		const weekend = await app.api('POST', '/api/v1/scheduling-requests', admin, {
			application_id: d,
			panel: [ines],
			duration_min: 45,
			type: 'video',
			mode: 'online',
			window_start: sunday.toISOString(),
			window_end: new Date(sunday.getTime() + 8 * 3600_000).toISOString()
		});
		const empty = SelfSchedulingResponse.parse(
			(await app.api('GET', `/api/v1/self-scheduling/${new URL(weekend.body.url).pathname.split('/').pop()}`)).body
		);
		expect(empty.slots).toEqual([]);
		expect(empty.why.flatMap((w) => w.reasons)).toContain(`${INES.name}: Does not work on this day.`);

		// 03:07 is on no grid and outside everyone's hours.
		const odd = new Date(Date.now() + 5 * 86400_000);
		odd.setUTCHours(3, 7, 0, 0);
		const refused = await app.api('POST', `/api/v1/self-scheduling/${tc}/book`, undefined, {
			start: odd.toISOString()
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error.details.rule).toBe('slot_taken');
		expect((await app.api('GET', '/api/v1/self-scheduling/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
		// Only admins send requests.
		const cookie = await app.login(INES.email);
		expect((await app.api('POST', '/api/v1/scheduling-requests', cookie, {})).status).toBe(403);
	});
	it("keeps every seat's copy of its interview's time and status equal after these flows (migration 037)", async () => {
		expect(await seatCount(app.runtime.db.sql)).toBeGreaterThan(0);
		expect(await panelCopyDrift(app.runtime.db.sql)).toEqual([]);
	});
});

const scaleOut = kinds.includes('postgres') && (await redisAnswers());

describe.skipIf(!scaleOut)('self-scheduling with two app instances on one Postgres and Redis', () => {
	let db: Database;
	let orgId: string;
	let cluster: Cluster | undefined;
	const instances: Running[] = [];

	beforeAll(async () => {
		cluster = await startCluster({ REDIS_URL });
		({ db, orgId } = cluster);
		instances.push(...cluster.instances);
	});
	afterAll(async () => {
		await cluster?.close();
	});

	/** The API of one instance, as `TestApp.api` is. */
	const apiOf =
		(r: Running): Api =>
		async (method, path, cookie, body) => {
			const res = await fetch(`${r.url}${path}`, {
				method,
				headers: {
					...(cookie ? { cookie } : {}),
					...(body === undefined ? {} : { 'content-type': 'application/json' })
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const text = await res.text();
			return { status: res.status, body: text ? JSON.parse(text) : null };
		};

	it(`gives one time to exactly one of ${BOOKERS} candidates spread over both instances`, async () => {
		const [a, b] = instances.map(apiOf) as [Api, Api];
		const login = await fetch(`${instances[0]!.url}/api/v1/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: DEMO_ACCOUNTS.admin.email, password: DEMO_PASSWORD })
		});
		const admin = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		const members = (await a('GET', '/api/v1/members', admin)).body.data as { id: string; email: string }[];
		const ines = members.find((m) => m.email === INES.email)!.id;
		const apps = await addCandidates(db, orgId, BOOKERS, 'scale');
		const tokens = await sendRequests(a, admin, apps, [ines]);
		const start = (await b('GET', `/api/v1/self-scheduling/${tokens[1]}`)).body.slots[2].start as string;
		const results = await race([a, b], tokens, start);
		expectOneWinner(results, start);
		const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from interviews i
			join interview_panel p on p.interview_id = i.id
			where p.user_id = ${ines} and i.start_at = ${new Date(start)} and i.status = 'scheduled'`;
		expect(row!.n).toBe(1);
	});
});
