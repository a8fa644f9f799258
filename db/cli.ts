/** `npm run db:migrate` and `npm run db:seed` against DATABASE_URL, or the embedded database. */
import { loadConfig } from '../server/config';
import { createRuntime, projectCalendar } from '../server/runtime';
import { openDatabase } from './client';
import { migrate } from './migrate';
import { completeDemo, seedDemo, DEMO_PASSWORD } from './seed';

async function main(command: string | undefined) {
	if (command !== 'migrate' && command !== 'seed') {
		console.error('usage: db/cli.ts migrate|seed');
		process.exit(2);
	}
	const config = loadConfig();
	const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR });
	if (command === 'migrate') {
		try {
			const applied = await migrate(db.sql);
			console.log(applied.length ? `applied: ${applied.join(', ')}` : 'migrations: up to date');
		} finally {
			await db.close();
		}
		return;
	}
	// Seeding writes the calendar document; the runtime's projection then fills the tables from it. No
	// jobs: the outbox worker would mail the invitations the demo records as sent long ago.
	const runtime = await createRuntime({ ...config, PARLEY_SEED_DEMO: false, PARLEY_JOBS: false }, { db });
	try {
		const orgId = await seedDemo(db.sql, { demo: 'full' });
		if (orgId) {
			await projectCalendar(runtime.collab, orgId);
			await completeDemo(db.sql, orgId);
		}
		console.log(
			orgId ? `demo data seeded (password: ${DEMO_PASSWORD})` : 'demo organization already present; nothing seeded'
		);
	} finally {
		await runtime.close();
		await db.close();
	}
}

main(process.argv[2]).catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
