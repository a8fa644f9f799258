/** Two collab-server instances joined through Redis on one Postgres: clients on each converge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { type Running } from '../../server/http';
import {
	calendarDocName,
	createInterview,
	getInterview,
	listInterviews,
	updateInterview
} from '../../src/lib/collab/calendar';
import type { TestApp } from '../helpers/app';
import { collabTokenFor, connectDoc, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { startCluster, type Cluster } from '../helpers/cluster';
import { REDIS_URL, redisAnswers } from '../helpers/redis';

const ready = (await databaseKinds()).includes('postgres') && (await redisAnswers());

describe.skipIf(!ready)('scale-out: two collab instances, one Redis, one Postgres', () => {
	let db: Database;
	let orgId: string;
	let cluster: Cluster | undefined;
	const instances: Running[] = [];
	const clients: CollabClient[] = [];

	beforeAll(async () => {
		cluster = await startCluster({ REDIS_URL });
		({ db, orgId } = cluster);
		instances.push(...cluster.instances);
	});
	afterAll(async () => {
		for (const c of clients) c.close();
		await cluster?.close();
	});

	async function client(instance: Running): Promise<CollabClient> {
		const [admin] = await db.sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		const { token } = await collabTokenFor(db.sql, admin!.id);
		const c = connectDoc({ url: instance.url } as TestApp, calendarDocName(orgId), { token });
		clients.push(c);
		await c.ready;
		return c;
	}

	/** How many create-then-move rounds the check runs (half of them with the race forced). */
	const ROUNDS = 12;
	// How long one round may take to reach the other instance and the audit. The waits bound liveness
	// only (exactly-once is checked on what arrives); on two loaded cores a round has taken over 10 s.
	const SETTLE_MS = 20_000;

	/**
	 * Runs `fn` while the audit table refuses writes, then lets them through once both instances are
	 * waiting on a lock: both projections are then in flight at once, the race the lock must serialize.
	 */
	async function withBothInFlight(fn: () => Promise<void>): Promise<void> {
		let release!: () => void;
		const released = new Promise<void>((r) => (release = r));
		let locked!: () => void;
		const isLocked = new Promise<void>((r) => (locked = r));
		const holder = db.sql.begin(async (tx) => {
			await tx`lock table interview_logs in exclusive mode`;
			locked();
			await released;
		});
		await isLocked;
		try {
			await fn();
			await eventually(async () => {
				const [w] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock'`;
				return w!.n >= 2;
			}, 5_000).catch(() => {});
		} finally {
			release();
			await holder;
		}
	}

	it('converges clients connected to different instances and audits each change exactly once, every round', async () => {
		const a = await client(instances[0]!);
		const b = await client(instances[1]!);
		const base = listInterviews(a.doc).find((i) => i.status === 'scheduled')!;
		for (let round = 0; round < ROUNDS; round++) {
			// Alternate which instance books and which moves, so both orders race.
			const [first, second] = round % 2 === 0 ? [a, b] : [b, a];
			const created = {
				...base,
				id: crypto.randomUUID(),
				round: 5 + round,
				start: new Date(Date.parse(base.start) + (30 + round) * 86400_000).toISOString(),
				updatedAt: new Date().toISOString()
			};
			const moved = new Date(Date.parse(created.start) + 3600_000).toISOString();
			const createThenMove = async () => {
				expect(createInterview(first.doc, created).ok).toBe(true);
				await eventually(() => getInterview(second.doc, created.id) !== null, SETTLE_MS);
				updateInterview(second.doc, created.id, { start: moved }, { actor: null, now: new Date() });
			};
			if (round % 4 < 2) await withBothInFlight(createThenMove);
			else await createThenMove();
			await eventually(() => getInterview(first.doc, created.id)?.start === moved, SETTLE_MS);
			expect(listInterviews(first.doc)).toEqual(listInterviews(second.doc));
			const actions = async () =>
				(
					await db.sql<
						{ action: string }[]
					>`select action from interview_logs where interview_id = ${created.id} order by id`
				).map((l) => l.action);
			await eventually(async () => (await actions()).length >= 2, SETTLE_MS);
			const [row] = await db.sql<{ start_at: Date }[]>`select start_at from interviews where id = ${created.id}`;
			expect(row!.start_at.toISOString()).toBe(moved);
			expect(await actions()).toEqual(['scheduled', 'rescheduled']);
		}
		// Let both instances settle, then check nothing was audited twice.
		await new Promise((r) => setTimeout(r, 500));
		const [dupes] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from (select interview_id from interview_logs where action = 'scheduled'
				group by interview_id having count(*) > 1) d`;
		expect(dupes!.n).toBe(0);
	}, 180_000);
});
