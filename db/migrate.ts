/** Plain-SQL migrations from db/migrations, applied in name order and recorded in a table. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from './client';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any fixed number: it only has to be the same for every Parley process sharing a database. */
const MIGRATION_LOCK_KEY = 7_301_977;

/** Applies every migration not yet recorded; returns the names applied now. */
export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<string[]> {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort();
	return sql.begin(async (tx) => {
		// Several instances may start at once against one Postgres: one migrates, the others wait.
		await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
		await tx`create table if not exists schema_migrations (
			name text primary key, applied_at timestamptz not null default now())`;
		const done = new Set((await tx<{ name: string }[]>`select name from schema_migrations`).map((r) => r.name));
		const applied: string[] = [];
		for (const file of files) {
			if (done.has(file)) continue;
			await tx.unsafe(readFileSync(`${dir}/${file}`, 'utf8'));
			await tx`insert into schema_migrations (name) values (${file})`;
			applied.push(file);
		}
		return applied;
	});
}
