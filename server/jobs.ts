/**
 * Background jobs, run every minute in the processes started with `PARLEY_JOBS` on:
 *  - settling interviews after their end: still scheduled or in progress `autoStatusAfterEndMin`
 *    after the scheduled end, an interview becomes completed (the candidate joined, or it was in
 *    person) or no_show (online and the candidate never joined), through the calendar document
 *    (audited, actor = system);
 *  - ending personal-link sessions whose link expired or was revoked, and dropping the peer ids of
 *    rooms closed for a day;
 *  - queueing the reminders (24 h and 1 h before) and scorecard requests that are due
 *    (src/lib/server/notifications/due.ts: keyed, so a second runner or a repeated pass adds nothing);
 *  - archiving, once a day per organization at most, the interviews that left its live window, which
 *    compacts its calendar document (collab-server/archive.ts, decision 69), and forwarding what
 *    clients sent to a replaced calendar generation that no pass has forwarded yet.
 * With several instances a pass runs in one of them at a time: a Postgres advisory lock held on a
 * reserved connection; the embedded database serves one process, so an in-process flag is enough.
 */
import { resolvePolicy, type PolicyOverrides } from '../src/lib/domain/policy';
import { autoStatusAfterEnd } from '../src/lib/domain/status';
import type { InterviewStatus } from '../src/lib/domain/types';
import { endOrphanedLinkSessions } from '../src/lib/server/candidate-links';
import { queueDueNotifications, type DueResult } from '../src/lib/server/notifications/due';
import { changeStatus } from '../src/lib/server/scheduling';
import type { Database } from '../db/client';
import { refreshStatistics } from '../db/statistics';
import type { AppContext } from '../src/lib/server/context';
import type { OutboxWorker } from '../src/lib/server/notifications/worker';
import { organizationsDue, type ArchiveOutcome } from '../collab-server/archive';
import type { CollabServer } from '../collab-server';

/** What the jobs are given by the composition root (a `Runtime` is one). */
export interface JobsHost {
	db: Database;
	app: AppContext;
	outbox: OutboxWorker;
	collab: Pick<CollabServer, 'archive' | 'forwardPending'>;
}

/** An organization's calendar is compacted at most this often (each compaction moves every client over). */
export const ARCHIVE_EVERY_MS = 20 * 3_600_000;

export const JOB_INTERVAL_MS = 60_000;
/** The advisory lock key of a jobs pass (any constant shared by every instance). */
const JOB_LOCK_KEY = 7_140_001;

export interface PassResult {
	/** False when another runner held the lock and this one did nothing. */
	ran: boolean;
	completed: string[];
	noShow: string[];
	failed: string[];
	notifications: DueResult | null;
	archived: ArchiveOutcome[];
}

/** The embedded database serves one process: a flag keeps two passes in it apart. */
const running = new WeakSet<JobsHost>();

/** Runs one pass of every job; safe to call from several runners at once. */
export async function runJobsPass(runtime: JobsHost, now = new Date()): Promise<PassResult> {
	const idle: PassResult = { ran: false, completed: [], noShow: [], failed: [], notifications: null, archived: [] };
	if (runtime.db.kind === 'embedded') {
		if (running.has(runtime)) return idle;
		running.add(runtime);
		try {
			return await settle(runtime, now);
		} finally {
			running.delete(runtime);
		}
	}
	const reserved = await runtime.db.sql.reserve();
	try {
		const [lock] = await reserved<{ ok: boolean }[]>`select pg_try_advisory_lock(${JOB_LOCK_KEY}) as ok`;
		if (!lock?.ok) return idle;
		try {
			return await settle(runtime, now);
		} finally {
			await reserved`select pg_advisory_unlock(${JOB_LOCK_KEY})`;
		}
	} finally {
		reserved.release();
	}
}

async function settle(runtime: JobsHost, now: Date): Promise<PassResult> {
	const sql = runtime.db.sql;
	const result: PassResult = { ran: true, completed: [], noShow: [], failed: [], notifications: null, archived: [] };
	// Every interview past its end; the policy of its organization decides whether it is time.
	const due = await sql<
		{
			id: string;
			org_id: string;
			start_at: Date;
			duration_min: number;
			mode: 'online' | 'offline';
			status: InterviewStatus;
			candidate_joined: boolean;
			policy: PolicyOverrides | null;
		}[]
	>`select i.id, i.org_id, i.start_at, i.duration_min, i.mode, i.status,
			i.candidate_joined_at is not null as candidate_joined, o.policy
		from interviews i join organizations o on o.id = i.org_id
		where i.status in ('scheduled', 'in_progress') and i.end_at <= ${now}
		order by i.end_at
		limit 500`;
	for (const i of due) {
		const to = autoStatusAfterEnd(
			{ start: i.start_at.toISOString(), durationMin: i.duration_min, mode: i.mode, status: i.status },
			{ candidateJoined: i.candidate_joined, now, policy: resolvePolicy(i.policy) }
		);
		if (!to) continue;
		try {
			await changeStatus(runtime.app, i.org_id, null, i.id, to, null);
			(to === 'completed' ? result.completed : result.noShow).push(i.id);
		} catch (err) {
			// Changed meanwhile (an admin settled it by hand): the document refused a stale move.
			result.failed.push(i.id);
			console.warn(`[jobs] could not settle interview ${i.id}:`, (err as Error).message);
		}
	}
	await endOrphanedLinkSessions(sql);
	// Peer ids of rooms closed for a day are of no use to anybody.
	await sql`delete from room_peers where expires_at < ${new Date(now.getTime() - 24 * 3600_000)}`;
	// After settling, so an interview that just completed is asked about in the same pass.
	result.notifications = await queueDueNotifications(runtime.app, now);
	await runtime.collab.forwardPending().catch((err: unknown) => console.error('[jobs] forwarding failed', err));
	for (const orgId of await organizationsDue(runtime.app, now, ARCHIVE_EVERY_MS)) {
		try {
			const outcome = await runtime.collab.archive(orgId, { now });
			if (outcome) result.archived.push(outcome);
		} catch (err) {
			console.error(`[jobs] archiving the calendar of ${orgId} failed; tried again next pass`, err);
		}
	}
	// The embedded database has no autovacuum: its planner's statistics are refreshed hourly here.
	await refreshStatistics(runtime.db, now.getTime());
	return result;
}

/** Starts the minute timer; returns a stop function that waits for a running pass. */
export function startJobs(runtime: JobsHost, log: (line: string) => void = console.log): () => Promise<void> {
	let current: Promise<unknown> = Promise.resolve();
	const tick = () => {
		current = runJobsPass(runtime)
			.then((r) => {
				if (r.completed.length || r.noShow.length)
					log(`[jobs] settled ${r.completed.length} completed, ${r.noShow.length} no-show`);
				if (r.notifications?.queued) log(`[jobs] queued ${r.notifications.queued} reminder and scorecard email(s)`);
				for (const a of r.archived)
					log(
						`[jobs] archived ${a.archived} interview(s) of ${a.orgId}: calendar ${a.bytesBefore} → ${a.bytesAfter} bytes (generation ${a.generation})`
					);
			})
			.catch((err: unknown) => console.error('[jobs] pass failed', err));
	};
	const first = setTimeout(tick, 5_000);
	const timer = setInterval(tick, JOB_INTERVAL_MS);
	runtime.outbox.start();
	return async () => {
		clearTimeout(first);
		clearInterval(timer);
		await current;
		await runtime.outbox.stop();
	};
}
