/**
 * Archiving with two instances (decision 69): one instance compacts the calendar while an admin's
 * tab on the other instance still has the old generation open. That tab is told where the calendar
 * moved; what it writes to the old generation before it follows is forwarded to the live one, once,
 * and reaches a client of the live generation on the first instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { type Running } from '../../server/http';
import { getInterview, listInterviews, updateInterview } from '../../src/lib/collab/calendar';
import { calendarDocName } from '../../src/lib/collab/doc-names';
import { parseCalendarMoved } from '../../src/lib/contract/collab';
import { collabTokenFor, connectTo, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { startCluster, type Cluster } from '../helpers/cluster';
import { REDIS_URL, redisAnswers } from '../helpers/redis';

const ready = (await databaseKinds()).includes('postgres') && (await redisAnswers());

describe.skipIf(!ready)('archiving with two instances, one Redis, one Postgres', () => {
	let db: Database;
	let orgId: string;
	let adminId: string;
	let cluster: Cluster | undefined;
	const instances: Running[] = [];
	const clients: CollabClient[] = [];

	beforeAll(async () => {
		cluster = await startCluster({ REDIS_URL });
		({ db, orgId } = cluster);
		instances.push(...cluster.instances);
		const [admin] = await db.sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		adminId = admin!.id;
	});
	afterAll(async () => {
		for (const c of clients) c.close();
		await cluster?.close();
	});

	function connect(instance: Running, name: string): CollabClient {
		const c = connectTo(
			instance.url.replace('http', 'ws') + '/collab',
			name,
			async () => (await collabTokenFor(db.sql, adminId, orgId)).token
		);
		clients.push(c);
		return c;
	}

	it('moves the old tab over and forwards what it wrote meanwhile, exactly once', async () => {
		const [a, b] = instances as [Running, Running];
		const old = connect(b, calendarDocName(orgId));
		let movedTo = 0;
		old.provider.on('stateless', ({ payload }: { payload: string }) => {
			movedTo = parseCalendarMoved(payload)?.generation ?? movedTo;
		});
		await old.ready;
		const kept = listInterviews(old.doc).find((i) => i.status === 'scheduled')!;

		const outcome = await a.runtime.collab.archive(orgId, { afterDays: 1 });
		expect(outcome?.generation).toBe(1);
		// Instance B hears of it through Postgres and tells its client.
		await eventually(() => movedTo === 1, 10_000);

		const live = connect(a, calendarDocName(orgId, 1));
		await live.ready;
		// The old tab writes once more before it follows.
		expect(updateInterview(old.doc, kept.id, { location: 'Hall C' }, { actor: adminId, now: new Date() }).ok).toBe(
			true
		);
		await eventually(() => getInterview(live.doc, kept.id)?.location === 'Hall C', 15_000);
		await eventually(async () => {
			const [row] = await db.sql<{ location: string }[]>`select location from interviews where id = ${kept.id}`;
			return row?.location === 'Hall C';
		}, 15_000);
		// Audited once, although both instances saw the change (B in the old generation, A in the live one).
		await new Promise((r) => setTimeout(r, 1_000));
		const [logs] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from interview_logs where interview_id = ${kept.id} and new_values ->> 'location' = 'Hall C'`;
		expect(logs!.n).toBe(1);
	});
});
