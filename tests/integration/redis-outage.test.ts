/**
 * Redis between two instances goes away (decision 86). Each instance keeps serving its own clients
 * and storing their edits; no publish refused meanwhile rejects unhandled (that ended the process);
 * once Redis is back the instances exchange what they missed without anyone editing again. An
 * instance shutting down while its documents change rejects nothing either.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { type Running } from '../../server/http';
import { getInterview, listInterviews, updateInterview } from '../../src/lib/collab/calendar';
import { calendarDocName } from '../../src/lib/collab/doc-names';
import { collabTokenFor, connectTo, eventually, type CollabClient } from '../helpers/collab';
import { startCluster, type Cluster } from '../helpers/cluster';
import { databaseKinds } from '../helpers/db';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis';

const ready = (await databaseKinds()).includes('postgres') && spawnSync('redis-server', ['--version']).status === 0;

/** How long ioredis keeps a command while it reconnects (20 attempts, 50 ms more each): past it, it refuses. */
const PAST_RETRIES_MS = 12_000;

describe.skipIf(!ready)('Redis stopped and started again between two instances', () => {
	let redis: PrivateRedis;
	let cluster: Cluster;
	let db: Database;
	let adminId: string;
	const clients: CollabClient[] = [];
	const unhandled: unknown[] = [];
	const collect = (reason: unknown) => unhandled.push(reason);

	beforeAll(async () => {
		redis = await startPrivateRedis();
		cluster = await startCluster({ REDIS_URL: redis.url });
		db = cluster.db;
		const [admin] = await db.sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		adminId = admin!.id;
	});
	afterAll(async () => {
		for (const c of clients) c.close();
		await cluster?.close();
		await redis?.crash();
	});
	beforeEach(() => void process.on('unhandledRejection', collect));
	afterEach(() => void process.off('unhandledRejection', collect));

	async function connect(instance: Running): Promise<CollabClient> {
		const c = connectTo(
			instance.url.replace('http', 'ws') + '/collab',
			calendarDocName(cluster.orgId),
			async () => (await collabTokenFor(db.sql, adminId, cluster.orgId)).token
		);
		clients.push(c);
		await c.ready;
		return c;
	}

	const storedStart = async (id: string) =>
		(await db.sql<{ start_at: Date }[]>`select start_at from interviews where id = ${id}`)[0]?.start_at.toISOString();

	it('keeps each instance serving and storing, and converges once Redis is back', async () => {
		const [one, two] = cluster.instances as [Running, Running];
		const a = await connect(one);
		const b = await connect(two);
		const [first, second] = listInterviews(a.doc).filter((i) => i.status === 'scheduled');
		if (!first || !second) throw new Error('the demo has two scheduled interviews');
		const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86400_000).toISOString();

		await redis.crash();
		const movedByA = later(first.start, 7);
		const movedByB = later(second.start, 14);
		expect(updateInterview(a.doc, first.id, { start: movedByA }, { actor: null, now: new Date() }).ok).toBe(true);
		expect(updateInterview(b.doc, second.id, { start: movedByB }, { actor: null, now: new Date() }).ok).toBe(true);
		// Each instance still stores what its own clients write, Redis or not.
		await eventually(async () => (await storedStart(first.id)) === movedByA, 20_000, 200);
		await eventually(async () => (await storedStart(second.id)) === movedByB, 20_000, 200);
		// Long enough for the publishes queued meanwhile to be refused.
		await new Promise((r) => setTimeout(r, PAST_RETRIES_MS));
		expect(getInterview(b.doc, first.id)?.start).toBe(first.start);

		await redis.start();
		await eventually(() => getInterview(b.doc, first.id)?.start === movedByA, 20_000, 100);
		await eventually(() => getInterview(a.doc, second.id)?.start === movedByB, 20_000, 100);
		expect(listInterviews(a.doc)).toEqual(listInterviews(b.doc));
		// After the outage, an edit goes across as before.
		const movedAgain = later(first.start, 21);
		updateInterview(b.doc, first.id, { start: movedAgain }, { actor: null, now: new Date() });
		await eventually(() => getInterview(a.doc, first.id)?.start === movedAgain, 20_000, 50);
		expect(unhandled).toEqual([]);
	}, 120_000);

	it('rejects nothing when documents change while an instance shuts down', async () => {
		const leaving = cluster.instances[1]!;
		const c = await connect(leaving);
		const [iv] = listInterviews(c.doc).filter((i) => i.status === 'scheduled');
		const writes = leaving.runtime.collab.hocuspocus.documents.get(calendarDocName(cluster.orgId))!;
		let minutes = 0;
		let closed = false;
		const closing = leaving.close().finally(() => (closed = true));
		// Server-side writes through the shutdown, every turn of the event loop, then past the unloads.
		while (!closed) {
			updateInterview(writes, iv!.id, { durationMin: 30 + (minutes++ % 30) }, { actor: null, now: new Date() });
			await new Promise((r) => setImmediate(r));
		}
		await closing;
		await new Promise((r) => setTimeout(r, 1_500));
		expect(minutes).toBeGreaterThan(0);
		expect(unhandled).toEqual([]);
	}, 60_000);
});
