/**
 * Table statistics for the planner. A real Postgres keeps them by autovacuum; the embedded one has
 * none, and without them it guesses one row for every range and hashes or walks whole tables
 * (decision 70). Parley analyzes the tables its searches join once the database is migrated and
 * seeded, and the jobs pass again every hour.
 */
import type { Database } from './client';

/** The tables whose row counts and spreads the slot finder's and the calendar's reads depend on. */
const TABLES = 'interviews, interview_panel, memberships, users, applications';

/** How often the jobs pass refreshes the embedded database's statistics. */
export const ANALYZE_EVERY_MS = 3_600_000;

const lastAnalyzed = new WeakMap<Database, number>();

/** Analyzes the embedded database's busiest tables (a real Postgres has autovacuum); returns whether it ran. */
export async function refreshStatistics(db: Database, now = Date.now()): Promise<boolean> {
	if (db.kind !== 'embedded') return false;
	const last = lastAnalyzed.get(db);
	if (last !== undefined && now - last < ANALYZE_EVERY_MS) return false;
	lastAnalyzed.set(db, now);
	await db.sql.unsafe(`analyze ${TABLES}`);
	return true;
}
