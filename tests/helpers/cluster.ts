/**
 * Two (or more) Parley instances in this process on one real Postgres database seeded with the demo,
 * the set-up of every scale-out test: with Redis between them unless `env` says otherwise.
 */
import type { Database } from '../../db/client';
import { migrate } from '../../db/migrate';
import { seedDemo } from '../../db/seed';
import { loadConfig } from '../../server/config';
import { startParley, type Running } from '../../server/http';
import { projectCalendar } from '../../server/runtime';
import { createTestDatabase } from './db';

export interface Cluster {
	db: Database;
	/** The demo organization. */
	orgId: string;
	instances: Running[];
	/** Stops every instance, then drops the database. */
	close(): Promise<void>;
}

/** Starts `count` instances on a fresh Postgres database, `env` added to their configuration. */
export async function startCluster(env: Record<string, string>, count = 2): Promise<Cluster> {
	const db = await createTestDatabase('postgres');
	await migrate(db.sql);
	const orgId = (await seedDemo(db.sql))!;
	const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: '0', PARLEY_JOBS: '0', ...env });
	const instances: Running[] = [];
	for (let i = 0; i < count; i++) instances.push(await startParley({ config, db, log: () => {} }));
	await projectCalendar(instances[0]!.runtime.collab, orgId);
	return {
		db,
		orgId,
		instances,
		async close() {
			for (const r of instances) await r.close();
			await db.close();
		}
	};
}
