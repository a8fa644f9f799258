/**
 * The outbox worker: claims due messages (`for update skip locked`, so any number of instances work
 * side by side), renders each from its stored payload, hands it to the transport, and records the
 * outcome. A message whose sender died mid-send is claimed again once its lease runs out (at once on
 * the embedded database, whose process is the only worker) and sent again with the same Message-ID.
 * Failures wait with exponential backoff; a permanent refusal or the last attempt marks it failed.
 */
import type { Sql } from '../../../../db/client';
import type { EventBus } from '../../../../db/events';
import { NOTIFICATION_EVENT } from '$lib/contract/notifications';
import { renderMail } from '../mail/render';
import { addressOf, messageIdFor, sendError, type MailTransport } from '../mail/transport';
import {
	claimDue,
	dropStale,
	markFailed,
	markSent,
	notifyAdminsOfFailure,
	OUTBOX_QUEUED,
	readPayload,
	releaseOrphanedClaims,
	type OutboxRow,
	type RetryPolicy,
	messageLocales
} from './outbox';

/** The time as the worker and the notifications job see it; tests give their own. */
export interface Clock {
	now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Tunables of the outbox, with their defaults (configuration overrides them). */
export const OUTBOX_DEFAULTS = {
	/** How often a worker looks for due messages when nobody woke it. */
	pollMs: 2_000,
	/** How long a claim holds a message; a send that takes longer may be sent again by another worker. */
	leaseMs: 120_000,
	/** Messages sent at once (and SMTP connections kept open). */
	concurrency: 4,
	retry: { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 10 } satisfies RetryPolicy
};

export interface WorkerOptions {
	sql: Sql;
	transport: MailTransport;
	clock?: Clock;
	/** The sender (`MAIL_FROM`): the From header, the Message-ID's domain, the invitation's ORGANIZER. */
	from: string;
	/** The public origin links point to. */
	origin: () => string;
	/** The embedded database serves one process: claims it finds at start were left by its own crash. */
	embedded: boolean;
	bus?: EventBus;
	pollMs?: number;
	leaseMs?: number;
	concurrency?: number;
	retry?: RetryPolicy;
	log?: (line: string) => void;
}

export interface DrainResult {
	sent: number;
	retried: number;
	failed: number;
	dropped: number;
}

export interface OutboxWorker {
	/** Sends everything due now; resolves when nothing due is left (or only what waits for a retry). */
	drain(): Promise<DrainResult>;
	/** Polls and listens for `outbox.queued`; `stop()` waits for the current round. */
	start(): void;
	wake(): void;
	stop(): Promise<void>;
}

export function createOutboxWorker(opts: WorkerOptions): OutboxWorker {
	const clock = opts.clock ?? systemClock;
	const log = opts.log ?? ((line: string) => console.log(line));
	const leaseMs = opts.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
	const concurrency = Math.max(1, opts.concurrency ?? OUTBOX_DEFAULTS.concurrency);
	const retry = opts.retry ?? OUTBOX_DEFAULTS.retry;
	const organizer = addressOf(opts.from);
	let recovered = !opts.embedded;

	/** A message given up on: counted, logged, and told to the organization's admins. */
	async function gaveUp(row: OutboxRow, toName: string, error: string, result: DrainResult) {
		result.failed++;
		log(`[outbox] ${row.kind} to ${row.to_address} failed for good after ${row.attempts} attempt(s): ${error}`);
		const admins = await notifyAdminsOfFailure(opts.sql, row, toName, error);
		if (admins.length && opts.bus && row.org_id) {
			await opts.bus.publish({ type: NOTIFICATION_EVENT, orgId: row.org_id, userIds: admins }).catch(() => {});
		}
	}

	async function sendOne(row: OutboxRow, result: DrainResult): Promise<void> {
		const payload = readPayload(row);
		if (!payload) {
			const error = 'The stored message cannot be read.';
			const status = await markFailed(opts.sql, row, { message: error, permanent: true }, clock.now(), retry);
			if (status === 'failed') await gaveUp(row, row.to_address, error, result);
			return;
		}
		try {
			const lang = (await messageLocales(opts.sql, [row])).get(row.id);
			const rendered = renderMail(payload, { origin: opts.origin(), organizerEmail: organizer, lang });
			await opts.transport.send({
				to: { name: payload.recipient.name, address: row.to_address },
				subject: rendered.subject,
				text: rendered.text,
				html: rendered.html,
				calendar: rendered.calendar,
				moreCalendars: rendered.moreCalendars,
				messageId: messageIdFor(row.id, opts.from)
			});
		} catch (err) {
			const e = sendError(err);
			const status = await markFailed(opts.sql, row, e, clock.now(), retry);
			if (status === 'failed') await gaveUp(row, payload.recipient.name, e.message, result);
			else if (status === 'queued') result.retried++;
			return;
		}
		if (await markSent(opts.sql, row, clock.now())) result.sent++;
		else log(`[outbox] ${row.id} was sent after its claim ran out; another worker may send it too (same Message-ID)`);
	}

	async function drain(): Promise<DrainResult> {
		const result: DrainResult = { sent: 0, retried: 0, failed: 0, dropped: 0 };
		if (!recovered) {
			const released = await releaseOrphanedClaims(opts.sql, clock.now());
			if (released) log(`[outbox] ${released} message(s) were being sent when the process stopped; sending again`);
			recovered = true;
		}
		for (;;) {
			const rows = await claimDue(opts.sql, { now: clock.now(), limit: concurrency * 8, leaseMs });
			if (!rows.length) return result;
			const stale = await dropStale(opts.sql, rows, clock.now());
			result.dropped += stale.size;
			const queue = rows.filter((r) => !stale.has(r.id));
			// Twice as many lanes as SMTP connections: while one lane records its outcome in the
			// database, another keeps the connection busy.
			const lanes = Array.from({ length: Math.min(concurrency * 2, queue.length) }, async () => {
				for (let row = queue.shift(); row; row = queue.shift()) await sendOne(row, result);
			});
			await Promise.all(lanes);
		}
	}

	let timer: ReturnType<typeof setInterval> | null = null;
	let unsubscribe: (() => void) | null = null;
	let running: Promise<void> | null = null;
	let wanted = false;
	let stopped = false;

	function wake() {
		if (stopped) return;
		wanted = true;
		running ??= (async () => {
			while (wanted && !stopped) {
				wanted = false;
				try {
					const r = await drain();
					if (r.sent || r.failed || r.retried)
						log(`[outbox] sent ${r.sent}, retrying ${r.retried}, failed ${r.failed}, dropped ${r.dropped}`);
				} catch (err) {
					console.error('[outbox] a round failed; the next one retries', err);
				}
			}
		})().finally(() => {
			running = null;
		});
	}

	return {
		drain,
		wake,
		start() {
			stopped = false;
			timer = setInterval(wake, opts.pollMs ?? OUTBOX_DEFAULTS.pollMs);
			unsubscribe = opts.bus?.subscribe((e) => e.type === OUTBOX_QUEUED && wake()) ?? null;
			wake();
		},
		async stop() {
			stopped = true;
			if (timer) clearInterval(timer);
			unsubscribe?.();
			await running;
		}
	};
}
